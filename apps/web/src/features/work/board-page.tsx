/**
 * The secretariat's desk (Sở Nội vụ): units × stages with overdue highlighted, return with a
 * reason, remind the selected units, move the cycle to its next stage (its checklist, and an
 * override with a reason when items are unmet; past overrides listed), review the computed
 * results, publish with the approval decision (or publish a correction with its reason).
 */
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';
import { Button, Empty, Input, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from '../../app/router.tsx';
import { ExportJobsPanel } from '../exports/export-jobs-panel.tsx';
import { ChecklistCard, OverridesCard, TransitionDialog } from './lifecycle-panel.tsx';
import type { SessionUser } from '../../lib/session.ts';
import { useA } from './admin.messages.ts';
import { RemindModal, ReturnModal } from './board-modals.tsx';
import { PublishSection, ResultsSection } from './board-sections.tsx';
import { BOARD_STATE_FILTERS, type BoardStateFilter, groupFilters, matchesState, summaryLines } from './board-summary.ts';
import { ErrorAlert, fmtDate, fmtDateTime, useW } from './work-common.tsx';
import { type BoardUnit, type WorkCycle, cycleApi, useBoard } from './work.api.ts';
import { ActionsHeader, selectAllTitle } from '../../app/table-a11y.tsx';

const DEADLINE_ORDER = ['self', 'appraisal', 'explanation', 'council'] as const;

/** Ant Design's filter trigger is named by its icon: a funnel named in the page's language (not "filter"). */
const filterIcon = (label: string) => (filtered: boolean) => (
  <svg role="img" aria-label={label} viewBox="0 0 16 16" width="12" height="12" fill={filtered ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.5">
    <path d="M2 3h12l-4.5 5.5V13l-3-1.5V8.5z" />
  </svg>
);

export function BoardPage({ cycle, user }: { cycle: WorkCycle; user: SessionUser }) {
  const { w } = useW();
  const a = useA();
  const board = useBoard(cycle.id);
  const isSecretariat = user.role === 'secretariat';
  const [selected, setSelected] = useState<string[]>([]);
  const [returning, setReturning] = useState<BoardUnit | null>(null);
  const [reminding, setReminding] = useState(false);
  const [q, setQ] = useState('');

  const setup = useQuery({
    queryKey: ['work', 'setup', cycle.id],
    queryFn: () => getJson<{ peerGroups: { code: string; name: string }[] }>(`${cycleApi(cycle.id)}/setup`),
    enabled: isSecretariat || user.role === 'admin',
    staleTime: 5 * 60_000,
  });
  const groupName = (code: string) => setup.data?.peerGroups.find((g) => g.code === code)?.name ?? code;
  const units = useMemo(() => (board.data?.units ?? []).filter((u) => !q.trim() || u.unitName.toLowerCase().includes(q.trim().toLowerCase())), [board.data, q]);

  // The transition opens the gate dialog (lifecycle-panel.tsx): unmet items, and the override with its reason.
  const [moving, setMoving] = useState<{ to: string; label: string } | null>(null);
  const transition = (to: string, label: string) => setMoving({ to, label });

  const base = `/work/cycles/${encodeURIComponent(cycle.id)}`;
  const columns: TableColumnsType<BoardUnit> = [
    // The unit stays in view while the stages scroll sideways (a phone shows two or three columns).
    { key: 'unit', title: w.colUnit, width: 180, fixed: 'left', render: (_, u) => (
        <span>
          <Link href={`${base}/units/${encodeURIComponent(u.unitId)}`}>{u.unitName}</Link>
          <br />
          <Link className="work-small" href={`${base}/units/${encodeURIComponent(u.unitId)}/remediation`}>{w.planLink}</Link>
        </span>
      ), sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'vi') },
    {
      key: 'group',
      title: w.colGroup,
      width: 140,
      render: (_, u) => groupName(u.peerGroup),
      filters: groupFilters(board.data?.units ?? [], groupName),
      filterIcon: filterIcon(w.filterBy(w.colGroup)),
      onFilter: (value, u) => u.peerGroup === value,
    },
    {
      key: 'self',
      title: w.colSelfProgress,
      width: 120,
      align: 'right',
      render: (_, u) => (
        <span className={u.selfDone < u.leaves ? 'work-warn' : undefined}>
          {u.selfDone}/{u.leaves}
        </span>
      ),
    },
    {
      key: 'selfStatus',
      title: w.colSelfStatus,
      width: 170,
      filters: BOARD_STATE_FILTERS.map((v) => ({ text: v === 'overdue' ? w.stateOverdue : w.selfStatus[v], value: v })),
      onFilter: (value, u) => matchesState(u, value as BoardStateFilter),
      filterIcon: filterIcon(w.filterBy(w.colSelfStatus)),
      render: (_, u) => (
        <span>
          <Tag color={u.selfStatus === 'submitted' ? 'green' : u.selfStatus === 'returned' ? 'orange' : undefined}>{w.selfStatus[u.selfStatus]}</Tag>
          {u.overdue.self && <Tag color="red">{w.overdue}</Tag>}
        </span>
      ),
    },
    { key: 'proposed', title: w.colAppraisal, width: 100, align: 'right', render: (_, u) => `${u.proposed}/${u.leaves}` },
    {
      key: 'explanation',
      title: w.colExplanation,
      width: 160,
      render: (_, u) => (
        <span>
          <Tag color={u.explanationStatus === 'submitted' ? 'green' : undefined}>{w.explanationStatus[u.explanationStatus]}</Tag>
          {u.overdue.explanation && <Tag color="red">{w.overdue}</Tag>}
        </span>
      ),
    },
    { key: 'disputed', title: w.colDisputed, width: 120, align: 'right', render: (_, u) => `${u.disputed} / ${u.decided}` },
    { key: 'last', title: w.colLastChange, width: 130, render: (_, u) => fmtDateTime(u.lastChange) },
    ...(isSecretariat
      ? [
          {
            key: 'actions',
            title: <ActionsHeader />,
            width: 90,
            render: (_: unknown, u: BoardUnit) =>
              u.selfStatus === 'submitted' && cycle.status === 'open' ? (
                <Button size="small" onClick={() => setReturning(u)} aria-label={`${w.returnAction} — ${u.unitName}`}>
                  {w.returnAction}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <section aria-labelledby="board-title" className="board">
      <header className="sheet__head">
        <div>
          <h2 id="board-title">{w.boardTitle(cycle.year)}</h2>
          <div className="sheet__tags">
            <Tag color="blue">{w.stage[cycle.status]}</Tag>
            {DEADLINE_ORDER.filter((k) => cycle.deadlines[k]).map((k) => [k, cycle.deadlines[k]] as const).map(([k, v]) => (
              <span key={k} className="work-muted">
                {w.deadlines[k] ?? k}: {fmtDate(v)}
              </span>
            ))}
          </div>
        </div>
        {isSecretariat && cycle.next.length > 0 && (
          <div className="sheet__progress" role="group" aria-label={w.transitions}>
            {cycle.next.map((n) => (
              <Button key={n.to} type="primary" size="large" onClick={() => transition(n.to, n.label)}>
                {n.label}
              </Button>
            ))}
          </div>
        )}
      </header>
      {(isSecretariat || user.role === 'admin') && (
        <nav className="sheet__tags work-gap" aria-label={a.navSetup}>
          <Link href={`${base}/setup`}>{a.navSetup}</Link>
          <span className="work-muted">·</span>
          <Link href={`${base}/audit`}>{a.navAudit}</Link>
        </nav>
      )}

      {board.isPending && <Skeleton active />}
      {board.isError && <ErrorAlert error={board.error} onRetry={() => board.refetch()} />}
      {board.data && (
        <>
          {/* The server's counts (StatusBoardDto.summary), not the filtered rows. */}
          <ul className="board__summary sheet__tags" aria-label={w.summaryLabel} style={{ listStyle: 'none', padding: 0, margin: '0 0 8px', gap: 16 }}>
            {summaryLines(board.data.summary, { stage: w.summaryStage, done: w.summaryDone, overdue: w.summaryOverdue }).map((l) => (
              <li key={l.stage} className={l.late ? 'work-warn' : undefined}>
                {l.text}
              </li>
            ))}
          </ul>
          <div className="sheet__toolbar">
            <Input.Search allowClear placeholder={w.boardSearch} aria-label={w.boardSearch} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
            {isSecretariat && (
              <Button disabled={selected.length === 0} onClick={() => setReminding(true)}>
                {w.remindSelected(selected.length)}
              </Button>
            )}
          </div>
          <Table<BoardUnit>
            rowKey="unitId"
            size="small"
            columns={columns}
            dataSource={units}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            rowClassName={(u) => (u.overdue.self || u.overdue.explanation ? 'row-overdue' : '')}
            rowSelection={isSecretariat ? { columnTitle: selectAllTitle, selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (u) => ({ 'aria-label': w.selectUnit(u.unitName) }) } : undefined}
            locale={{ emptyText: <Empty description={w.noUnits} /> }}
            scroll={{ x: 1100 }}
          />
        </>
      )}

      {isSecretariat && cycle.next[0] && <ChecklistCard cycle={cycle} to={cycle.next[0].to} />}
      {(isSecretariat || user.role === 'admin' || user.role === 'leader') && <OverridesCard cycleId={cycle.id} />}
      {['council', 'approved', 'published', 'closed'].includes(cycle.status) && <ResultsSection cycle={cycle} canCompute={isSecretariat} />}
      <ExportJobsPanel cycle={cycle} user={user} />
      {isSecretariat && ['approved', 'published', 'closed'].includes(cycle.status) && <PublishSection cycle={cycle} />}

      {moving && <TransitionDialog cycle={cycle} to={moving.to} label={moving.label} onClose={() => setMoving(null)} />}
      {returning && <ReturnModal cycleId={cycle.id} unit={returning} onClose={() => setReturning(null)} />}
      {reminding && <RemindModal cycleId={cycle.id} unitIds={selected} onClose={() => setReminding(false)} onSent={() => setSelected([])} />}
    </section>
  );
}
