/**
 * What the survey form keeps on the device: the storage, the one outbox of submitted forms, the
 * status of a submitted form as the outbox sees it, and the hooks that follow the connection.
 */
import { useEffect, useState } from 'react';
import { deviceStore, Outbox } from './outbox.ts';

export const store = deviceStore();
export const outbox = new Outbox(store);

export type Status = { id: string; state: 'sending' | 'sent' | 'queued' | 'failed' | 'closed'; message?: string; status?: number };

export function statusOf(id: string): Status {
  const item = outbox.find(id);
  if (!item) return { id, state: 'sent' };
  if (item.closed && !item.failed) return { id, state: 'closed', message: item.closed.message };
  if (item.failed) return { id, state: 'failed', message: item.failed.message, status: item.failed.status };
  return { id, state: 'queued' };
}

/** Sends what waits in the outbox now, whenever the browser comes back online, and on its backoff timer. */
export function useOutboxPump() {
  useEffect(() => {
    const online = () => void outbox.flush(true);
    window.addEventListener('online', online);
    void outbox.flush(true);
    return () => {
      window.removeEventListener('online', online);
      outbox.stop();
    };
  }, []);
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}
