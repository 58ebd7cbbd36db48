/**
 * Rate limits shared by every server (PGlite and PostgreSQL): two apps built on one database stand
 * for two servers behind a proxy. The sign-in limit and the public survey form's limits count
 * requests to both together; a window ends and counting starts again; a token is counted under
 * its hash only; hits arriving at once are each given their own place in the count.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { AuthService, CONSOLE } from '../auth/auth.service.ts';
import { executeRows } from '../db/database.ts';
import { RateLimitRepository } from '../repositories/rate-limit.repository.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { buildApp } from './app.ts';
import { databaseRateLimitStores } from './rate-limit-store.ts';

const PASSWORD = 'Sông Đà chảy về xuôi';

/** incr/read of a store class as promises. */
function storeOf(Store: ReturnType<ReturnType<typeof databaseRateLimitStores>>) {
  const s = new Store({}) as unknown as {
    incr: (k: string, cb: (e: Error | null, r?: { current: number; ttl: number }) => void, w: number, m: number) => void;
    read: (k: string, cb: (e: Error | null, r?: { current: number; ttl: number }) => void, w: number, m: number) => void;
  };
  const call = (m: 'incr' | 'read', key: string, windowMs: number) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) => s[m](key, (e, r) => (e ? reject(e) : resolve(r!)), windowMs, 10));
  return { incr: (key: string, windowMs = 60_000) => call('incr', key, windowMs), read: (key: string, windowMs = 60_000) => call('read', key, windowMs) };
}

describeEachDatabase('rate limits shared by every server', (getDb, kind) => {
  let a: FastifyInstance, b: FastifyInstance;
  const keys = async () => (await executeRows<{ key: string }>(getDb(), sql`select key from rate_limit_hits order by key`)).map((r) => r.key);
  /** Ends every window now, as if its minute had passed. */
  const endWindows = () => getDb().execute(sql`update rate_limit_hits set reset_at = now() - interval '1 second'`);

  beforeAll(async () => {
    const database = { db: getDb(), kind, close: async () => {} };
    a = await buildApp({ database, surveyRateLimit: { address: 4, failures: 3 } });
    b = await buildApp({ database, surveyRateLimit: { address: 4, failures: 3 } });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });
  afterEach(async () => {
    await getDb().execute(sql`delete from rate_limit_hits`);
  });

  it('counts sign-ins to both servers together: the 21st from one address is 429 in Vietnamese with retry-after, another address still signs in', async () => {
    await new AuthService(getDb()).createUser(CONSOLE, { username: 'quantri.thu', fullName: 'Quản trị thử', password: PASSWORD, role: 'admin' });
    const signIn = (app: FastifyInstance, ip = '203.0.113.50') =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, headers: { 'x-requested-with': 'ParIndex' }, payload: { username: 'quantri.thu', password: PASSWORD } });
    for (let i = 0; i < 20; i++) expect((await signIn(i % 2 ? b : a)).statusCode).toBe(200);
    const refused = await signIn(a);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^Quá nhiều lần đăng nhập từ địa chỉ này\. Hãy đợi \d+ giây rồi thử lại\.$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn(b)).statusCode).toBe(429);
    expect((await signIn(b, '203.0.113.51')).statusCode).toBe(200);
    // the minute is over: the address signs in again
    await endWindows();
    expect((await signIn(b)).statusCode).toBe(200);
  });

  it('counts refused survey links on both servers together: the fourth guess from one address is 429 with retry-after', async () => {
    const guess = (app: FastifyInstance, i: number) => app.inject({ url: `/api/public/surveys/KHONG-CO?t=doan-${i}`, remoteAddress: '198.51.100.77' });
    for (let i = 0; i < 3; i++) expect((await guess(i % 2 ? b : a, i)).statusCode).toBe(404);
    const refused = await guess(b, 3);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^Có quá nhiều lần mở đường dẫn khảo sát không đúng từ địa chỉ này\. Hãy đợi \d+ giây rồi thử lại/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await guess(a, 4)).statusCode).toBe(429);
    // tokens are counted under their hash: no link can be read back from the table
    const stored = await keys();
    expect(stored.some((k) => k.startsWith('survey:t:'))).toBe(true);
    expect(stored.filter((k) => k.includes('doan-'))).toEqual([]);
  });

  it('counts one address on both servers together, and starts again when the window ends', async () => {
    const send = (app: FastifyInstance) => app.inject({ method: 'POST', url: '/api/public/surveys/KHONG-CO/responses', remoteAddress: '198.51.100.88', payload: {} });
    for (let i = 0; i < 4; i++) expect((await send(i % 2 ? b : a)).statusCode).toBe(400);
    const refused = await send(a);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^Có quá nhiều yêu cầu gửi phiếu khảo sát từ địa chỉ này\. Hãy đợi \d+ giây rồi thử lại/);
    await endWindows();
    expect((await send(b)).statusCode).toBe(400);
  });

  it('gives each of many hits arriving at once on two servers its own place in the count', async () => {
    const one = storeOf(databaseRateLimitStores(getDb())('t:'));
    const two = storeOf(databaseRateLimitStores(getDb())('t:'));
    const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).incr('quay-1')));
    expect(counts.map((c) => c.current).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect((await one.read('quay-1')).current).toBe(60);
    expect((await new RateLimitRepository(getDb()).peek('t:quay-1')).hits).toBe(60);
  });

  it('ends a window after its length (clock of the test), and sweeps ended counters now and then, not on every hit', async () => {
    let now = new Date('2026-03-02T08:00:00Z');
    const stores = databaseRateLimitStores(getDb(), { clock: () => now, sweepEveryMs: 5 * 60_000 });
    const s = storeOf(stores('x:'));
    for (let i = 1; i <= 3; i++) expect((await s.incr('a', 60_000)).current).toBe(i);
    now = new Date(now.getTime() + 30_000);
    const mid = await s.incr('a', 60_000);
    expect(mid).toEqual({ current: 4, ttl: 30_000 });
    expect(await s.read('a', 60_000)).toEqual({ current: 4, ttl: 30_000 });
    await s.incr('b', 60_000);
    now = new Date(now.getTime() + 30_000);
    // the minute of "a" is over: a peek sees nothing, the next hit starts a new window at 1
    expect((await s.read('a', 60_000)).current).toBe(0);
    expect(await s.incr('a', 60_000)).toEqual({ current: 1, ttl: 60_000 });
    expect(await keys()).toEqual(['x:a', 'x:b']);
    // five minutes on, the next hit sweeps every ended counter ("b"; "a" too, since its new window ended)
    now = new Date(now.getTime() + 5 * 60_000);
    expect((await s.incr('c', 60_000)).current).toBe(1);
    expect(await keys()).toEqual(['x:c']);
  });
}, { truncateEach: false });
