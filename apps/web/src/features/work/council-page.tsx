/**
 * The appraisal council (Hội đồng thẩm định): the disputed items with the unit's score and note,
 * the proposal and its reason, the unit's explanation; the council's points and reason; the
 * minutes (DOCX); the chair's "Phê duyệt điểm cuối cùng". A cycle whose appraisal ended early can
 * have thousands of items (every assigned leaf without a proposal), so the cards are filtered by
 * unit, kind and decision state and shown a page at a time.
 */
import { AssessmentTextMax, type CouncilDecisionBody } from '@parindex/contracts';
import { progressPercent } from '@parindex/engine';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, Modal, Pagination, Progress, Select, Skeleton, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { send, type SessionUser } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { type Conflict, ConflictDialog, conflictOf } from './conflict-dialog.tsx';
import { HistoryDrawer } from './history-drawer.tsx';
import { entersInputs, RuleBands, ScoreEntry, type ScoreEntryValue } from './leaf-inputs.tsx';
import { ErrorAlert, errorText, fmtPoints, useW } from './work-common.tsx';
import { type CouncilItem, type WorkCycle, cycleApi, leafApi, useCouncil, workKeys } from './work.api.ts';

/** Cards per page: each holds a select and a text area, so thousands at once would freeze the page. */
const PAGE_SIZE = 20;

export function CouncilPage({ cycle, user }: { cycle: WorkCycle; user: SessionUser }) {
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const items = useCouncil(cycle.id);
  const [history, setHistory] = useState<{ unitId: string; leafCode: string } | null>(null);
  // Held here: the refetch after a conflict remounts the card (its key has the revision).
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const canDecide = cycle.status === 'council' && (user.role === 'council_member' || user.role === 'council_chair');
  const [unit, setUnit] = useState<string | null>(null);
  const [kind, setKind] = useState<'all' | CouncilItem['kind']>('all');
  const [state, setState] = useState<'all' | 'undecided' | 'decided'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const list = useMemo(() => items.data ?? [], [items.data]);
  const units = useMemo(() => [...new Map(list.map((i) => [i.unitId, i.unitName])).entries()], [list]);
  const shown = useMemo(
    () => list.filter((i) => (!unit || i.unitId === unit) && (kind === 'all' || i.kind === kind) && (state === 'all' || (state === 'decided') === (i.councilPoints !== null))),
    [list, unit, kind, state],
  );

  if (items.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (items.isError) return <ErrorAlert error={items.error} onRetry={() => items.refetch()} />;
  const decided = list.filter((i) => i.councilPoints !== null).length;
  // A filter change (or a decision under "Chưa quyết định") can leave the current page past the end.
  const current = Math.min(page, Math.max(1, Math.ceil(shown.length / pageSize)));
  const filtered = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const approve = () =>
    Modal.confirm({
      title: w.approveConfirm,
      content: w.approveBody,
      okText: w.approve,
      cancelText: w.cancel,
      onOk: async () => {
        try {
          await send('POST', `${cycleApi(cycle.id)}/approve`);
          message.success(w.approved);
        } catch (e) {
          Modal.error({ title: errorText(e) });
        } finally {
          void client.invalidateQueries({ queryKey: ['work'] });
        }
      },
    });

  return (
    <section aria-labelledby="council-title" className="council">
      <header className="sheet__head">
        <div>
          <h2 id="council-title">{w.councilTitle(cycle.year)}</h2>
          <p className="work-muted">{w.councilIntro}</p>
        </div>
        <div className="sheet__progress">
          {list.length > 0 && (
            <div>
              <div className="work-small">{w.decidedCount(decided, list.length)}</div>
              <Progress percent={progressPercent(decided, list.length)} size="small" showInfo={false} aria-label={w.decidedCount(decided, list.length)} />
            </div>
          )}
          <Button href={`${cycleApi(cycle.id)}/council/minutes`} download>
            {w.minutes}
          </Button>
          {user.role === 'council_chair' && cycle.status === 'council' && (
            <Button type="primary" size="large" onClick={approve}>
              {w.approve}
            </Button>
          )}
        </div>
      </header>
      {cycle.status !== 'council' &&
        (['approved', 'published', 'closed'].includes(cycle.status) ? <Alert type="success" showIcon title={w.councilApprovedBanner} className="work-gap" /> : <Alert type="info" showIcon title={w.councilNotStage} className="work-gap" />)}
      {list.length === 0 ? (
        <Empty description={w.noDisputes} />
      ) : (
        <>
          <div className="sheet__toolbar council__toolbar">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} aria-label={w.unitFilter} placeholder={w.allUnits} value={unit} onChange={filtered((v: string | undefined) => setUnit(v ?? null))} style={{ width: 260 }} options={units.map(([value, label]) => ({ value, label }))} />
            <Select aria-label={w.councilKindFilter} value={kind} onChange={filtered(setKind)} style={{ width: 230 }} options={(['all', 'disputed', 'unproposed'] as const).map((value) => ({ value, label: w.councilKinds[value] }))} />
            <Select aria-label={w.councilStateFilter} value={state} onChange={filtered(setState)} style={{ width: 170 }} options={(['all', 'undecided', 'decided'] as const).map((value) => ({ value, label: w.councilStates[value] }))} />
            <span className="work-muted work-small" aria-live="polite">{w.councilShown(shown.length, list.length)}</span>
          </div>
          {shown.length === 0 ? (
            <Empty description={w.noCouncilMatch} />
          ) : (
            shown.slice((current - 1) * pageSize, current * pageSize).map((i) => (
              <CouncilCard key={`${i.unitId}|${i.leafCode}|${i.revision}`} cycleId={cycle.id} item={i} editable={canDecide}
                onHistory={() => setHistory({ unitId: i.unitId, leafCode: i.leafCode })}
                onConflict={(c) => {
                  setConflict(c);
                  void client.invalidateQueries({ queryKey: workKeys.council(cycle.id) });
                }}
              />
            ))
          )}
          {shown.length > pageSize && (
            <Pagination className="council__pages" align="end" current={current} pageSize={pageSize} total={shown.length} showSizeChanger pageSizeOptions={[PAGE_SIZE, 50, 100]} onChange={(p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            }} />
          )}
        </>
      )}
      <ConflictDialog conflict={conflict} fields={['proposedPoints', 'response', 'councilPoints']} onClose={() => setConflict(null)} />
      {history && <HistoryDrawer cycleId={cycle.id} unitId={history.unitId} leafCode={history.leafCode} onClose={() => setHistory(null)} />}
    </section>
  );
}

function CouncilCard({ cycleId, item, editable, onHistory, onConflict }: { cycleId: string; item: CouncilItem; editable: boolean; onHistory: () => void; onConflict: (c: Conflict) => void }) {
  const { w, lang } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const byInputs = entersInputs(item.rule);
  const [entry, setEntry] = useState<ScoreEntryValue>(byInputs ? { inputs: {} } : { points: item.councilPoints });
  const [reason, setReason] = useState(item.councilReason ?? '');
  const { busy, error, setError, run } = useAction();
  const id = `council-${item.unitId}-${item.leafCode}`;

  const save = async () => {
    const p = byInputs ? null : (entry.points ?? null);
    if (!byInputs && p === null) return setError(item.allowed.kind === 'values' ? w.choosePoints : w.pointsInvalid(fmtPoints(item.max, lang)));
    if (p !== null && item.allowed.kind === 'range' && Number(p) > Number(item.allowed.max)) return setError(w.pointsAbove(fmtPoints(item.allowed.max, lang)));
    if (!reason.trim()) return setError(w.decisionReasonRequired);
    await run(
      async () => {
        await send('PUT', `${leafApi(cycleId, item.unitId, item.leafCode)}/council`, { ...(byInputs ? { inputs: entry.inputs ?? {} } : { points: p }), reason: reason.trim(), revision: item.revision } satisfies CouncilDecisionBody);
        message.success(w.decisionSaved);
        void client.invalidateQueries({ queryKey: workKeys.council(cycleId) });
      },
      (e) => {
        const c = conflictOf(e, [{ label: `${w.decision} — ${item.unitName}, ${item.leafCode}`, value: p ? fmtPoints(p, lang) : '—' }, { label: w.decisionReason, value: reason }], true);
        if (c) onConflict(c);
        return c ? null : errorText(e);
      },
    );
  };

  return (
    <Card
      size="small"
      className="council-card"
      title={
        <span>
          {item.unitName} — <strong>{item.leafCode}</strong> {item.leafTitle}{' '}
          {item.kind === 'unproposed' && <Tag color="gold" title={w.unproposedHint}>{w.unproposedTag}</Tag>}
        </span>
      }
      extra={
        <span>
          {item.councilPoints !== null && <Tag color="green">{w.councilPoints}: {fmtPoints(item.councilPoints, lang)}</Tag>}
          <Button type="link" size="small" onClick={onHistory}>
            {w.history}
          </Button>
        </span>
      }
    >
      <div className="council-card__grid">
        <div>
          <div className="work-muted work-small">{w.selfPoints} ({w.maxPoints.toLowerCase()} {fmtPoints(item.max, lang)})</div>
          <div className="council-card__pts">{fmtPoints(item.selfPoints, lang)}</div>
          <RuleBands rule={item.rule} max={item.max} />
          {item.selfNote && <p className="work-small">{item.selfNote}</p>}
        </div>
        <div>
          <div className="work-muted work-small">{w.proposedPoints}</div>
          <div className="council-card__pts">{item.proposedPoints === null ? <Tag color="gold">{w.unproposedTag}</Tag> : fmtPoints(item.proposedPoints, lang)}</div>
          {item.proposedReason && <p className="work-small">{item.proposedReason}</p>}
        </div>
        <div>
          <div className="work-muted work-small">{w.unitExplanation}</div>
          <p className="work-small">{item.responseText ?? '—'}</p>
        </div>
        <div>
          {editable ? (
            <div className="proposal-form">
              <label htmlFor={`${id}-p`} className="work-small">{w.decision}</label>
              <ScoreEntry id={`${id}-p`} label={`${w.decision} — ${item.unitName}, ${item.leafCode}`} rule={item.rule} allowed={item.allowed} max={item.max} value={entry} onChange={setEntry} />
              <label htmlFor={`${id}-r`} className="work-small">{w.decisionReason}</label>
              <Input.TextArea id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={AssessmentTextMax.reason} />
              <Button type="primary" onClick={save} loading={busy}>
                {w.saveDecision}
              </Button>
              {error && <div className="work-error" role="alert">{error}</div>}
            </div>
          ) : (
            <>
              <div className="work-muted work-small">{w.councilPoints}</div>
              <div className="council-card__pts">{fmtPoints(item.councilPoints, lang)}</div>
              {item.councilReason && <p className="work-small">{item.councilReason}</p>}
            </>
          )}
        </div>
      </div>
    </Card>
  );
}
