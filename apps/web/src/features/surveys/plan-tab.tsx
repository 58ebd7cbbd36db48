/**
 * The sample plan (cỡ mẫu): per unit × respondent group the transactions N and margin e (the
 * server computes n = N/(1+N·e²)) or a sample size given outright, and the response rate so far.
 */
import { fractionAsPercentText } from '@parindex/engine';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Progress, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal, formatInteger } from '../../lib/format.ts';
import { send } from '../../lib/session.ts';
import { type ProgressRow, type QuestionnaireDoc, surveyKeys, surveyUrls, useCycleUnits, useSurveyQuery } from './surveys.api.ts';
import { surveysMessages } from './surveys.messages.ts';
import { ActionsHeader } from '../../app/table-a11y.tsx';

/** A row being edited: a new row has no target or rate until the server computes them. */
type PlanRow = Omit<ProgressRow, 'target' | 'ratePercent'> & { target: number | null; ratePercent: string | null };

const MARGINS = ['0.03', '0.05', '0.07', '0.1'];

export function PlanTab({ qid, cycleId, canManage }: { qid: string; cycleId: string; canManage: boolean }) {
  const m = useFeatureMessages(surveysMessages);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const progress = useSurveyQuery<ProgressRow[]>(qid, 'progress');
  const doc = useSurveyQuery<QuestionnaireDoc>(qid, 'doc');
  const units = useCycleUnits(cycleId, canManage);
  const [rows, setRows] = useState<PlanRow[]>([]);
  const [dirty, setDirty] = useState(false);
  const [group, setGroup] = useState<string | undefined>();
  const [adding, setAdding] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (progress.data && !dirty) setRows(progress.data.map((p) => ({ ...p })));
  }, [progress.data, dirty]);

  const groups = doc.data?.respondentGroups ?? [];
  const groupName = (c: string) => groups.find((g) => g.code === c)?.name ?? c;
  const change = (i: number, patch: Partial<PlanRow>) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch, ...('target' in patch ? {} : { target: null }) } : r)));
    setDirty(true);
  };

  const add = () => {
    const g = group ?? groups[0]?.code;
    if (!g) return;
    const have = new Set(rows.filter((r) => r.respondentGroup === g).map((r) => r.unitId));
    const extra = (units.data ?? []).filter((u) => adding.includes(u.unitId) && !have.has(u.unitId)).map((u): PlanRow => ({ unitId: u.unitId, unitName: u.name, respondentGroup: g, transactions: null, margin: '0.05', target: null, responses: 0, ratePercent: null }));
    setRows((rs) => [...rs, ...extra]);
    setAdding([]);
    setDirty(true);
  };

  const save = async () => {
    setSaving(true);
    try {
      const body = rows.map((r) => (r.transactions && r.margin ? { unitId: r.unitId, respondentGroup: r.respondentGroup, transactions: r.transactions, margin: r.margin } : { unitId: r.unitId, respondentGroup: r.respondentGroup, target: r.target }));
      const res = await send<ProgressRow[]>('PUT', surveyUrls.targets(qid), body);
      client.setQueryData(surveyKeys.of(qid, 'progress'), res);
      setDirty(false);
      message.success(m.saved);
    } catch (e) {
      message.error((e as Error).message, 8);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <p className="sv-help">{m.targetHelp}</p>
      {canManage && (
        <Space wrap className="sv-gap-sm">
          <Select style={{ minWidth: 200 }} placeholder={m.group} value={group ?? groups[0]?.code} onChange={setGroup} options={groups.map((g) => ({ value: g.code, label: g.name }))} aria-label={m.group} />
          <Select
            mode="multiple"
            style={{ minWidth: 320 }}
            placeholder={m.unit}
            value={adding}
            onChange={setAdding}
            options={(units.data ?? []).map((u) => ({ value: u.unitId, label: u.name }))}
            optionFilterProp="label"
            maxTagCount="responsive"
            aria-label={m.unit}
          />
          <Button onClick={add} disabled={!adding.length}>
            {m.addRows}
          </Button>
          <Button type="primary" onClick={() => void save()} loading={saving} disabled={!dirty}>
            {m.saveTargets}
          </Button>
        </Space>
      )}
      <Table<PlanRow>
        size="small"
        rowKey={(r) => `${r.unitId}|${r.respondentGroup}`}
        loading={progress.isLoading}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: m.noTargets }}
        scroll={{ x: true }}
        columns={[
          { title: m.unit, dataIndex: 'unitName' },
          { title: m.group, dataIndex: 'respondentGroup', render: groupName },
          {
            title: m.transactions,
            dataIndex: 'transactions',
            align: 'right',
            render: (v: number | null, _r, i) => (canManage ? <InputNumber min={1} precision={0} value={v} onChange={(x) => change(i, { transactions: x ?? null })} aria-label={m.transactions} /> : v === null ? '—' : formatInteger(v, lang)),
          },
          {
            title: m.margin,
            dataIndex: 'margin',
            render: (v: string | null, _r, i) =>
              canManage ? (
                <Select style={{ width: 90 }} value={v ?? undefined} allowClear onChange={(x) => change(i, { margin: x ?? null })} options={MARGINS.map((x) => ({ value: x, label: `${formatDecimal(fractionAsPercentText(x), lang, { places: 0 })}%` }))} aria-label={m.margin} />
              ) : v === null ? (
                '—'
              ) : (
                `${formatDecimal(fractionAsPercentText(v), lang, { places: 0 })}%`
              ),
          },
          {
            title: m.target,
            dataIndex: 'target',
            align: 'right',
            render: (v: number | null, r, i) =>
              canManage && !(r.transactions && r.margin) ? <InputNumber min={1} precision={0} value={v} onChange={(x) => change(i, { target: x ?? null })} aria-label={m.target} /> : v === null ? '—' : formatInteger(v, lang),
          },
          { title: m.responses, dataIndex: 'responses', align: 'right', render: (n: number) => formatInteger(n, lang) },
          {
            title: m.rate,
            dataIndex: 'ratePercent',
            width: 200,
            render: (p: string | null, r: PlanRow) =>
              p === null ? '—' : <Progress aria-label={`${m.rate} — ${r.unitName}`} percent={Math.min(100, Number(p))} size="small" status={Number(p) >= 100 ? 'success' : 'normal'} format={() => `${formatDecimal(p, lang, { places: 1 })}%`} />,
          },
          ...(canManage ? [{ title: <ActionsHeader />, key: 'rm', render: (_: unknown, _r: PlanRow, i: number) => <Button type="link" danger onClick={() => (setRows((rs) => rs.filter((_x, j) => j !== i)), setDirty(true))}>{m.remove}</Button> }] : []),
        ]}
      />
    </div>
  );
}
