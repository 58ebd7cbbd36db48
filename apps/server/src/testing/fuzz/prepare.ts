/** What a route needs just before it is fuzzed: its unit's sheet back with the unit, a job to read, a leaf's revision and inputs. */
import type { LightMyRequestResponse } from 'fastify';
import type { ApiRoute } from '../../http/app.ts';
import type { FuzzContext } from './context.ts';
import { FUZZ_PASSWORD, type Json } from './values.ts';

/** A job for the job routes to read: an export of the published 2025 results, or an import of survey responses. */
async function startJob(ctx: FuzzContext, route: ApiRoute): Promise<string | undefined> {
  const { app, cycle2025, files, real } = ctx;
  const staff = ctx.sessions.get('secretariat')!.headers;
  let res: LightMyRequestResponse;
  if (route.url.startsWith('/api/exports/')) res = await app.inject({ method: 'POST', url: `/api/cycles/${cycle2025}/exports`, headers: { 'x-requested-with': 'ParIndex' }, payload: { format: 'csv' } });
  else if (route.url.startsWith('/api/work/exports/')) res = await app.inject({ method: 'POST', url: `/api/work/cycles/${cycle2025}/exports`, headers: staff, payload: { format: 'csv' } });
  else {
    const boundary = '----parindexjob';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phieu.csv"\r\nContent-Type: text/csv\r\n\r\n`), files.responsesCsv ?? Buffer.from('x'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    res = await app.inject({ method: 'POST', url: `/api/work/surveys/${real.qid}/responses/import-jobs`, headers: { ...staff, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  }
  const body = res.json() as { id?: string; jobId?: string };
  return body.id ?? body.jobId;
}

/**
 * Before a route is fuzzed: the unit's sheet returned to it when the route edits it (an earlier
 * call may have submitted it), and the leaf's current revision and inputs read, so the
 * valid-looking body gets past the checks into the service.
 */
export async function prepare(ctx: FuzzContext, route: ApiRoute) {
  const { app, dynamic, real } = ctx;
  for (const key of Object.keys(dynamic)) delete dynamic[key];
  const staff = ctx.sessions.get('secretariat')!.headers;
  if (/\/leaves\/:leafCode\/(self|evidence)$|\/units\/:unitId\/documents$/.test(route.url))
    await app.inject({ method: 'POST', url: `/api/work/cycles/${real.id}/units/${real.unitId}/return`, headers: staff, payload: { reason: 'Trả lại để thử tiếp' } });
  if (route.url.endsWith('/remediation/:actionId')) {
    const view = await app.inject({ url: `/api/work/cycles/${real.id}/units/${real.unitId}/remediation`, headers: staff });
    real.actionId = (view.statusCode === 200 && (view.json().actions as { id: string }[] | undefined)?.[0]?.id) || real.actionId;
  }
  if (route.url.includes(':jobId')) real.jobId = (await startJob(ctx, route)) ?? real.jobId;
  if (route.url.endsWith('/auth/login')) Object.assign(dynamic, { username: 'fuzz.target', password: FUZZ_PASSWORD });
  const m = /\/leaves\/:leafCode\/(self|proposal|response|council)$/.exec(route.url);
  if (!m) return;
  const res = await app.inject({ url: `/api/work/cycles/${real.id}/units/${real.unitId}/sheet`, headers: staff });
  const leaf = res.statusCode === 200 ? (res.json().leaves as { code: string; revision: number; inputs: Json | null }[]).find((l) => l.code === real.leafCode) : undefined;
  if (!leaf) return;
  dynamic.revision = leaf.revision;
  if (m[1] === 'self' && leaf.inputs) {
    const { hasEvidence: _e, explanationAccepted: _a, ...inputs } = leaf.inputs;
    dynamic.inputs = inputs;
  }
}
