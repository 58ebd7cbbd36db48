/**
 * Public form submissions over HTTP (127.0.0.1, autocannon, 50 connections from one thread), each a
 * new form, acknowledged only once durable:
 * - the raw path: every rate limit raised to 1e9, every form to one desk — what the server and the
 *   database can take, the limiter doing no more than counting;
 * - the production path: DEFAULT_PUBLIC_SURVEY_LIMITS (per address, desk, link) as a province
 *   runs them, behind a reverse proxy (trustProxy; the client address from X-Forwarded-For), the
 *   load spread over many desks, one-time links and client addresses so that no counter reaches
 *   its limit: any refusal fails the run.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Database } from '@parindex/server/db/database.ts';
import { DEFAULT_PUBLIC_SURVEY_LIMITS } from '@parindex/server/http/routes/survey-rate-limits.ts';
import { log } from '../measure.ts';

export const INGEST_CONNECTIONS = 50;
export const INGEST_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? '10');
/** Share of the production run's forms sent through one-time links (the rest through desks). */
const LINK_SHARE = 0.1;

export interface IngestTarget {
  baseUrl: string;
  /** The questionnaire's public code. */
  code: string;
  questionnaireId: string;
  answers: Record<string, string | string[]>;
}

export interface IngestResult {
  ok: number;
  seconds: number;
  rps: number;
  p99: number;
  /** Responses by HTTP status other than 2xx (429 = a rate limit was reached). */
  refused: Record<number, number>;
  stored: number;
}

async function storedCount(database: Database, questionnaireId: string): Promise<number> {
  const r = (await database.db.execute(sql`select count(*)::int as n from survey_responses where questionnaire_id = ${questionnaireId}`)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0].n);
}

/**
 * Sends forms for `duration` seconds, or `amount` forms, each request's desk / link / address
 * chosen by `route(i)`; checks that no acknowledged form is missing from the database.
 */
export async function ingest(
  database: Database,
  t: IngestTarget,
  opts: { duration?: number; amount?: number; route: (i: number) => { desk?: string; token?: string; address?: string } },
): Promise<IngestResult> {
  const before = await storedCount(database, t.questionnaireId);
  const refused: Record<number, number> = {};
  let i = 0;
  const result = await autocannon({
    url: `${t.baseUrl}/api/public/surveys/${t.code}/responses`,
    connections: INGEST_CONNECTIONS,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? INGEST_SECONDS }),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const r = opts.route(i++);
          const body = { ...(r.token ? { token: r.token } : { desk: r.desk }), response: { id: randomUUID(), respondentGroup: 'nguoi_dan', answers: t.answers, durationSeconds: 200 } };
          const headers = { ...(req.headers as Record<string, string>), ...(r.address ? { 'x-forwarded-for': r.address } : {}) };
          return { ...req, headers, body: JSON.stringify(body) };
        },
        onResponse: (status) => {
          if (status < 200 || status >= 300) refused[status] = (refused[status] ?? 0) + 1;
        },
      },
    ],
  });
  const stored = (await storedCount(database, t.questionnaireId)) - before;
  // Requests still in flight when the run stops may be stored without being counted: never fewer stored than acknowledged.
  if (stored < result['2xx']) throw new Error(`Lưu ${stored} phiếu nhưng đã báo nhận ${result['2xx']}: có phiếu được báo nhận mà không lưu.`);
  if (result.errors || result.timeouts) throw new Error(`Gửi phiếu: ${result.errors} lỗi kết nối, ${result.timeouts} quá thời gian.`);
  return { ok: result['2xx'], seconds: result.duration, rps: result['2xx'] / result.duration, p99: result.latency.p99, refused, stored };
}

/**
 * How many desks, links and client addresses the production run needs so that `amount` forms
 * (at most: the run stops there) stay under every limit even if all arrive within one minute:
 * each desk takes ≤ 5/6 of its limit, each address ≤ 5/6 of its own, each link one form.
 */
export function productionSpread(amount: number, limits = DEFAULT_PUBLIC_SURVEY_LIMITS) {
  const links = Math.ceil(amount * LINK_SHARE);
  const desks = Math.ceil((amount - links) / Math.floor((limits.desk * 5) / 6));
  const addresses = Math.ceil(amount / Math.floor((limits.address * 5) / 6));
  return { links, desks, addresses };
}

/** Request i: every (1/LINK_SHARE)-th through the next unused link, the others round the desks; addresses in turn. */
export function productionRoute(desks: string[], tokens: string[], addresses: number) {
  let nextToken = 0;
  const every = Math.round(1 / LINK_SHARE);
  return (i: number) => {
    const address = `10.${Math.floor((i % addresses) / 250) % 250}.${(i % addresses) % 250}.7`;
    if (i % every === 0 && nextToken < tokens.length) return { token: tokens[nextToken++], address };
    return { desk: desks[i % desks.length], address };
  };
}

export function logIngest(label: string, r: IngestResult): void {
  const refused = Object.entries(r.refused).map(([s, n]) => `${n}×${s}`).join(', ') || 'none';
  log(`ingest (${label}): ${r.ok} acknowledged in ${r.seconds} s = ${Math.round(r.rps)} forms/s, p99 ${r.p99} ms, ${r.stored} stored, refused: ${refused}`);
}
