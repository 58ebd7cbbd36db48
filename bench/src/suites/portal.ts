/**
 * The public portal's hot path: GET /api/cycles/:id/results of a published province of 150 units
 * (30 departments, 120 communes; the generated 120-leaf rubric), served by the real HTTP app on
 * 127.0.0.1 and hit by autocannon with 100 connections for 10 s (BENCH_PORTAL_SECONDS), asking
 * as a browser does (accept-encoding: br, gzip):
 * - portal.results.p99_ms (target ≤ 50), portal.results.rps (target ≥ 1,000), p50;
 * - portal.results.identity_p99_ms / identity_rps: the same without compression (≈ 50 KB a reply);
 * - portal.results.payload_kb: the size of one uncompressed answer.
 * Published results are frozen, so the payload is serialized and compressed once (http/public-cache.ts).
 */
import autocannon from 'autocannon';
import { dec, toExact } from '@parindex/engine';
import { openDatabase } from '@parindex/server/db/database.ts';
import { buildApp } from '@parindex/server/http/app.ts';
import { repositories } from '@parindex/server/services/repositories.ts';
import { ResultsService } from '@parindex/server/services/results.service.ts';
import { log } from '../measure.ts';
import type { SuiteContext } from '../suites.ts';
import { prng } from '@parindex/engine';
import { generateRubric } from '../workload.ts';

const UNITS = 150;
const DEPARTMENTS = 30;

/** A published 150-unit province: every leaf's decided points = max × the unit's quality ± noise (2 decimals). */
async function publishedProvince(db: Parameters<typeof repositories>[0]): Promise<string> {
  const repos = repositories(db);
  const rubric = generateRubric();
  const rnd = prng(150);
  const units = await repos.units.upsertByCode(
    Array.from({ length: UNITS }, (_, i) => {
      const dept = i < DEPARTMENTS;
      return { code: dept ? `PORTAL-S${i + 1}` : `PORTAL-X${i - DEPARTMENTS + 1}`, name: dept ? `Sở thử nghiệm ${i + 1}` : `Xã thử nghiệm ${i - DEPARTMENTS + 1}`, kind: dept ? ('department' as const) : ('commune' as const) };
    }),
  );
  const version = await repos.rubrics.insertVersion(rubric);
  const cycle = await repos.cycles.create({ year: rubric.year, name: `Chỉ số CCHC năm ${rubric.year} (benchmark cổng công bố)`, source: 'assessed', rubricVersionId: version.id });
  await repos.cycles.setCycleUnits(cycle.id, units.map((u, i) => ({ unitId: u.id, peerGroup: i < DEPARTMENTS ? 'departments' : 'communes' })));
  const leaves = rubric.fields.flatMap((f) => f.children!.flatMap((c) => c.children!));
  const scores = units.flatMap((u) => {
    const q = 0.6 + 0.37 * rnd();
    return leaves.map((l) => {
      const share = Math.min(1, Math.max(0, q + (rnd() - 0.5) * 0.3));
      return { unitId: u.id, leafCode: l.code, inputs: {}, points: toExact(dec(l.max).times(share.toFixed(2))) };
    });
  });
  await repos.scores.upsertLeafScores(cycle.id, scores);
  await new ResultsService(db).compute(cycle.id);
  await repos.cycles.setStatus(cycle.id, 'published');
  return cycle.id;
}

export async function portalSuite({ add, uses }: SuiteContext): Promise<void> {
  uses('embedded');
  const database = await openDatabase({ inMemory: true });
  const app = await buildApp({ database });
  try {
    const cycleId = await publishedProvince(database.db);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `${address}/api/cycles/${cycleId}/results`;
    const first = await fetch(url);
    const body = await first.text();
    if (!first.ok) throw new Error(`${url}: ${first.status} ${body.slice(0, 200)}`);
    const units = (JSON.parse(body) as { groups: { units: unknown[] }[] }).groups.reduce((n, g) => n + g.units.length, 0);
    if (units !== UNITS) throw new Error(`results list ${units} units, expected ${UNITS}`);
    add('portal.results.payload_kb', Buffer.byteLength(body) / 1024, 'KB');
    const duration = Number(process.env.BENCH_PORTAL_SECONDS ?? '10');
    // As a browser asks (compressed), and as a bare client does (identity, the full ≈ 50 KB each time).
    const browser = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' };
    await autocannon({ url, connections: 20, duration: 2, headers: browser }); // warm-up
    // The load generator runs in a worker thread, so the server's event loop is the server's alone.
    const run = async (label: string, headers: Record<string, string>) => {
      log(`portal: autocannon (1 worker thread), 100 connections, ${duration} s, GET ${url.replace(address, '')} (${label})`);
      const r = await autocannon({ url, connections: 100, duration, workers: 1, headers });
      if (r.errors > 0 || r.non2xx > 0 || r.timeouts > 0) throw new Error(`portal: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts`);
      return r;
    };
    const r = await run('browser: accept-encoding br, gzip', browser);
    add('portal.results.p50_ms', r.latency.p50, 'ms');
    add('portal.results.p99_ms', r.latency.p99, 'ms');
    add('portal.results.rps', r.requests.average, 'req/s');
    const id = await run('no compression', {});
    add('portal.results.identity_p99_ms', id.latency.p99, 'ms');
    add('portal.results.identity_rps', id.requests.average, 'req/s');
  } finally {
    await app.close();
    await database.close();
  }
}
