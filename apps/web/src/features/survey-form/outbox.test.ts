import { describe, expect, it } from 'vitest';
import { backoffMs, memoryStore, newUuid, Outbox, type OutboxBody, OUTBOX_KEY, postResponse, type SendOutcome } from './outbox.ts';

const body = (id: string): OutboxBody => ({ token: 't', response: { id, respondentGroup: 'nguoi_dan', answers: { C1: '4' } } });

describe('survey outbox', () => {
  it('keeps a response until the server acknowledges it, then removes it', async () => {
    const outcomes: SendOutcome[] = [{ kind: 'retry' }, { kind: 'sent', stored: true }];
    let now = 1_000;
    const box = new Outbox(memoryStore(), async () => outcomes.shift()!, () => now);
    box.add('SH-SIPAS', body('a'));
    await box.flush(true);
    expect(box.items()).toHaveLength(1);
    expect(box.items()[0].attempts).toBe(1);
    await box.flush(); // not due yet (backoff)
    expect(outcomes).toHaveLength(1);
    now += 10_000;
    await box.flush();
    expect(box.items()).toHaveLength(0);
    box.stop();
  });

  it('treats a resend the server already has (stored: false) as acknowledged', async () => {
    const box = new Outbox(memoryStore(), async () => ({ kind: 'sent', stored: false }));
    box.add('X', body('b'));
    await box.flush(true);
    expect(box.items()).toEqual([]);
  });

  it('stops retrying a refusal and keeps the message', async () => {
    let calls = 0;
    const box = new Outbox(memoryStore(), async () => (calls++, { kind: 'failed', status: 409, message: 'Đường dẫn này đã được dùng' }));
    box.add('X', body('c'));
    await box.flush(true);
    await box.flush(true);
    expect(calls).toBe(1);
    expect(box.find('c')?.failed?.status).toBe(409);
    box.stop();
  });

  it('keeps the answers on the device when the survey is closed (410), shows why, and sends them once it reopens', async () => {
    const message = 'Cuộc khảo sát đã kết thúc ngày 07/12/2026: không nhận thêm phiếu trả lời. Cảm ơn Ông/Bà đã quan tâm.';
    let status = 410;
    let posts = 0;
    const fetchFn = (async () => {
      posts++;
      return new Response(JSON.stringify(status === 410 ? { error: { code: 'GONE', message } } : { id: 'e', stored: true }), { status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const store = memoryStore();
    let now = 1_000;
    const box = new Outbox(store, (i) => postResponse(i, fetchFn), () => now);
    box.add('SH-SIPAS', body('e'));
    await box.flush(true);
    const kept = box.find('e')!;
    expect(kept.closed?.message).toBe(message);
    expect(kept.failed).toBeUndefined();
    // Still on the device (the storage itself, not only in memory), answers intact.
    expect(JSON.parse(store.getItem(OUTBOX_KEY)!)[0].body.response.answers).toEqual({ C1: '4' });
    // Not retried on the timer, however long it waits…
    now += 24 * 3600_000;
    await box.flush();
    expect(posts).toBe(1);
    // …but when the page is opened again; once the survey is reopened it is sent and leaves the outbox.
    await box.flush(true);
    expect(posts).toBe(2);
    expect(box.find('e')?.closed).toBeDefined();
    status = 200;
    await box.flush(true);
    expect(box.items()).toEqual([]);
    box.stop();
  });

  it('adds the same id once', () => {
    const box = new Outbox(memoryStore());
    box.add('X', body('d'));
    box.add('X', body('d'));
    expect(box.items()).toHaveLength(1);
  });

  it('backs off exponentially up to five minutes', () => {
    expect(backoffMs(1, () => 0.5)).toBe(2_000);
    expect(backoffMs(3, () => 0.5)).toBe(8_000);
    expect(backoffMs(30, () => 0.5)).toBe(300_000);
  });

  it('makes v4 UUIDs', () => {
    expect(newUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
