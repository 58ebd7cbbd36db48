/**
 * Surveys of a cycle (khảo sát) for the secretariat (leaders and admins read only): the
 * questionnaires with their response counts, creating one from a sample or an Excel file, and for
 * the chosen one the sample plan, links and desks, response imports, quality flags and SIPAS;
 * scoring the survey leaves of the whole cycle. The chosen questionnaire and tab live in the
 * address (?phieu=…&muc=…) so a page can be bookmarked or sent.
 */
import type { SurveyCreated } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Spin, Switch, Table, Tabs, Tag, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { Link } from '../../app/router.tsx';
import { formatInteger } from '../../lib/format.ts';
import { send, useSession } from '../../lib/session.ts';
import { showError, useAction } from '../../lib/use-action.ts';
import { LinksTab } from './links-tab.tsx';
import { PaperTab } from './paper-tab.tsx';
import { PlanTab } from './plan-tab.tsx';
import { QualityTab, ResponsesTab } from './responses-tab.tsx';
import { ScorePanel } from './score-panel.tsx';
import { SipasTab } from './sipas-tab.tsx';
import { WindowControls } from './window-controls.tsx';
import { windowMessages } from './windows.messages.ts';
import { type QuestionnaireRow, surveyKeys, surveyUrls, useQuestionnaires, useWorkCycle } from './surveys.api.ts';
import { collectionMessages } from './collection.messages.ts';
import { surveysMessages } from './surveys.messages.ts';
import './surveys.css';
import { ActionsHeader } from '../../app/table-a11y.tsx';

type TabKey = 'plan' | 'links' | 'responses' | 'paper' | 'quality' | 'sipas';

function useQueryParam(name: string): [string | null, (v: string | null) => void] {
  const [value, setValue] = useState(() => new URLSearchParams(window.location.search).get(name));
  const set = (v: string | null) => {
    const p = new URLSearchParams(window.location.search);
    if (v) p.set(name, v);
    else p.delete(name);
    const qs = p.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
    setValue(v);
  };
  return [value, set];
}

export default function SurveysPage({ cycleId }: { cycleId: string }) {
  const m = useFeatureMessages(surveysMessages);
  const cm = useFeatureMessages(collectionMessages);
  const wm = useFeatureMessages(windowMessages);
  const { lang } = useI18n();
  const session = useSession();
  const user = session.data?.user ?? null;
  const canRead = !!user && ['secretariat', 'leader', 'admin'].includes(user.role);
  const canManage = user?.role === 'secretariat';
  const cycle = useWorkCycle(cycleId, canRead);
  const list = useQuestionnaires(cycleId, canRead);
  const [selected, setSelected] = useQueryParam('phieu');
  const [tab, setTab] = useQueryParam('muc');
  const client = useQueryClient();
  const { message } = App.useApp();
  const { busy, run } = useAction();
  /** Declares the next questionnaire created or imported as identified (ghi danh); off = anonymous. */
  const [identified, setIdentified] = useState(false);
  usePageMeta(cycle.data ? m.heading(cycle.data.name) : m.title);

  if (session.isLoading) return <Spin className="sv-spin" />;
  if (!user)
    return (
      <div className="sv-page">
        <Alert type="info" showIcon title={m.signIn} action={<Link href={`/login?next=${encodeURIComponent(window.location.pathname)}`}>{m.signInLink}</Link>} />
      </div>
    );
  if (!canRead)
    return (
      <div className="sv-page">
        <Alert type="warning" showIcon title={m.forbidden} />
      </div>
    );

  const rows = list.data ?? [];
  const current: QuestionnaireRow | undefined = rows.find((r) => r.id === selected) ?? rows[0];

  const create = async (sample: 'sipas' | 'par') => {
    await run(
      async () => {
        const res = await send<SurveyCreated>('POST', surveyUrls.list(cycleId), { sample, identified });
        message.success(m.created(res.code));
        await client.invalidateQueries({ queryKey: surveyKeys.list(cycleId) });
        setSelected(res.id);
      },
      showError((text) => message.error(text)),
    );
  };

  const importQuestionnaire = async (file: File) => {
    const fd = new FormData();
    // Before the file: the server reads fields sent ahead of the file part.
    if (identified) fd.append('identified', '1');
    fd.append('file', file);
    await run(
      async () => {
        const res = await send<SurveyCreated>('POST', surveyUrls.importQuestionnaire(cycleId), fd);
        message.success(m.created(res.code));
        await client.invalidateQueries({ queryKey: surveyKeys.list(cycleId) });
        setSelected(res.id);
      },
      showError((text) => message.error(text, 8)),
    );
  };

  const activeTab: TabKey = (tab as TabKey) ?? 'plan';
  const tabs = current
    ? [
        { key: 'plan', label: m.tabs.plan, children: <PlanTab qid={current.id} cycleId={cycleId} canManage={canManage} /> },
        { key: 'links', label: m.tabs.links, children: <LinksTab qid={current.id} cycleId={cycleId} canManage={canManage} /> },
        { key: 'responses', label: m.tabs.responses, children: <ResponsesTab qid={current.id} cycleId={cycleId} canManage={canManage} /> },
        { key: 'paper', label: lang === 'en' ? 'Paper forms (double entry)' : 'Nhập phiếu giấy', children: <PaperTab qid={current.id} cycleId={cycleId} canManage={canManage} /> },
        { key: 'quality', label: m.tabs.quality, children: <QualityTab qid={current.id} cycleId={cycleId} canManage={canManage} /> },
        ...(current.kind === 'sipas' ? [{ key: 'sipas', label: m.tabs.sipas, children: <SipasTab qid={current.id} title={current.title} cycleName={cycle.data?.name ?? ''} /> }] : []),
      ]
    : [];

  return (
    <div className="sv-page">
      <Link className="no-print" href={`/work/cycles/${encodeURIComponent(cycleId)}/board`}>
        {m.backToWork}
      </Link>
      <h1 className="sv-h1">{cycle.data ? m.heading(cycle.data.name) : m.title}</h1>
      <p className="sv-intro">{m.intro}</p>
      {!canManage && <Alert className="sv-gap" type="info" showIcon title={m.readOnly} />}

      <Card
        className="sv-gap no-print"
        title={m.questionnaires}
        extra={
          canManage && (
            <Space wrap>
              <Tooltip title={cm.identifiedHelp}>
                <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                  <Switch size="small" checked={identified} onChange={setIdentified} aria-describedby="sv-identified-help" /> {cm.identified}
                </label>
              </Tooltip>
              <span id="sv-identified-help" hidden>
                {cm.identifiedHelp}
              </span>
              <Button type="primary" loading={busy} onClick={() => void create('sipas')}>
                {m.createSipas}
              </Button>
              <Button loading={busy} onClick={() => void create('par')}>
                {m.createPar}
              </Button>
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void importQuestionnaire(f), false)}>
                <Button loading={busy}>{m.importXlsx}</Button>
              </Upload>
            </Space>
          )
        }
      >
        {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
        <Table<QuestionnaireRow>
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: m.none }}
          scroll={{ x: true }}
          rowClassName={(r) => (r.id === current?.id ? 'sv-row--on' : '')}
          columns={[
            { title: m.code, dataIndex: 'code', render: (code: string, r) => (r.id === current?.id ? <strong>{code}</strong> : <a onClick={() => setSelected(r.id)}>{code}</a>) },
            { title: m.name, dataIndex: 'title' },
            {
              title: m.kind,
              dataIndex: 'kind',
              render: (k: string, r) => (
                <>
                  <Tag color={k === 'sipas' ? 'blue' : 'purple'}>{m.kinds[k] ?? k}</Tag>
                  {r.identified && <Tag color="orange">{cm.identifiedTag}</Tag>}
                </>
              ),
            },
            {
              title: wm.column,
              key: 'window',
              render: (_: unknown, r) => <WindowControls target={{ kind: 'questionnaire', id: r.id }} name={r.code} window={r.window} canManage={canManage} onChanged={() => Promise.all([client.invalidateQueries({ queryKey: surveyKeys.list(cycleId) }), client.invalidateQueries({ queryKey: surveyKeys.of(r.id, 'desks') })])} />,
            },
            { title: m.responses, dataIndex: 'responses', align: 'right', render: (n: number) => formatInteger(n, lang) },
            { title: m.excluded, dataIndex: 'excluded', align: 'right', render: (n: number) => formatInteger(n, lang) },
            {
              title: <ActionsHeader />,
              key: 'dl',
              render: (_: unknown, r) => (
                <Space wrap size={4}>
                  <a href={surveyUrls.xlsx(r.id)} download>
                    {m.downloadXlsx}
                  </a>
                  <a href={surveyUrls.template(r.id)} download>
                    {m.downloadTemplate}
                  </a>
                  {canManage && (
                    <a href={surveyUrls.csv(r.id)} download>
                      {m.downloadCsv}
                    </a>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      {current && (
        <Card className="sv-gap" title={`${current.code} — ${current.title}`}>
          <Tabs activeKey={tabs.some((t) => t.key === activeTab) ? activeTab : 'plan'} onChange={(k) => setTab(k)} items={tabs} destroyOnHidden />
        </Card>
      )}

      {rows.length > 0 && <ScorePanel cycleId={cycleId} canManage={canManage} />}
    </div>
  );
}
