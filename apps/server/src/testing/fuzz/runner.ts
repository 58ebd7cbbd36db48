/** The fuzz's request runner: one request, what broke recorded with what was sent, and the failures listed together. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ApiRoute } from '../../http/app.ts';
import type { TestSession } from '../sessions.ts';
import { type FuzzContext, pathOf, sessionFor } from './context.ts';
import { type Method, MUTATING, summarize } from './values.ts';

/** One request; a status ≥ 500 (or no answer in 30 s) is recorded with what was sent. */
export async function call(ctx: FuzzContext, route: ApiRoute, opts: { path?: string; query?: string; body?: unknown; raw?: string | Buffer; contentType?: string; session?: TestSession | null; label: string }) {
  const session = opts.session === undefined ? sessionFor(ctx, route) : opts.session;
  const headers: Record<string, string> = session ? { ...session.headers } : { 'x-requested-with': 'ParIndex' };
  let payload: string | Buffer | undefined;
  if (opts.raw !== undefined) {
    payload = opts.raw;
    if (opts.contentType) headers['content-type'] = opts.contentType;
  } else if (opts.body !== undefined && MUTATING.has(route.method)) {
    payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
  }
  const url = (opts.path ?? pathOf(ctx, route)) + (opts.query ? `?${opts.query}` : '');
  ctx.requests++;
  // A different address per anonymous call: the login and survey-form rate limits are per address.
  const remoteAddress = `10.${(ctx.ip >> 16) & 255}.${(ctx.ip >> 8) & 255}.${ctx.ip++ & 255}`;
  let res: LightMyRequestResponse | undefined;
  let problem: string | undefined;
  const timeout = new AbortController();
  try {
    res = await Promise.race([
      ctx.app.inject({ method: route.method as Method, url, headers, payload, remoteAddress }),
      sleep(30_000, undefined, { signal: timeout.signal }).catch(() => undefined),
    ]);
    timeout.abort();
    let reqId: string | undefined;
    try {
      reqId = res?.json().requestId;
    } catch {
      /* not JSON */
    }
    if (res && res.statusCode < 300) ctx.succeeded.add(`${route.method} ${route.url}`);
    if (process.env.FUZZ_DEBUG && res && opts.label.endsWith('valid-looking')) console.info(`${route.method} ${url} [${opts.label}] ${summarize(opts.body)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (!res) problem = 'no answer in 30 s';
    else if (res.statusCode >= 500) problem = `${res.statusCode} ${(reqId && ctx.logged.get(reqId)) || res.body.slice(0, 200)}`;
    // Below 500 thanks to the safety net only: the service should have checked first.
    else if (reqId && ctx.refusedByDatabase.has(reqId)) problem = `${res.statusCode} ${ctx.refusedByDatabase.get(reqId)}`;
  } catch (err) {
    problem = `inject threw: ${(err as Error).message}`;
  }
  if (problem) {
    const key = `${route.method} ${route.url} [${opts.label}] → ${problem.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<uuid>')}`;
    const seen = ctx.failures.get(key);
    if (seen) seen.count++;
    else ctx.failures.set(key, { count: 1, example: `${route.method} ${summarize(url, 200)} body=${summarize(opts.raw ?? opts.body)}` });
  }
  return res;
}

/** Ends one test: every failure of the suite so far, listed together. */
export function expectNoFailures(ctx: FuzzContext) {
  const list = [...ctx.failures].map(([key, f]) => `${key}${f.count > 1 ? ` (×${f.count})` : ''}\n      e.g. ${f.example}`);
  ctx.failures.clear();
  expect(list, `${list.length} kinds of request answered ≥ 500 or refused by the database:\n${list.join('\n')}`).toEqual([]);
}
