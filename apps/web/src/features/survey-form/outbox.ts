/**
 * The device's outbox of survey responses (hộp thư chờ gửi). A submitted form is written here
 * first, then sent; it leaves the outbox only once the server acknowledged it (200, stored true
 * or false — a resend of the same id stores nothing twice). Network failures, 423 (too many
 * forms a minute) and 5xx are retried with backoff and at once on the browser's `online` event;
 * a refusal that retrying cannot heal (400, 403, 404, 409) stops the retries and keeps the
 * server's message so the page can say what to do.
 *
 * A survey that is closed or outside its dates answers 410: the form is marked closed with the
 * server's message and KEPT — never dropped — and retried only when the page is opened again (a
 * forced flush), so it is sent if the secretariat reopens the survey.
 */
import type { SurveySubmitBody } from '@parindex/contracts';

/** The body of POST /api/public/surveys/:code/responses, as the server takes it. */
export type OutboxBody = SurveySubmitBody;

export interface OutboxItem {
  code: string;
  body: OutboxBody;
  queuedAt: string;
  attempts: number;
  /** Epoch ms before which it is not retried (backoff). */
  nextAt: number;
  /** Set when the server refused the form for good; it is no longer retried. */
  failed?: { status: number; message: string };
  /** Set when the survey was closed (410); kept on the device and retried only on a forced flush. */
  closed?: { message: string; at: string };
}

/** The part of Storage the outbox uses (localStorage, or a memory map when storage is blocked). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const OUTBOX_KEY = 'parindex.survey.outbox';
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

export function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

/** localStorage when the browser lets us use it, else memory (the form still works, without surviving a reload). */
export function deviceStore(): KeyValueStore {
  try {
    const s = window.localStorage;
    s.setItem('parindex.survey.probe', '1');
    s.removeItem('parindex.survey.probe');
    return s;
  } catch {
    return memoryStore();
  }
}

export function readJson<T>(store: KeyValueStore, key: string, fallback: T): T {
  try {
    const raw = store.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  try {
    store.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the in-memory copy still gets sent while the page is open.
  }
}

/** Delay before the next try: 2 s, 4 s, 8 s … up to 5 minutes, with ±20% jitter so kiosks do not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A UUID v4 from crypto.getRandomValues (randomUUID exists only on https or localhost). */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type SendOutcome = { kind: 'sent'; stored: boolean } | { kind: 'retry'; message?: string } | { kind: 'closed'; message: string } | { kind: 'failed'; status: number; message: string };

/** Posts one response; classifies the answer as sent, worth retrying, or refused for good. */
export async function postResponse(item: OutboxItem, fetchFn: typeof fetch = fetch): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetchFn(`/api/public/surveys/${encodeURIComponent(item.code)}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(item.body),
      credentials: 'omit',
    });
  } catch {
    return { kind: 'retry' };
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    data = undefined;
  }
  const message = (data as { error?: { message?: string } } | undefined)?.error?.message;
  if (res.ok) {
    const stored = (data as { stored?: unknown } | undefined)?.stored;
    if (typeof stored !== 'boolean') return { kind: 'retry' };
    return { kind: 'sent', stored };
  }
  if (res.status === 410) return { kind: 'closed', message: message ?? 'Cuộc khảo sát đã kết thúc: không nhận thêm phiếu trả lời.' };
  if (res.status === 423 || res.status === 429 || res.status === 408 || res.status >= 500) return { kind: 'retry', message };
  return { kind: 'failed', status: res.status, message: message ?? `Máy chủ trả lời lỗi ${res.status}.` };
}

export type OutboxEvent = { id: string; outcome: SendOutcome };

/**
 * The outbox over a store. `flush` sends every due item one at a time (never two sends of the
 * same id at once inside a page); `schedule` arranges the next try at the earliest backoff.
 */
export class Outbox {
  private sending = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<(e: OutboxEvent) => void>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly send: (item: OutboxItem) => Promise<SendOutcome> = (i) => postResponse(i),
    private readonly now: () => number = Date.now,
  ) {}

  items(): OutboxItem[] {
    const list = readJson<OutboxItem[]>(this.store, OUTBOX_KEY, []);
    return Array.isArray(list) ? list : [];
  }

  find(id: string): OutboxItem | undefined {
    return this.items().find((i) => i.body.response.id === id);
  }

  private save(list: OutboxItem[]): void {
    if (list.length) writeJson(this.store, OUTBOX_KEY, list);
    else this.store.removeItem(OUTBOX_KEY);
  }

  private update(id: string, change: (i: OutboxItem) => OutboxItem | null): void {
    // Re-read: another tab may have changed the outbox meanwhile.
    const list = this.items();
    const next: OutboxItem[] = [];
    for (const i of list) {
      if (i.body.response.id !== id) next.push(i);
      else {
        const c = change(i);
        if (c) next.push(c);
      }
    }
    this.save(next);
  }

  /** Puts a response in the outbox (a second add of the same id replaces the first). */
  add(code: string, body: OutboxBody): void {
    const list = this.items().filter((i) => i.body.response.id !== body.response.id);
    list.push({ code, body, queuedAt: new Date(this.now()).toISOString(), attempts: 0, nextAt: 0 });
    this.save(list);
  }

  remove(id: string): void {
    this.update(id, () => null);
  }

  onEvent(listener: (e: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends what is due (or everything with `force`, e.g. when the browser comes back online). */
  async flush(force = false): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (const item of this.items()) {
        if (item.failed) continue;
        if (item.closed ? !force : !force && item.nextAt > this.now()) continue;
        const id = item.body.response.id;
        const outcome = await this.send(item);
        if (outcome.kind === 'sent') this.update(id, () => null);
        else if (outcome.kind === 'closed') this.update(id, (i) => ({ ...i, closed: { message: outcome.message, at: new Date(this.now()).toISOString() } }));
        else if (outcome.kind === 'failed') this.update(id, (i) => ({ ...i, failed: { status: outcome.status, message: outcome.message } }));
        else this.update(id, (i) => ({ ...i, attempts: i.attempts + 1, nextAt: this.now() + backoffMs(i.attempts + 1) }));
        for (const l of this.listeners) l({ id, outcome });
        // Offline: the rest would fail the same way; the `online` event or the timer resumes.
        if (outcome.kind === 'retry' && typeof navigator !== 'undefined' && navigator.onLine === false) break;
      }
    } finally {
      this.sending = false;
    }
    this.schedule();
  }

  /** Arranges the next flush at the earliest backoff among pending items. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.items().filter((i) => !i.failed && !i.closed);
    if (!pending.length) return;
    const wait = Math.max(500, Math.min(...pending.map((i) => i.nextAt)) - this.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
