/**
 * Cycle setup for the secretariat (Sở Nội vụ). /work/setup creates a cycle (new-cycle-page.tsx).
 * /work/cycles/:id/setup edits an existing cycle: deadlines, appraiser assignments by field /
 * criterion / leaf (setup-assignments.tsx, with the appraiser's own unit, never appraised), and
 * per-unit exclusions with their legal basis (setup-exclusions.tsx). The administrator sees the
 * same pages read-only.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link } from '../../app/router.tsx';
import { send, type SessionUser } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { useA } from './admin.messages.ts';
import { type CycleSetup, useCycleSetup } from './admin.api.ts';
import { AssignmentsCard } from './setup-assignments.tsx';
import { type DeadlineValues, DeadlineFields, STAGES, enc, toDeadlines } from './setup-common.tsx';
import { ExclusionsCard } from './setup-exclusions.tsx';
import { ErrorAlert } from './work-common.tsx';
import { type WorkCycle, cycleApi, workKeys } from './work.api.ts';

// ---------------------------------------------------------------- existing cycle

export function CycleSetupPage({ cycle, user }: { cycle: WorkCycle; user: SessionUser }) {
  const a = useA();
  const setup = useCycleSetup(cycle.id);
  const canEdit = user.role === 'secretariat';
  if (setup.isPending) return <Skeleton active />;
  if (setup.isError) return <ErrorAlert error={setup.error} onRetry={() => setup.refetch()} />;
  return (
    <section aria-labelledby="setup-title" className="setup">
      <header className="sheet__head">
        <h2 id="setup-title">{a.setupTitle(cycle.year)}</h2>
        <span className="sheet__tags">
          <Link href={`/work/cycles/${enc(cycle.id)}/audit`}>{a.navAudit}</Link>
        </span>
      </header>
      {!canEdit && <Alert type="info" showIcon title={a.readOnlyAdmin} className="work-gap" />}
      <DeadlinesCard cycle={cycle} canEdit={canEdit} />
      <AssignmentsCard cycle={cycle} setup={setup.data} canEdit={canEdit} />
      <ExclusionsCard cycle={cycle} setup={setup.data} canEdit={canEdit} />
      <GroupsCard setup={setup.data} />
    </section>
  );
}

function DeadlinesCard({ cycle, canEdit }: { cycle: WorkCycle; canEdit: boolean }) {
  const a = useA();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DeadlineValues>();
  const { busy, error, run } = useAction();
  const initial = useMemo(() => Object.fromEntries(STAGES.map((k) => [k, cycle.deadlines[k] ? dayjs(cycle.deadlines[k]) : null])) as DeadlineValues, [cycle.deadlines]);
  const save = async (values: DeadlineValues) => {
    await run(async () => {
      await send('PUT', `${cycleApi(cycle.id)}/deadlines`, toDeadlines(values));
      message.success(a.deadlinesSaved);
      void client.invalidateQueries({ queryKey: workKeys.cycles });
    });
  };
  return (
    <Card size="small" title={a.deadlinesTitle} className="work-gap">
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} disabled={!canEdit}>
        <DeadlineFields />
        {error && <Alert type="error" showIcon role="alert" title={error} className="work-gap" />}
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {a.saveDeadlines}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function GroupsCard({ setup }: { setup: CycleSetup }) {
  const a = useA();
  return (
    <Card size="small" title={a.unitsAndGroups} className="work-gap">
      <div className="setup-groups">
        {setup.peerGroups.map((g) => {
          const units = setup.units.filter((u) => u.peerGroup === g.code);
          return (
            <div key={g.code}>
              <h3 className="work-h3">
                {g.name} <span className="work-muted work-small">({a.unitsInGroup(units.length)})</span>
              </h3>
              <ul className="setup-list">
                {units.map((u) => (
                  <li key={u.unitId}>{u.name}</li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
