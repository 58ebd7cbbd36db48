/**
 * The secretariat's desk (Sở Nội vụ): units × stages with overdue highlighted, return with a
 * reason, remind the selected units, move the cycle to its next stage (its checklist, and an
 * override with a reason when items are unmet; past overrides listed), review the computed
 * results, publish with the approval decision (or publish a correction with its reason).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Progress, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from '../../app/router.tsx';
import { ResultsTable } from '../results/results-table.tsx';
import { ExportJobsPanel } from '../exports/export-jobs-panel.tsx';
import { CorrectionSection } from './correction-section.tsx';
import { ChecklistCard, OverridesCard, TransitionDialog } from './lifecycle-panel.tsx';
import { useBackgroundRun } from '../../lib/background-run.ts';
import { send, type SessionUser } from '../../lib/session.ts';
import { useA } from './admin.messages.ts';
import { ErrorAlert, errorText, fmtDate, fmtDateTime, useW } from './work-common.tsx';
import { type BoardUnit, type WorkCycle, cycleApi, unitApi, useBoard, usePublications, useWorkResults, workKeys } from './work.api.ts';

const DEADLINE_ORDER = ['self', 'appraisal', 'explanation', 'council'] as const;

export function BoardPage({ cycle, user }: { cycle: WorkCycle; user: SessionUser }) {
  const { w } = useW();
  const a = useA();
  const { message } = App.useApp();
  const client = useQueryClient();
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
    { key: 'group', title: w.colGroup, width: 140, render: (_, u) => groupName(u.peerGroup) },
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
            title: '',
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
            rowSelection={isSecretariat ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (u) => ({ 'aria-label': w.selectUnit(u.unitName) }) } : undefined}
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

function ReturnModal({ cycleId, unit, onClose }: { cycleId: string; unit: BoardUnit; onClose: () => void }) {
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    if (!reason.trim()) return setError(w.returnReasonRequired);
    setBusy(true);
    try {
      await send('POST', `${unitApi(cycleId, unit.unitId)}/return`, { reason: reason.trim() });
      message.success(w.returned);
      void client.invalidateQueries({ queryKey: workKeys.board(cycleId) });
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={w.returnTitle(unit.unitName)} onCancel={onClose} onOk={ok} okText={w.returnAction} cancelText={w.cancel} confirmLoading={busy}>
      <label htmlFor="return-reason">{w.returnReason}</label>
      <Input.TextArea id="return-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} />
      {error && <div className="work-error" role="alert">{error}</div>}
    </Modal>
  );
}

function RemindModal({ cycleId, unitIds, onClose, onSent }: { cycleId: string; unitIds: string[]; onClose: () => void; onSent: () => void }) {
  const { w } = useW();
  const { message } = App.useApp();
  const [text, setText] = useState(w.remindDefault);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    setBusy(true);
    try {
      const res = await send<{ inApp: number }>('POST', `${cycleApi(cycleId)}/reminders`, { unitIds, message: text.trim() });
      message.success(w.reminded(res.inApp));
      onSent();
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={w.remindTitle} onCancel={onClose} onOk={ok} okText={w.remindSelected(unitIds.length)} cancelText={w.cancel} confirmLoading={busy} okButtonProps={{ disabled: !text.trim() }}>
      <label htmlFor="remind-text">{w.remindMessage}</label>
      <Input.TextArea id="remind-text" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3 }} maxLength={1000} />
      {error && <div className="work-error" role="alert">{error}</div>}
    </Modal>
  );
}

function ResultsSection({ cycle, canCompute }: { cycle: WorkCycle; canCompute: boolean }) {
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const results = useWorkResults(cycle.id, true);
  // A background job on the server (POST …/compute-jobs); the section polls it, then reloads the results.
  const run = useBackgroundRun(`compute:${cycle.id}`, {
    onDone: () => {
      message.success(w.computed2);
      void client.invalidateQueries({ queryKey: workKeys.results(cycle.id) });
    },
    onError: (reason) => void message.error(w.computeFailed(reason), 10),
  });
  const compute = () => run.start(`${cycleApi(cycle.id)}/compute-jobs`);
  const noResults = results.isError || (results.data && results.data.groups.every((g) => g.units.length === 0));
  return (
    <Card
      className="work-section"
      title={<h3 className="work-h3">{w.results}</h3>}
      extra={
        canCompute && ['council', 'approved'].includes(cycle.status) ? (
          <Button onClick={() => void compute()} loading={run.busy}>
            {w.compute}
          </Button>
        ) : null
      }
    >
      {run.running && run.job && (
        <div aria-live="polite">
          <Progress percent={run.job.progress} size="small" status="active" />
          <span>{run.job.status === 'queued' ? w.computeQueued : w.computeRunning(run.job.progress)}</span>
        </div>
      )}
      {results.isPending && <Skeleton active />}
      {noResults && <Alert type="info" showIcon title={results.isError ? errorText(results.error) : w.resultsNotYet} />}
      {results.data &&
        results.data.groups
          .filter((g) => g.units.length > 0)
          .map((g) => <ResultsTable key={g.summary.code} caption={`${g.summary.name} — ${cycle.year}`} units={g.units} />)}
    </Card>
  );
}

interface PublishValues {
  decisionNumber: string;
  decisionDate: Dayjs;
  reason?: string;
}

function PublishSection({ cycle }: { cycle: WorkCycle }) {
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const correcting = cycle.status !== 'approved';
  const pubs = usePublications(cycle.id, correcting);
  const [form] = Form.useForm<PublishValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const publish = (values: PublishValues) =>
    Modal.confirm({
      title: correcting ? w.correct : w.publishConfirm,
      content: w.publishBody,
      okText: correcting ? w.correct : w.publish,
      cancelText: w.cancel,
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const res = await send<{ version: number }>('POST', `${cycleApi(cycle.id)}/publish`, {
            decisionNumber: values.decisionNumber.trim(),
            decisionDate: values.decisionDate.format('YYYY-MM-DD'),
            reason: values.reason?.trim() || null,
          });
          message.success(w.published(res.version));
          form.resetFields();
          void client.invalidateQueries({ queryKey: ['work'] });
        } catch (e) {
          setError(errorText(e));
        } finally {
          setBusy(false);
        }
      },
    });

  return (
    <Card className="work-section" title={<h3 className="work-h3">{correcting ? w.correct : w.publish}</h3>}>
      {error && <Alert type="error" showIcon role="alert" title={error} className="work-gap" />}
      {/* Once published, figures change only through a correction (a new version with its reason). */}
      {correcting ? (
        <CorrectionSection cycle={cycle} />
      ) : (
        <Form form={form} layout="inline" onFinish={publish} className="publish-form">
          <Form.Item label={w.decisionNumber} name="decisionNumber" rules={[{ required: true, whitespace: true, message: w.decisionNumber }]}>
            <Input placeholder={w.decisionNumberHint} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={w.decisionDate} name="decisionDate" rules={[{ required: true, message: w.decisionDate }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {w.publish}
          </Button>
        </Form>
      )}
      {correcting && (
        <>
          <h4 className="work-h3">{w.publications}</h4>
          {pubs.isError && <ErrorAlert error={pubs.error} onRetry={() => pubs.refetch()} />}
          <List
            size="small"
            loading={pubs.isPending}
            locale={{ emptyText: w.noPublications }}
            dataSource={pubs.data ?? []}
            renderItem={(p) => (
              <List.Item>
                <span>
                  <strong>
                    {w.version} {p.version}
                  </strong>{' '}
                  · {p.decisionNumber} ({fmtDate(p.decisionDate)}) · {w.publishedAt}: {fmtDateTime(p.publishedAt)} · {p.reason ?? w.original}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
