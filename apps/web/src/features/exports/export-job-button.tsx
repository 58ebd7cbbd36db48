/**
 * A long export as a background job: the button starts it (POST …/exports → 202 with the job),
 * TanStack Query polls its progress every second until it is done or failed, then a download link
 * replaces the progress bar. The server's Vietnamese message is shown when it refuses or fails.
 */
import type { ExportJobDto, ExportJobRequest } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ApiError, getJson } from '../../lib/api.ts';
import { send } from '../../lib/session.ts';
import { type ExportsMessages, exportsMessages } from './exports.messages.ts';

export interface ExportJobButtonProps {
  /** POST target: /api/cycles/:id/exports (public) or /api/work/cycles/:id/exports (drafts). */
  startUrl: string;
  /** Where the job is polled: /api/exports or /api/work/exports. */
  jobsBase: string;
  request: Partial<ExportJobRequest> & Pick<ExportJobRequest, 'format'>;
  label: string;
  /** Called before starting; false keeps the job from starting (e.g. a form that does not validate). */
  beforeStart?: () => Promise<boolean> | boolean;
}

export function errorMessage(e: unknown, m: ExportsMessages): string {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') return m.networkError;
    if (e.code === 'BAD_RESPONSE') return m.badResponse;
    if (e.status === 404 && e.message.includes('hết hạn')) return m.lostJob;
    return e.message;
  }
  return e instanceof Error && e.message ? e.message : m.failed;
}

const finished = (job: ExportJobDto | undefined) => job?.status === 'done' || job?.status === 'failed';

export function ExportJobButton({ startUrl, jobsBase, request, label, beforeStart }: ExportJobButtonProps) {
  const m = useFeatureMessages(exportsMessages);
  const { lang } = useI18n();
  const [started, setStarted] = useState<ExportJobDto | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const poll = useQuery({
    queryKey: ['export-job', jobsBase, started?.id],
    queryFn: () => getJson<ExportJobDto>(`${jobsBase}/${encodeURIComponent(started!.id)}`),
    enabled: started !== null,
    initialData: started ?? undefined,
    refetchInterval: (q) => (finished(q.state.data) || q.state.error ? false : 1000),
    retry: false,
    staleTime: Infinity,
  });
  const job = started ? poll.data : undefined;

  const start = async () => {
    if (beforeStart && !(await beforeStart())) return;
    setStarting(true);
    setStartError(null);
    try {
      setStarted(await send<ExportJobDto>('POST', startUrl, request));
    } catch (e) {
      setStartError(errorMessage(e, m));
      setStarted(null);
    } finally {
      setStarting(false);
    }
  };

  const busy = starting || (job !== undefined && !finished(job) && !poll.isError);
  const status = job?.status === 'queued' ? m.queued : job?.status === 'running' ? m.running(job.progress) : null;
  const until = job?.expiresAt ? new Date(job.expiresAt).toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : '';

  return (
    <div className="export-job" aria-live="polite">
      <div className="export-job__row">
        <Button onClick={start} loading={busy} disabled={busy}>
          {job && finished(job) ? `${label} — ${m.again}` : label}
        </Button>
        {job?.status === 'done' && job.downloadUrl && (
          <a className="export-job__download" href={job.downloadUrl} download={job.fileName ?? true}>
            {m.download(job.fileName ?? '')}
          </a>
        )}
      </div>
      {busy && job && (
        <div className="export-job__progress">
          <Progress percent={job.progress} size="small" status="active" aria-label={status || m.progressLabel} />
          <span className="export-job__status">{status}</span>
        </div>
      )}
      {job?.status === 'done' && <span className="export-job__status">{m.expires(until)}</span>}
      {job?.status === 'failed' && <Alert type="error" showIcon role="alert" title={`${m.failed}: ${job.error ?? ''}`} />}
      {poll.isError && <Alert type="error" showIcon role="alert" title={errorMessage(poll.error, m)} />}
      {startError && <Alert type="error" showIcon role="alert" title={startError} />}
    </div>
  );
}
