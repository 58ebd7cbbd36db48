/**
 * Workflow pages on the demo province grown to 150 units in its 2026 cycle (the 50 demo units
 * plus 100 communes with copied drafts), on the embedded database, measured through the HTTP app
 * (app.inject: server time, no network):
 * - workflow.sheet.server_ms: a unit's self-assessment sheet (≈ 90 leaves) — the page's one request;
 * - workflow.status_board.150_units_ms: the secretariat's status board (target ≤ 300 ms).
 */
import { openDatabase } from '@parindex/server/db/database.ts';
import { cycleUnits, leafScores } from '@parindex/server/db/schema.ts';
import { buildApp } from '@parindex/server/http/app.ts';
import { seedDemoIfEmpty } from '@parindex/server/seed/seed-demo.ts';
import { repositories } from '@parindex/server/services/repositories.ts';
import { login } from '@parindex/server/testing/sessions.ts';
import { eq } from 'drizzle-orm';
import { median, timed } from '../measure.ts';
import type { SuiteContext } from '../suites.ts';

export async function workflowSuite({ add, uses }: SuiteContext): Promise<void> {
  uses('embedded');
  const database = await openDatabase({ inMemory: true });
  try {
    const db = database.db;
    await seedDemoIfEmpty(db);
    const repos = repositories(db);
    const cycle = (await repos.cycles.list()).find((c) => c.year === 2026)!;
    const units = await repos.cycles.listCycleUnits(cycle.id);
    const model = units.find((u) => u.peerGroup === 'communes')!;
    const scores = await db.select().from(leafScores).where(eq(leafScores.unitId, model.unitId));
    const extra = await repos.units.upsertByCode(Array.from({ length: 100 }, (_, i) => ({ code: `bench-xa-${i + 1}`, name: `Xã Thử Nghiệm ${i + 1}`, kind: 'commune' as const })));
    await db.insert(cycleUnits).values(extra.map((u) => ({ cycleId: cycle.id, unitId: u.id, peerGroup: 'communes' })));
    for (const u of extra) await db.insert(leafScores).values(scores.filter((s) => s.cycleId === cycle.id).map((s) => ({ ...s, unitId: u.id })));
    const app = await buildApp({ database });
    const secretariat = await login(app, 'sonoivu');
    const officer = await login(app, 'tuphap.daumoi');
    const get = async (url: string, headers: Record<string, string>) => {
      const r = await app.inject({ url, headers });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return r;
    };
    const board: number[] = [];
    const sheet: number[] = [];
    let boardUnits = 0;
    for (let i = 0; i < 12; i++) {
      const b = await timed(() => get(`/api/work/cycles/${cycle.id}/status-board`, secretariat.headers));
      boardUnits = b.result.json().units.length;
      if (i >= 2) board.push(b.ms);
      const s = await timed(() => get(`/api/work/cycles/${cycle.id}/units/${officer.user.unitId}/sheet`, officer.headers));
      if (i >= 2) sheet.push(s.ms);
    }
    if (boardUnits !== 150) throw new Error(`status board shows ${boardUnits} units, expected 150`);
    add('workflow.status_board.150_units_ms', median(board), 'ms');
    add('workflow.sheet.server_ms', median(sheet), 'ms');
    await app.close();
  } finally {
    await database.close();
  }
}
