/**
 * A unit's remediation plan (/work/cycles/:id/units/:unitId/remediation): last year's actions with
 * this year's result on the same criterion (better/worse), this cycle's actions (editable, PATCH per
 * row), and new rows pre-filled from the criteria that lost the most points (POST).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Input, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { Link } from '../../app/router.tsx';
import { getJson } from '../../lib/api.ts';
import { send, type SessionUser } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { ActionRow, Deadline, humanize, leafCell } from './remediation-row.tsx';
import { type Carried, type Plan, type Status, STATUSES, enc, fieldFits, planApi, planKey } from './remediation.api.ts';
import { remediationMessages } from './remediation.messages.ts';
import { ErrorAlert, errorText, fmtPoints, useW } from './work-common.tsx';

interface Draft {
  key: string;
  leafCode: string;
  leafTitle: string | null;
  pointsLost: string | null;
  action: string;
  owner: string;
  deadline: string;
  status: Status;
  note: string;
}

export function RemediationPage({ cycleId, unitId, user }: { cycleId: string; unitId: string; user: SessionUser }) {
  const m = useFeatureMessages(remediationMessages);
  const { lang } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const plan = useQuery({ queryKey: planKey(cycleId, unitId), queryFn: ({ signal }) => getJson<Plan>(planApi(cycleId, unitId), { signal }) });
  const canEdit = user.role === 'secretariat' || ((user.role === 'unit_officer' || user.role === 'unit_head') && user.unitId === unitId);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const { busy, error: draftError, setError: setDraftError, run } = useAction();
  const [info, setInfo] = useState<string | null>(null);

  if (plan.isPending) return <Skeleton active />;
  if (plan.isError) return <ErrorAlert error={plan.error} onRetry={() => plan.refetch()} />;
  const p = plan.data;
  const year = p.cycle.year;

  function fromLost() {
    setInfo(null);
    const taken = new Set([...p.actions.map((a) => a.leafCode), ...drafts.map((d) => d.leafCode)]);
    const top = p.lostLeaves.slice(0, 5).filter((l) => !taken.has(l.code));
    if (p.lostLeaves.length === 0) return setInfo(m.noLost);
    if (top.length === 0) return setInfo(m.allPlanned);
    setDrafts((ds) => [
      ...ds,
      ...top.map((l) => ({ key: `${l.code}-${Date.now()}`, leafCode: l.code, leafTitle: l.title, pointsLost: l.lost, action: '', owner: '', deadline: '', status: 'planned' as Status, note: '' })),
    ]);
  }

  async function saveDrafts() {
    setDraftError(null);
    const missing = drafts.findIndex((d) => !fieldFits('action', d.action) || !fieldFits('owner', d.owner));
    if (missing >= 0) {
      const d = drafts[missing];
      return setDraftError(`${m.row(missing + 1, d.leafCode)}: ${!fieldFits('action', d.action) ? m.needAction : m.needOwner}`);
    }
    await run(
      async () => {
        await send('POST', planApi(cycleId, unitId), {
          items: drafts.map((d) => ({ leafCode: d.leafCode, action: d.action, owner: d.owner, deadline: d.deadline || null, status: d.status, note: d.note.trim() || null })),
        });
        await client.invalidateQueries({ queryKey: planKey(cycleId, unitId) });
        setDrafts([]);
        message.success(m.saved);
      },
      (e) => humanize(errorText(e), drafts.map((d) => d.leafCode), m),
    );
  }

  const setDraft = (key: string, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const statusOptions = STATUSES.map((s) => ({ value: s, label: m.status[s] }));

  const carriedCols: TableColumnsType<Carried> = p.carried
    ? [
        { key: 'leaf', title: m.colLeaf, width: 260, render: (_, a) => leafCell(a.leafCode, a.leafTitle) },
        { key: 'action', title: m.colAction, render: (_, a) => (a.fromUnit ? <>{a.action}<div className="work-muted">{m.fromUnit(a.fromUnit.name)}</div></> : a.action) },
        { key: 'owner', title: m.colOwner, width: 160, render: (_, a) => a.owner },
        { key: 'status', title: m.colStatus, width: 130, render: (_, a) => <Tag>{m.status[a.status]}</Tag> },
        { key: 'then', title: m.colLostThen(p.carried.cycle.year), width: 100, align: 'right', render: (_, a) => fmtPoints(a.pointsLost, lang) },
        { key: 'now', title: m.colLostNow(year), width: 100, align: 'right', render: (_, a) => fmtPoints(a.now?.lost, lang) },
        {
          key: 'trend',
          title: m.colTrend,
          width: 120,
          render: (_, a) => (a.trend ? <Tag color={a.trend === 'better' ? 'green' : a.trend === 'worse' ? 'red' : 'default'}>{m.trend[a.trend]}</Tag> : <span className="work-muted">{m.noTrend}</span>),
        },
      ]
    : [];

  const draftCols: TableColumnsType<Draft> = [
    { key: 'leaf', title: m.colLeaf, width: 240, render: (_, d) => leafCell(d.leafCode, d.leafTitle) },
    { key: 'lost', title: m.lost, width: 80, align: 'right', render: (_, d) => fmtPoints(d.pointsLost, lang) },
    { key: 'action', title: m.colAction, render: (_, d) => <Input.TextArea aria-label={`${m.colAction} ${d.leafCode}`} autoSize value={d.action} onChange={(e) => setDraft(d.key, { action: e.target.value })} /> },
    { key: 'owner', title: m.colOwner, width: 170, render: (_, d) => <Input aria-label={`${m.colOwner} ${d.leafCode}`} value={d.owner} onChange={(e) => setDraft(d.key, { owner: e.target.value })} /> },
    { key: 'deadline', title: m.colDeadline, width: 150, render: (_, d) => <Deadline label={`${m.colDeadline} ${d.leafCode}`} value={d.deadline} onChange={(v) => setDraft(d.key, { deadline: v })} /> },
    { key: 'status', title: m.colStatus, width: 150, render: (_, d) => <Select aria-label={`${m.colStatus} ${d.leafCode}`} style={{ width: '100%' }} value={d.status} options={statusOptions} onChange={(v) => setDraft(d.key, { status: v })} /> },
    { key: 'x', width: 60, render: (_, d) => <Button size="small" onClick={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))}>{m.discard}</Button> },
  ];

  return (
    <section aria-labelledby="plan-title" className="setup">
      <header className="sheet__head">
        <div>
          <h2 id="plan-title">{m.title(p.unit.name, year)}</h2>
          <p className="work-muted">{m.intro}</p>
        </div>
        <Link href={`/work/cycles/${enc(cycleId)}/units/${enc(unitId)}`}>{m.backToSheet}</Link>
      </header>
      {!canEdit && <Alert type="info" showIcon title={m.readOnly} style={{ marginBottom: 12 }} />}
      {p.basis === 'scores' && <p className="work-muted">{m.basisScores}</p>}

      <h3>{p.carried ? m.carriedTitle(p.carried.cycle.year, year) : m.carriedTitle(year - 1, year)}</h3>
      {p.carried ? (
        <Table size="small" rowKey="id" columns={carriedCols} dataSource={p.carried.actions} pagination={false} />
      ) : (
        <p className="work-muted">{m.noCarried}</p>
      )}

      <h3 style={{ marginTop: 24 }}>{m.actionsTitle(year)}</h3>
      {canEdit && (
        <div className="sheet__toolbar">
          <Button onClick={fromLost}>{m.fromLost}</Button>
          {info && <span className="work-muted">{info}</span>}
        </div>
      )}
      {p.actions.length === 0 && drafts.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noActions} />}
      {p.actions.length > 0 && (
        <table className="plan-table">
          <thead>
            <tr>
              <th style={{ width: 220 }}>{m.colLeaf}</th>
              <th style={{ width: 70 }}>{m.lost}</th>
              <th>{m.colAction}</th>
              <th style={{ width: 160 }}>{m.colOwner}</th>
              <th style={{ width: 145 }}>{m.colDeadline}</th>
              <th style={{ width: 150 }}>{m.colStatus}</th>
              <th style={{ width: 180 }}>{m.colNote}</th>
              {canEdit && <th style={{ width: 70 }} />}
            </tr>
          </thead>
          <tbody>
            {p.actions.map((a) => (
              <ActionRow key={a.id} a={a} m={m} lang={lang} canEdit={canEdit} url={`${planApi(cycleId, unitId)}/${enc(a.id)}`} onSaved={() => client.invalidateQueries({ queryKey: planKey(cycleId, unitId) })} statusOptions={statusOptions} />
            ))}
          </tbody>
        </table>
      )}
      {drafts.length > 0 && (
        <div style={{ marginTop: 16 }}>
          <h4>{m.draftsTitle}</h4>
          <Table size="small" rowKey="key" columns={draftCols} dataSource={drafts} pagination={false} />
          {draftError && <Alert type="error" showIcon role="alert" title={draftError} style={{ marginTop: 8 }} />}
          <div className="sheet__toolbar">
            <Button type="primary" loading={busy} onClick={saveDrafts}>
              {m.saveDrafts(drafts.length)}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
