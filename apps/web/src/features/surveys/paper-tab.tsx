/**
 * Nhập phiếu giấy: staff type a paper form; each form is typed twice by two people and stored only
 * when both agree (the server compares). Differences are shown by question, to check the paper.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { SurveyPaperBody, type Questionnaire, type SurveyPaperOutcome, type SurveyPaperPending } from '@parindex/contracts';
import { getJson } from '../../lib/api.ts';
import { fieldRule } from '../../lib/form-rules.ts';
import { send } from '../../lib/session.ts';
import { showError, useAction } from '../../lib/use-action.ts';
import { surveyUrls, useCycleUnits } from './surveys.api.ts';


const T = {
  vi: {
    intro: 'Mỗi phiếu giấy được hai người nhập độc lập. Phiếu chỉ được lưu khi hai lần nhập khớp nhau; nếu khác, hãy xem lại phiếu giấy và nhập lần ba.',
    serial: 'Số phiếu (ghi trên phiếu giấy)',
    group: 'Nhóm đối tượng',
    serialRule: 'Hãy nhập số phiếu ghi trên phiếu giấy (tối đa 40 ký tự).',
    groupRule: 'Hãy chọn nhóm đối tượng.',
    unit: 'Đơn vị được đánh giá',
    save: 'Lưu lần nhập',
    first: (s: string) => `Đã lưu lần nhập thứ nhất của phiếu ${s}. Cần một người khác nhập lần hai.`,
    stored: (s: string) => `Hai lần nhập phiếu ${s} khớp nhau: phiếu đã được lưu.`,
    mismatch: (s: string, d: string) => `Phiếu ${s}: hai lần nhập khác nhau ở ${d}. Hãy xem lại phiếu giấy và nhập lại.`,
    pending: 'Phiếu đang chờ',
    state: 'Trạng thái',
    waiting: { second: 'Chờ nhập lần hai', reconcile: 'Chờ đối chiếu' },
    entries: 'Số lần đã nhập',
    none: 'Không có phiếu nào đang chờ.',
  },
  en: {
    intro: 'Each paper form is typed by two people independently. It is stored only when both entries agree; otherwise check the paper and type it a third time.',
    serial: 'Form number (written on the paper)',
    group: 'Respondent group',
    serialRule: 'Enter the number written on the paper form (at most 40 characters).',
    groupRule: 'Choose the respondent group.',
    unit: 'Unit assessed',
    save: 'Save entry',
    first: (s: string) => `First entry of form ${s} saved. Someone else must type it a second time.`,
    stored: (s: string) => `Both entries of form ${s} agree: the response is stored.`,
    mismatch: (s: string, d: string) => `Form ${s}: the entries differ at ${d}. Check the paper form and type it again.`,
    pending: 'Forms waiting',
    state: 'State',
    waiting: { second: 'Waiting for a second entry', reconcile: 'Waiting for reconciliation' },
    entries: 'Entries',
    none: 'No form is waiting.',
  },
};

export function PaperTab({ qid, cycleId, canManage }: { qid: string; cycleId: string; canManage: boolean }) {
  const { lang } = useI18n();
  const t = T[lang === 'en' ? 'en' : 'vi'];
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [group, setGroup] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<SurveyPaperOutcome | null>(null);
  const { busy, run } = useAction();
  const doc = useQuery({ queryKey: ['work', 'survey-full', qid], queryFn: () => getJson<Questionnaire>(`/api/work/surveys/${encodeURIComponent(qid)}`) });
  const pending = useQuery({ queryKey: ['work', 'survey-paper', qid], queryFn: () => getJson<SurveyPaperPending[]>(surveyUrls.paper(qid)) });
  const units = useCycleUnits(cycleId, true);
  if (!doc.data) return null;
  const sectionGroups = new Map(doc.data.sections.map((s) => [s.code, s.groups]));
  const asked = doc.data.questions.filter((q) => {
    const groups = q.groups ?? sectionGroups.get(q.section);
    return !group || !groups || groups.includes(group);
  });

  const submit = async (values: Record<string, unknown>) => {
    await run(
      async () => {
        const answers: Record<string, string | string[]> = {};
        for (const q of asked) {
          const v = values[`q_${q.code}`];
          if (v === undefined || v === null || v === '') continue;
          answers[q.code] = v as string | string[];
        }
        const r = await send<SurveyPaperOutcome>('POST', surveyUrls.paper(qid), { serial: values.serial, respondentGroup: values.group, evaluatedUnitCode: values.unit ?? null, answers });
        setOutcome(r);
        if (r.status !== 'mismatch') form.resetFields(asked.map((q) => `q_${q.code}`).concat('serial'));
        await client.invalidateQueries({ queryKey: ['work', 'survey-paper', qid] });
        await client.invalidateQueries({ queryKey: ['work', 'survey', qid] });
      },
      showError((text) => message.error(text, 10)),
    );
  };

  return (
    <div>
      <p className="sv-help">{t.intro}</p>
      {outcome && (
        <Alert
          className="sv-gap-sm"
          showIcon
          type={outcome.status === 'stored' ? 'success' : outcome.status === 'first' ? 'info' : 'warning'}
          message={outcome.status === 'stored' ? t.stored(outcome.serial) : outcome.status === 'first' ? t.first(outcome.serial) : t.mismatch(outcome.serial, outcome.differences.join(', '))}
        />
      )}
      {canManage && (
        <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 860 }}>
          <Space wrap align="start">
            <Form.Item name="serial" label={t.serial} required rules={[fieldRule(SurveyPaperBody, 'serial', t.serialRule)]}>
              <Input style={{ width: 200 }} autoComplete="off" />
            </Form.Item>
            <Form.Item name="group" label={t.group} required rules={[fieldRule(SurveyPaperBody, 'respondentGroup', t.groupRule)]}>
              <Select style={{ width: 240 }} onChange={(v: string) => setGroup(v)} options={doc.data.respondentGroups.map((g) => ({ value: g.code, label: g.name }))} />
            </Form.Item>
            <Form.Item name="unit" label={t.unit}>
              <Select style={{ width: 320 }} showSearch optionFilterProp="label" allowClear options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))} />
            </Form.Item>
          </Space>
          {asked.map((q) => (
            <Form.Item key={q.code} name={`q_${q.code}`} label={`${q.code}. ${q.text}`} className={outcome?.status === 'mismatch' && outcome.differences.includes(q.code) ? 'sv-paper-diff' : undefined}>
              {q.type === 'text' ? (
                <Input />
              ) : q.type === 'multiple' ? (
                <Checkbox.Group options={q.options.map((o) => ({ value: o.code, label: `${o.code}. ${o.label}` }))} />
              ) : (
                <Radio.Group options={q.options.map((o) => ({ value: o.code, label: `${o.code}. ${o.label}` }))} />
              )}
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t.save}
          </Button>
        </Form>
      )}
      <h3 className="sv-h3" style={{ marginTop: 24 }}>{t.pending}</h3>
      <Table
        size="small"
        rowKey="serial"
        pagination={false}
        locale={{ emptyText: t.none }}
        dataSource={pending.data ?? []}
        columns={[
          { title: t.serial, dataIndex: 'serial' },
          { title: t.entries, dataIndex: 'entries', align: 'right' },
          { title: t.state, dataIndex: 'waitingFor', render: (w: 'second' | 'reconcile') => <Tag color={w === 'second' ? 'blue' : 'orange'}>{t.waiting[w]}</Tag> },
        ]}
      />
    </div>
  );
}
