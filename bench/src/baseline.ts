/**
 * The hand-written SQL baseline on PostgreSQL: totals, index and rank per peer group in one query
 * over leaf_scores.points. The points are the engine's evaluation of the generated inputs, written
 * into leaf_scores.points beforehand (after the engine measurements, since stored points take
 * precedence over inputs in the engine).
 */
import type pg from 'pg';
import type { Loaded } from './load.ts';
import type { Workload } from './workload.ts';

export async function writeEvaluatedPoints(client: pg.ClientBase, w: Workload, loaded: Loaded): Promise<void> {
  let i = 0;
  for (const p of w.provinces()) {
    const cycleId = loaded.cycleIds[i++];
    await client.query(
      `update leaf_scores ls set points = t.points::numeric
       from unnest($2::text[], $3::text[], $4::text[]) as t(unit_id, leaf_code, points)
       where ls.cycle_id = $1 and ls.unit_id = t.unit_id and ls.leaf_code = t.leaf_code`,
      [cycleId, p.scores.map((s) => loaded.unitIdByCode.get(s.unitCode)!), p.scores.map((s) => s.leafCode), p.scores.map((s) => s.evaluated)],
    );
  }
  await client.query('analyze leaf_scores');
}

export interface BaselineRow {
  cycle_id: string;
  unit_id: string;
  peer_group: string;
  total: string;
  idx: string;
  rnk: string;
}

/** One query: Σ points per unit, index = 100 × Σ / max, rank() within (cycle, peer group). */
export const BASELINE_SQL = `
  with totals as (
    select ls.cycle_id, ls.unit_id, cu.peer_group, sum(ls.points) as total
    from leaf_scores ls
    join cycle_units cu on cu.cycle_id = ls.cycle_id and cu.unit_id = ls.unit_id
    where ls.cycle_id = any($1::text[])
    group by ls.cycle_id, ls.unit_id, cu.peer_group
  )
  select cycle_id, unit_id, peer_group, total, 100 * total / $2::numeric as idx,
         rank() over (partition by cycle_id, peer_group order by 100 * total / $2::numeric desc) as rnk
  from totals`;

export async function runBaseline(client: pg.ClientBase, cycleIds: string[], max: string): Promise<BaselineRow[]> {
  return (await client.query<BaselineRow>(BASELINE_SQL, [cycleIds, max])).rows;
}

/** Compares the baseline with the engine's stored results: units whose total or rank differ. */
export async function compareWithEngine(client: pg.ClientBase, rows: BaselineRow[]): Promise<number> {
  const engine = await client.query<{ cycle_id: string; unit_id: string; total: string; rank: number }>(
    'select cycle_id, unit_id, total::text as total, rank from unit_results',
  );
  const byKey = new Map(engine.rows.map((r) => [`${r.cycle_id}/${r.unit_id}`, r]));
  let diff = 0;
  for (const b of rows) {
    const e = byKey.get(`${b.cycle_id}/${b.unit_id}`);
    if (!e || Number(e.total) !== Number(b.total) || e.rank !== Number(b.rnk)) diff++;
  }
  return diff + Math.max(0, engine.rows.length - rows.length);
}
