/**
 * A unit's self-assessment sheet (phiếu tự đánh giá): progress, the leaves grouped by field →
 * criterion (fields collapsed, so only the open ones render — ~90 leaves stay quick), the head's
 * "Phê duyệt và gửi", read-only banners, and in the appraisal stage the unit's explanation.
 */
import { progressPercent } from '@parindex/engine';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, Empty, Input, Modal, Progress, Segmented, Skeleton, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from '../../app/router.tsx';
import { send, type SessionUser } from '../../lib/session.ts';
import { showError, useAction } from '../../lib/use-action.ts';
import { HistoryDrawer } from './history-drawer.tsx';
import { LeafCard } from './leaf-card.tsx';
import { ErrorAlert, errorText, fmtDateTime, fmtPoints, sameDecimal, useW } from './work-common.tsx';
import { type SheetLeaf, type UnitSheet, type WorkCycle, unitApi, useSheet, workKeys } from './work.api.ts';

type Filter = 'all' | 'todo' | 'problems' | 'proposals';

interface Props {
  cycle: WorkCycle;
  unitId: string;
  user: SessionUser;
}

const differs = (l: SheetLeaf) => l.proposedPoints !== null && !sameDecimal(l.proposedPoints, l.selfPoints);

function matches(l: SheetLeaf, filter: Filter, q: string): boolean {
  if (filter === 'todo' && !(l.source === 'appraised' && l.selfPoints === null)) return false;
  if (filter === 'problems' && l.problems.length === 0 && !(l.evidenceRequired && l.evidence.length === 0)) return false;
  if (filter === 'proposals' && !differs(l)) return false;
  if (!q) return true;
  const s = q.toLowerCase();
  return l.code.toLowerCase().startsWith(s) || l.title.toLowerCase().includes(s);
}

/** Leaf codes for a message: the first 20, then how many more. */
function codeList(codes: string[], shown = 20): string {
  return codes.slice(0, shown).join(', ') + (codes.length > shown ? ` … (+${codes.length - shown})` : '');
}

/** field → criterion → leaves, in rubric order. */
function group(leaves: SheetLeaf[]) {
  const fields = new Map<string, { code: string; title: string; criteria: Map<string, { code: string; title: string; leaves: SheetLeaf[] }> }>();
  for (const l of leaves) {
    const f = l.path[0] ?? { code: l.code, title: l.title };
    const c = l.path[1] ?? f;
    let field = fields.get(f.code);
    if (!field) fields.set(f.code, (field = { ...f, criteria: new Map() }));
    let crit = field.criteria.get(c.code);
    if (!crit) field.criteria.set(c.code, (crit = { ...c, leaves: [] }));
    crit.leaves.push(l);
  }
  return [...fields.values()];
}

export function SheetPage({ cycle, unitId, user }: Props) {
  const { w } = useW();
  const sheet = useSheet(cycle.id, unitId);
  if (sheet.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} onRetry={() => sheet.refetch()} />;
  if (sheet.data.leaves.length === 0) return <Empty description={w.noLeavesMatch} />;
  return <Sheet sheet={sheet.data} user={user} />;
}

function Sheet({ sheet, user }: { sheet: UnitSheet; user: SessionUser }) {
  const { w, lang } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const isUnit = user.role === 'unit_officer' || user.role === 'unit_head';
  const editableSelf = isUnit && sheet.editable.self;
  const editableExplanation = isUnit && sheet.editable.explanation;
  const [filter, setFilter] = useState<Filter>(sheet.cycle.status === 'appraisal' ? 'proposals' : 'all');
  const [q, setQ] = useState('');
  const [history, setHistory] = useState<string | null>(null);
  const { busy, run } = useAction();
  // The filter is applied when chosen, not on every save: a leaf just scored stays on screen.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const codes = useMemo(() => new Set(sheet.leaves.filter((l) => matches(l, filter, q.trim())).map((l) => l.code)), [filter, q]);
  const shown = useMemo(() => sheet.leaves.filter((l) => codes.has(l.code)), [sheet.leaves, codes]);
  const fields = useMemo(() => group(shown), [shown]);
  const [open, setOpen] = useState<string[] | null>(null);
  // By default open the fields with something to do (unscored leaves, or proposals to answer).
  const defaultOpen = useMemo(
    () => group(sheet.leaves).filter((f) => [...f.criteria.values()].some((c) => c.leaves.some((l) => (sheet.cycle.status === 'open' ? l.source === 'appraised' && l.selfPoints === null : differs(l))))).map((f) => f.code),
    [sheet],
  );
  const activeKeys = open ?? defaultOpen;

  const p = sheet.progress;
  // The server refuses the send while assigned leaves have no proposal: the page says so instead of offering it.
  const blocked = sheet.explanationBlockedBy ?? null;
  const pending = sheet.leaves.filter((l) => differs(l) && l.response === null).length;

  const submit = () =>
    Modal.confirm({
      title: w.submitConfirm,
      content: w.submitConfirmBody(p.done, p.leaves, fmtPoints(p.claimed, lang), fmtPoints(p.max, lang)),
      okText: w.submit,
      cancelText: w.cancel,
      onOk: async () => {
        await run(
          async () => {
            await send('POST', `${unitApi(sheet.cycle.id, sheet.unit.id)}/submit`);
            message.success(w.submitted);
          },
          showError((title) => Modal.error({ title })),
        );
        void client.invalidateQueries({ queryKey: workKeys.sheet(sheet.cycle.id, sheet.unit.id) });
      },
    });

  const submitExplanation = () =>
    Modal.confirm({
      title: w.submitExplanationConfirm,
      content: w.submitExplanationBody(pending),
      okText: w.submitExplanation,
      cancelText: w.cancel,
      onOk: async () => {
        try {
          await send('POST', `${unitApi(sheet.cycle.id, sheet.unit.id)}/explanation/submit`);
          message.success(w.explanationSubmitted);
        } catch (e) {
          Modal.error({ title: errorText(e) });
        } finally {
          void client.invalidateQueries({ queryKey: workKeys.sheet(sheet.cycle.id, sheet.unit.id) });
        }
      },
    });

  const self = sheet.stages.self;
  const status = sheet.cycle.status;

  return (
    <section aria-labelledby="sheet-title" className="sheet">
      <header className="sheet__head">
        <div>
          <h2 id="sheet-title">{w.sheetTitle(sheet.unit.name, sheet.cycle.year)}</h2>
          <div className="sheet__tags">
            <Tag color="blue">{w.stage[status]}</Tag>
            <Tag color={self.status === 'submitted' ? 'green' : self.status === 'returned' ? 'orange' : undefined}>{w.selfStatus[self.status]}</Tag>
            {status === 'appraisal' && <Tag color={sheet.stages.explanation.status === 'submitted' ? 'green' : undefined}>{w.explanationStatus[sheet.stages.explanation.status]}</Tag>}
            {sheet.cycle.deadlines.self && status === 'open' && (
              <span className="work-muted">
                {w.deadline}: {sheet.cycle.deadlines.self.split('-').reverse().join('/')}
              </span>
            )}
            {sheet.cycle.deadlines.explanation && status === 'appraisal' && (
              <span className="work-muted">
                {w.deadline} {w.deadlines.explanation.toLowerCase()}: {sheet.cycle.deadlines.explanation.split('-').reverse().join('/')}
              </span>
            )}
            <Link href={`/work/cycles/${encodeURIComponent(sheet.cycle.id)}/units/${encodeURIComponent(sheet.unit.id)}/remediation`}>{w.planLink}</Link>
          </div>
        </div>
        <div className="sheet__progress">
          <div>
            <div className="work-muted work-small">{w.progressLeaves}</div>
            <strong className="sheet__big">
              {p.done}/{p.leaves}
            </strong>
            <Progress percent={p.leaves ? progressPercent(p.done, p.leaves) : 0} size="small" showInfo={false} aria-label={w.progressLeaves} />
          </div>
          <div>
            <div className="work-muted work-small">{w.progressPoints}</div>
            <strong className="sheet__big">
              {fmtPoints(p.claimed, lang)}/{fmtPoints(p.max, lang)}
            </strong>
          </div>
          {user.role === 'unit_head' && status === 'open' && sheet.editable.self && (
            <Button type="primary" size="large" onClick={submit} loading={busy}>
              {w.submit}
            </Button>
          )}
          {user.role === 'unit_officer' && status === 'open' && sheet.editable.self && <span className="work-muted work-small sheet__hint">{w.submitOnlyHead}</span>}
          {user.role === 'unit_head' && sheet.editable.explanation && (
            <Tooltip title={blocked ? w.explanationWaitingButton(blocked.unproposed.length) : undefined}>
              <Button type="primary" size="large" onClick={submitExplanation} disabled={!!blocked} aria-describedby={blocked ? 'explanation-waiting' : undefined}>
                {w.submitExplanation}
              </Button>
            </Tooltip>
          )}
        </div>
      </header>

      {status === 'open' && self.status === 'submitted' && <Alert type="success" showIcon title={w.submittedBanner(fmtDateTime(self.changedAt))} className="work-gap" />}
      {status === 'open' && self.status === 'returned' && <Alert type="warning" showIcon title={w.returnedBanner(self.note ?? '')} className="work-gap" />}
      {status !== 'open' && status !== 'appraisal' && <Alert type="info" showIcon title={w.notOpenBanner(w.stage[status])} className="work-gap" />}
      {status === 'appraisal' &&
        (sheet.stages.explanation.status === 'submitted' ? (
          <Alert type="success" showIcon title={w.explanationSubmittedBanner} className="work-gap" />
        ) : blocked ? (
          <Alert
            id="explanation-waiting"
            type="warning"
            showIcon
            className="work-gap explanation-waiting"
            title={w.explanationWaiting(blocked.unproposed.length)}
            description={w.explanationWaitingBody(codeList(blocked.unproposed), sheet.cycle.deadlines.appraisal ? sheet.cycle.deadlines.appraisal.split('-').reverse().join('/') : null)}
          />
        ) : (
          <Alert type="info" showIcon title={w.explanationBanner} className="work-gap" />
        ))}

      <div className="sheet__toolbar">
        <Segmented<Filter>
          aria-label={w.filterLabel}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `${w.filterAll} (${sheet.leaves.length})` },
            { value: 'todo', label: `${w.filterTodo} (${sheet.leaves.filter((l) => matches(l, 'todo', '')).length})` },
            { value: 'problems', label: `${w.filterProblems} (${sheet.leaves.filter((l) => matches(l, 'problems', '')).length})` },
            ...(status !== 'open' ? [{ value: 'proposals' as const, label: `${w.filterProposals} (${sheet.leaves.filter(differs).length})` }] : []),
          ]}
        />
        <Input.Search allowClear placeholder={w.searchLeaf} aria-label={w.searchLeaf} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 280 }} />
        <Button onClick={() => setOpen(fields.map((f) => f.code))}>{w.expandAll}</Button>
        <Button onClick={() => setOpen([])}>{w.collapseAll}</Button>
      </div>

      {fields.length === 0 ? (
        <Empty description={w.noLeavesMatch} />
      ) : (
        <Collapse
          activeKey={q || filter !== 'all' ? fields.map((f) => f.code) : activeKeys}
          onChange={(keys) => setOpen(keys as string[])}
          destroyOnHidden
          items={fields.map((f) => {
            const all = [...f.criteria.values()].flatMap((c) => c.leaves);
            const scorable = all.filter((l) => l.source === 'appraised');
            const done = scorable.filter((l) => l.selfPoints !== null).length;
            return {
              key: f.code,
              label: (
                <span className="sheet__field">
                  <strong>
                    {f.code}. {f.title}
                  </strong>
                  <span className={done < scorable.length ? 'work-warn' : 'work-muted'}>{w.fieldSummary(done, scorable.length)}</span>
                </span>
              ),
              children: [...f.criteria.values()].map((c) => (
                <div key={c.code} className="sheet__criterion">
                  {c.code !== f.code && (
                    <h3 className="sheet__criterion-title">
                      {c.code}. {c.title}
                    </h3>
                  )}
                  {c.leaves.map((l) => (
                    <LeafCard key={l.code} cycleId={sheet.cycle.id} unitId={sheet.unit.id} leaf={l} editableSelf={editableSelf} editableExplanation={editableExplanation} onHistory={setHistory} />
                  ))}
                </div>
              )),
            };
          })}
        />
      )}
      <HistoryDrawer cycleId={sheet.cycle.id} unitId={sheet.unit.id} leafCode={history} onClose={() => setHistory(null)} />
    </section>
  );
}
