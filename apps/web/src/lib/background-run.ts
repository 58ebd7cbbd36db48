/**
 * A server task run as a background job (the scoring runs: "Chấm điểm khảo sát", "Tính kết quả"):
 * `start(url)` posts the request (202 with the job; the job already waiting or running when one
 * is), then TanStack Query polls the job's `pollUrl` every second until it is done or failed, on
 * whichever server answers. `onDone` runs once when it is done (reload the data it wrote);
 * `onError` gets the server's Vietnamese message once when the request is refused, the job fails,
 * or it can no longer be followed.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { getJson } from './api.ts';
import { send } from './session.ts';

export interface BackgroundRunState {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** 0–100. */
  progress: number;
  /** Why it failed (Vietnamese), else null. */
  error: string | null;
  /** Where to follow it. */
  pollUrl: string;
}

export interface BackgroundRunHandlers<T> {
  onDone(job: T): void | Promise<void>;
  onError(message: string): void;
}

export const isFinished = (job: BackgroundRunState | undefined | null): boolean => job?.status === 'done' || job?.status === 'failed';

const messageOf = (e: unknown) => (e instanceof Error && e.message ? e.message : 'Không kết nối được máy chủ. Vui lòng thử lại.');

export function useBackgroundRun<T extends BackgroundRunState>(name: string, handlers: BackgroundRunHandlers<T>) {
  const [started, setStarted] = useState<T | null>(null);
  const [starting, setStarting] = useState(false);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const reported = useRef<string | null>(null);

  const poll = useQuery({
    queryKey: ['background-run', name, started?.id],
    queryFn: () => getJson<T>(started!.pollUrl),
    enabled: started !== null,
    initialData: started ?? undefined,
    refetchInterval: (q) => (isFinished(q.state.data) || q.state.error ? false : 1000),
    retry: 2,
    staleTime: Infinity,
  });
  const job = started ? (poll.data ?? started) : null;

  useEffect(() => {
    if (!job || reported.current === job.id) return;
    if (poll.isError) {
      reported.current = job.id;
      handlersRef.current.onError(messageOf(poll.error));
    } else if (isFinished(job)) {
      reported.current = job.id;
      if (job.status === 'done') void handlersRef.current.onDone(job);
      else handlersRef.current.onError(job.error ?? 'Lỗi của máy chủ; vui lòng thử lại.');
    }
  }, [job, poll.isError, poll.error]);

  const start = async (url: string) => {
    setStarting(true);
    try {
      const next = await send<T>('POST', url);
      // The same job again (it was already running): keep following it without a second report.
      if (next.id !== started?.id) reported.current = null;
      setStarted(next);
    } catch (e) {
      handlersRef.current.onError(messageOf(e));
    } finally {
      setStarting(false);
    }
  };

  const running = job !== null && !isFinished(job) && !poll.isError;
  return { start, job, busy: starting || running, running };
}
