/** The desk's results (compute as a background job, then the tables) and publication (or correction) sections. */
import { PublishBody, type PublishResult } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, List, Modal, Progress, Skeleton } from 'antd';
import type { Dayjs } from 'dayjs';
import { useBackgroundRun } from '../../lib/background-run.ts';
import { fieldRule } from '../../lib/form-rules.ts';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { ResultsTable } from '../results/results-table.tsx';
import { CorrectionSection } from './correction-section.tsx';
import { ErrorAlert, errorText, fmtDate, fmtDateTime, useW } from './work-common.tsx';
import { type WorkCycle, cycleApi, usePublications, useWorkResults, workKeys } from './work.api.ts';

export function ResultsSection({ cycle, canCompute }: { cycle: WorkCycle; canCompute: boolean }) {
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
          <Progress percent={run.job.progress} size="small" status="active" aria-label={w.results} />
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

export function PublishSection({ cycle }: { cycle: WorkCycle }) {
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const correcting = cycle.status !== 'approved';
  const pubs = usePublications(cycle.id, correcting);
  const [form] = Form.useForm<PublishValues>();
  const { busy, error, run } = useAction();

  const publish = (values: PublishValues) =>
    Modal.confirm({
      title: correcting ? w.correct : w.publishConfirm,
      content: w.publishBody,
      okText: correcting ? w.correct : w.publish,
      cancelText: w.cancel,
      onOk: async () => {
        await run(async () => {
          const body: PublishBody = {
            decisionNumber: values.decisionNumber.trim(),
            decisionDate: values.decisionDate.format('YYYY-MM-DD'),
            reason: values.reason?.trim() || null,
          };
          const res = await send<PublishResult>('POST', `${cycleApi(cycle.id)}/publish`, body);
          message.success(w.published(res.version));
          form.resetFields();
          void client.invalidateQueries({ queryKey: ['work'] });
        });
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
          {/* The server's own rules (PublishBody), with the page's message. */}
          <Form.Item label={w.decisionNumber} name="decisionNumber" required rules={[fieldRule(PublishBody, 'decisionNumber', w.decisionNumberRequired)]}>
            <Input placeholder={w.decisionNumberHint} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={w.decisionDate} name="decisionDate" required rules={[fieldRule(PublishBody, 'decisionDate', w.decisionDateRequired)]}>
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
