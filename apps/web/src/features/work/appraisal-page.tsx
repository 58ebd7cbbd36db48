/**
 * The appraiser's queue (thẩm định): every assigned leaf of every unit, filtered by field, unit and
 * state; side by side the unit's inputs, self points, note and evidence, and the proposed score with
 * its reason (required when it differs). "Chấp nhận điểm tự chấm" for the selected rows.
 */
import { type AppraisalAcceptBody, type AppraisalAcceptResult, AssessmentTextMax, type LeafInputs, type ProposalBody } from '@parindex/contracts';
import { progressPercent } from '@parindex/engine';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Input, Progress, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from '../../app/router.tsx';
import { send, type SessionUser } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { type Conflict, ConflictDialog, conflictOf } from './conflict-dialog.tsx';
import { HistoryDrawer } from './history-drawer.tsx';
import { entersInputs, RuleBands, ScoreEntry, type ScoreEntryValue } from './leaf-inputs.tsx';
import { ErrorAlert, errorText, fmtPoints, sameDecimal, useW } from './work-common.tsx';
import type { WorkMessages } from './work.messages.ts';
import { type QueueItem, type WorkCycle, cycleApi, leafApi, useAppraisal, useDocuments, workKeys, documentUrl } from './work.api.ts';
import { selectAllTitle } from '../../app/table-a11y.tsx';

const rowKey = (i: QueueItem) => `${i.unitId}|${i.leafCode}`;

/** The unit's raw inputs in words ("Đạt", "12/15", "mức a"), in the page's language. */
function inputsText(inputs: LeafInputs | null, w: WorkMessages, lang: 'vi' | 'en'): string {
  if (!inputs) return '—';
  const num = (n: number) => fmtPoints(String(n), lang);
  const parts: string[] = [];
  if (inputs.noneOccurred) parts.push(w.noneOccurred);
  if (inputs.level) parts.push(w.inLevel(inputs.level));
  if (inputs.met !== undefined) parts.push(inputs.met ? w.met : w.notMet);
  if (inputs.numerator !== undefined || inputs.denominator !== undefined) parts.push(`${inputs.numerator ?? '?'}/${inputs.denominator ?? '?'}`);
  if (inputs.count !== undefined) parts.push(w.inCount(num(inputs.count)));
  if (inputs.points) parts.push(w.inPoints(fmtPoints(inputs.points, lang)));
  if (inputs.hasEvidence !== undefined) parts.push(inputs.hasEvidence ? w.inEvidence : w.inNoEvidence);
  return parts.join(' · ') || '—';
}

export function AppraisalPage({ cycle, user }: { cycle: WorkCycle; user: SessionUser }) {
  const { w, lang } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const queue = useAppraisal(cycle.id);
  const [field, setField] = useState<string | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [state, setState] = useState<'all' | 'pending' | 'proposed'>('all');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [history, setHistory] = useState<{ unitId: string; leafCode: string } | null>(null);
  const [accepting, setAccepting] = useState(false);
  // Held here, not in the row's form: the refetch after a conflict remounts the row (its key has the revision).
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const editable = cycle.status === 'appraisal';

  const items = queue.data?.items ?? [];
  const units = useMemo(() => [...new Map(items.map((i) => [i.unitId, i.unitName])).entries()], [items]);
  const shown = useMemo(
    () =>
      items.filter(
        (i) =>
          (!field || i.field === field) &&
          (!unit || i.unitId === unit) &&
          (state === 'all' || (state === 'pending' ? i.proposedPoints === null : i.proposedPoints !== null)) &&
          (!q.trim() || i.leafCode.startsWith(q.trim()) || i.leafTitle.toLowerCase().includes(q.trim().toLowerCase())),
      ),
    [items, field, unit, state, q],
  );

  if (queue.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (queue.isError) return <ErrorAlert error={queue.error} onRetry={() => queue.refetch()} />;

  const refresh = () => client.invalidateQueries({ queryKey: workKeys.appraisal(cycle.id) });
  const acceptable = items.filter((i) => selected.includes(rowKey(i)) && i.selfPoints !== null && i.proposedPoints === null).length;

  const acceptSelected = async () => {
    // A leaf that has a proposal is never accepted in bulk (the server skips it too).
    const chosen = items.filter((i) => selected.includes(rowKey(i)) && i.selfPoints !== null && i.proposedPoints === null);
    if (!chosen.length) return;
    setAccepting(true);
    try {
      const res = await send<AppraisalAcceptResult>('POST', `${cycleApi(cycle.id)}/appraisal/accept`, { items: chosen.map((i) => ({ unitId: i.unitId, leafCode: i.leafCode, revision: i.revision })) } satisfies AppraisalAcceptBody);
      if (res.skipped > 0) message.warning(w.acceptedSkipped(res.accepted, res.skipped), 8);
      else message.success(w.accepted(res.accepted));
      setSelected([]);
    } catch (e) {
      message.error(errorText(e), 8);
    } finally {
      setAccepting(false);
      void refresh();
    }
  };

  const columns: TableColumnsType<QueueItem> = [
    {
      key: 'leaf',
      title: w.colLeaf,
      width: 300,
      render: (_, i) => (
        <div>
          <strong>{i.leafCode}</strong> {i.leafTitle}
          <div className="work-muted work-small">
            {w.maxPoints}: {fmtPoints(i.max, lang)} ·{' '}
            <Button type="link" size="small" className="work-inline-link" onClick={() => setHistory({ unitId: i.unitId, leafCode: i.leafCode })}>
              {w.history}
            </Button>
          </div>
        </div>
      ),
    },
    {
      key: 'unit',
      title: w.colUnit,
      width: 170,
      render: (_, i) => <Link href={`/work/cycles/${encodeURIComponent(cycle.id)}/units/${encodeURIComponent(i.unitId)}`}>{i.unitName}</Link>,
    },
    {
      key: 'inputs',
      title: w.colInputs,
      render: (_, i) => (
        <div className="work-small">
          <div>{inputsText(i.inputs, w, lang)}</div>
          {i.selfNote && <div className="work-muted">“{i.selfNote}”</div>}
          <EvidenceLinks cycleId={cycle.id} unitId={i.unitId} leafCode={i.leafCode} />
        </div>
      ),
    },
    { key: 'self', title: w.colSelf, width: 80, align: 'right', render: (_, i) => (i.selfPoints === null ? <Tag>{w.notScored}</Tag> : <strong>{fmtPoints(i.selfPoints, lang)}</strong>) },
    { key: 'proposal', title: w.colProposal, width: 330, render: (_, i) => <ProposalForm key={`${rowKey(i)}-${i.revision}`} cycleId={cycle.id} item={i} editable={editable} onSaved={refresh} onConflict={(c) => {
      setConflict(c);
      void refresh();
    }} /> },
  ];

  return (
    <section aria-labelledby="appraisal-title" className="appraisal">
      <h2 id="appraisal-title">{w.appraisalTitle(cycle.year)}</h2>
      {!editable && <Alert type="info" showIcon title={w.appraisalNotStage} className="work-gap" />}
      <div className="appraisal__progress" aria-label={w.progressByField}>
        {(queue.data?.progress ?? []).map((p) => (
          <button key={p.field} type="button" className={`appraisal__field${field === p.field ? ' is-active' : ''}`} onClick={() => setField(field === p.field ? null : p.field)} aria-pressed={field === p.field}>
            <span>
              {p.field}. {p.title}
            </span>
            <Progress aria-label={`${p.field}. ${p.title}`} percent={p.total ? progressPercent(p.proposed, p.total) : 0} size="small" format={() => `${p.proposed}/${p.total}`} />
          </button>
        ))}
      </div>
      <div className="sheet__toolbar">
        <Select allowClear aria-label={w.fieldFilter} placeholder={w.allFields} value={field} onChange={(v) => setField(v ?? null)} style={{ width: 260 }} options={(queue.data?.progress ?? []).map((p) => ({ value: p.field, label: `${p.field}. ${p.title}` }))} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} aria-label={w.unitFilter} placeholder={w.allUnits} value={unit} onChange={(v) => setUnit(v ?? null)} style={{ width: 240 }} options={units.map(([value, label]) => ({ value, label }))} />
        <Select aria-label={w.statusFilter} value={state} onChange={setState} style={{ width: 150 }} options={[{ value: 'all', label: w.allStatuses }, { value: 'pending', label: w.pendingOnly }, { value: 'proposed', label: w.proposedOnly }]} />
        <Input.Search allowClear placeholder={w.searchLeaf} aria-label={w.searchLeaf} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} />
        {editable && (
          <Button type="primary" disabled={acceptable === 0} loading={accepting} onClick={acceptSelected}>
            {w.acceptSelected(acceptable)}
          </Button>
        )}
      </div>
      {shown.length === 0 ? (
        <Empty description={w.noItems} />
      ) : (
        <Table<QueueItem>
          rowKey={rowKey}
          size="small"
          columns={columns}
          dataSource={shown}
          pagination={{ pageSize: 25, showSizeChanger: true, pageSizeOptions: [25, 50, 100] }}
          rowSelection={editable ? { columnTitle: selectAllTitle, selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (i) => ({ disabled: i.selfPoints === null || i.proposedPoints !== null, title: i.proposedPoints !== null ? w.hasProposal : undefined, 'aria-label': w.rowSelect(i.leafCode, i.unitName) }) } : undefined}
          rowClassName={(i) => (i.proposedPoints !== null && !sameDecimal(i.proposedPoints, i.selfPoints) ? 'row-different' : '')}
          scroll={{ x: 1150 }}
          sticky
        />
      )}
      <ConflictDialog conflict={conflict} fields={['selfPoints', 'proposedPoints', 'proposedReason']} onClose={() => setConflict(null)} />
      {history && <HistoryDrawer cycleId={cycle.id} unitId={history.unitId} leafCode={history.leafCode} onClose={() => setHistory(null)} />}
      <span hidden>{user.id}</span>
    </section>
  );
}

/** The unit's documents linked to this leaf (from the unit's document list, one request per unit). */
function EvidenceLinks({ cycleId, unitId, leafCode }: { cycleId: string; unitId: string; leafCode: string }) {
  const { w } = useW();
  const docs = useDocuments(cycleId, unitId);
  const linked = (docs.data ?? []).filter((d) => d.leaves.some((l) => l.leafCode === leafCode));
  if (!linked.length) return null;
  return (
    <div>
      {w.evidence}:{' '}
      {linked.map((d) => (
        <span key={d.id} className="work-gap-right">
          <a href={documentUrl(d.id)} target="_blank" rel="noopener" className="text-link">
            {d.numberSymbol ?? d.fileName}
          </a>
          {d.outsideYear && <Tag color="red">{w.outsideYear}</Tag>}
        </span>
      ))}
    </div>
  );
}

function ProposalForm({ cycleId, item, editable, onSaved, onConflict }: { cycleId: string; item: QueueItem; editable: boolean; onSaved: () => void; onConflict: (c: Conflict) => void }) {
  const { w, lang } = useW();
  const { message } = App.useApp();
  // Start from the saved proposal when it is one of the offered values; raw inputs start empty.
  const [entry, setEntry] = useState<ScoreEntryValue>(entersInputs(item.rule) ? { inputs: {} } : { points: item.proposedPoints });
  const [reason, setReason] = useState(item.proposedReason ?? '');
  const { busy, error, setError, run } = useAction();
  if (!editable)
    return (
      <div>
        <strong>{fmtPoints(item.proposedPoints, lang)}</strong>
        <RuleBands rule={item.rule} max={item.max} />
        {item.proposedReason && <div className="work-small">{item.proposedReason}</div>}
        {item.response && <Tag>{w.responded[item.response]}</Tag>}
      </div>
    );
  const byInputs = entersInputs(item.rule);
  const points = byInputs ? null : (entry.points ?? null);
  // With raw inputs the figure is known only once the server computed it: ask for a reason up front.
  const differs = byInputs || (points !== null && !sameDecimal(points, item.selfPoints));
  const save = async () => {
    if (!byInputs && points === null) return setError(item.allowed.kind === 'values' ? w.choosePoints : w.pointsInvalid(fmtPoints(item.max, lang)));
    if (!byInputs && points !== null && item.allowed.kind === 'range' && Number(points) > Number(item.allowed.max)) return setError(w.pointsAbove(fmtPoints(item.allowed.max, lang)));
    if (!byInputs && differs && !reason.trim()) return setError(w.reasonRequired);
    await run(
      async () => {
        await send('PUT', `${leafApi(cycleId, item.unitId, item.leafCode)}/proposal`, { ...(byInputs ? { inputs: entry.inputs ?? {} } : { points }), reason: reason.trim() || null, revision: item.revision } satisfies ProposalBody);
        message.success(w.proposalSaved);
        onSaved();
      },
      (e) => {
        const c = conflictOf(e, [{ label: `${w.colProposal} ${item.leafCode} — ${item.unitName}`, value: points ? fmtPoints(points, lang) : '—' }, ...(reason.trim() ? [{ label: w.reason, value: reason }] : [])], true);
        if (c) onConflict(c);
        return c ? null : errorText(e);
      },
    );
  };
  const id = `prop-${item.unitId}-${item.leafCode}`;
  return (
    <div className="proposal-form">
      <div className="proposal-form__row">
        <ScoreEntry id={`${id}-p`} label={`${w.colProposal} ${item.leafCode} — ${item.unitName}`} rule={item.rule} allowed={item.allowed} max={item.max} value={entry} onChange={setEntry} />
        <Button onClick={save} loading={busy} type={item.proposedPoints === null ? 'primary' : 'default'}>
          {w.propose}
        </Button>
        {item.proposedPoints !== null && <Tag color={sameDecimal(item.proposedPoints, item.selfPoints) ? 'green' : 'orange'}>{fmtPoints(item.proposedPoints, lang)}</Tag>}
        {item.response && <Tag>{w.responded[item.response]}</Tag>}
      </div>
      <RuleBands rule={item.rule} max={item.max} />
      {(differs || reason) && (
        <>
          <label htmlFor={`${id}-r`} className="work-small">
            {w.reason}
            {differs && !byInputs ? ' *' : ''}
          </label>
          <Input.TextArea id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={AssessmentTextMax.reason} status={differs && !reason.trim() && error ? 'error' : undefined} />
        </>
      )}
      {error && <div className="work-error" role="alert">{error}</div>}
    </div>
  );
}
