/**
 * The hand-written SQL baseline on PostgreSQL, like for like with ResultsService.compute: per
 * province, one transaction that locks the cycle's row, deletes its stored results (as
 * replaceResults does) and runs ONE statement that reads the rubric version's document and the
 * leaf scores, computes every unit's appraised / survey / bonus / deduction points, its applicable
 * maximum (the leaf's peer groups, the unit's exclusions, survey leaves marked not applicable),
 * total, exact index (50 significant digits, half-up, as decimal.js), class, rank and published
 * order per peer group (the rubric's tie policy; names in Vietnamese order), the per-node and
 * per-leaf components, and the group figures — and writes unit_results, group_results and the
 * cycle's computed_at.
 *
 * JIT compilation is switched off for the transaction (runBaselineCycle says why).
 *
 * What it does not do: evaluate rules from raw inputs. It reads leaf_scores.points, which the
 * bench fills beforehand with the engine's evaluation of the generated inputs (writeEvaluatedPoints,
 * after the engine measurements); no change on last year (the workload has no earlier cycle, so
 * the engine computes none either) and no combined groups (the workload has none).
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

/** Vietnamese order with numbers compared as numbers, as the engine's Intl.Collator('vi', { numeric: true }). */
const COLLATION = `create collation if not exists bench_vi (provider = icu, locale = 'vi-u-kn-true')`;

/** Rounds a positive quotient to 50 significant digits (decimal.js precision 50, half-up). */
const sig50 = (q: string) => `case when ${q} = 0 then 0 else trim_scale(round(${q}, 50 - (floor(log(${q})) + 1)::int)) end`;

/** The one statement: reads, computes and writes the results of cycle $1 (its old results already deleted). */
export const BASELINE_SQL = `
with recursive
cyc as (
  select c.id, rv.document as doc from cycles c join rubric_versions rv on rv.id = c.rubric_version_id where c.id = $1
),
tree as (
  select f.node, 1 as depth, array[f.ord::int] as path, array[]::text[] as ancestors,
         case when f.node ? 'appliesTo' then array(select jsonb_array_elements_text(f.node->'appliesTo')) end as applies
  from cyc, jsonb_array_elements(cyc.doc->'fields') with ordinality as f(node, ord)
  union all
  select ch.node, t.depth + 1, t.path || ch.ord::int, t.ancestors || (t.node->>'code'),
         case when ch.node ? 'appliesTo'
              then array(select g from jsonb_array_elements_text(ch.node->'appliesTo') g where t.applies is null or g = any(t.applies))
              else t.applies end
  from tree t, jsonb_array_elements(t.node->'children') with ordinality as ch(node, ord)
),
leaves as (
  select node->>'code' as code, (node->>'max')::numeric as max, path, ancestors, applies,
         coalesce(node->>'source', case when node->'rule'->>'type' = 'survey' then 'survey' else 'appraised' end) as source,
         coalesce(node->>'effect', 'score') as effect
  from tree where jsonb_array_length(coalesce(node->'children', '[]'::jsonb)) = 0
),
interior as (
  select node->>'code' as code, depth, path from tree where jsonb_array_length(coalesce(node->'children', '[]'::jsonb)) > 0
),
members as (
  select cu.unit_id, cu.peer_group, u.name from cycle_units cu join units u on u.id = cu.unit_id where cu.cycle_id = $1
),
scored as (
  select m.unit_id, l.code, l.path, l.max, l.source, l.effect, l.ancestors, coalesce(ls.points, 0) as points
  from members m cross join leaves l
  left join leaf_scores ls on ls.cycle_id = $1 and ls.unit_id = m.unit_id and ls.leaf_code = l.code
  where (l.applies is null or m.peer_group = any(l.applies))
    and not exists (select 1 from unit_exclusions e where e.cycle_id = $1 and e.unit_id = m.unit_id and (e.node_code = l.code or e.node_code = any(l.ancestors)))
    and not coalesce(l.source = 'survey' and ls.inputs->'notApplicable' = 'true'::jsonb, false)
),
sums as (
  select unit_id,
         coalesce(sum(points) filter (where effect = 'score' and source = 'survey'), 0) as survey,
         coalesce(sum(points) filter (where effect = 'score' and source <> 'survey'), 0) as appraised,
         coalesce(sum(points) filter (where effect = 'bonus'), 0) as bonus_raw,
         coalesce(sum(max) filter (where effect = 'bonus'), 0) as bonus_max,
         coalesce(sum(points) filter (where effect = 'deduction'), 0) as deduction_raw,
         coalesce(sum(max) filter (where effect = 'deduction'), 0) as deduction_max,
         coalesce(sum(max) filter (where effect = 'score'), 0) as max_points,
         jsonb_agg(jsonb_build_object('code', code, 'points', trim_scale(points)::text, 'max', trim_scale(max)::text,
                   'lost', case when effect = 'score' then trim_scale(max - points)::text else '0' end) order by path) as leaves
  from scored group by unit_id
),
node_sums as (
  select s.unit_id, a.code, sum(s.points) as points, sum(s.max) as max
  from scored s cross join unnest(s.ancestors) as a(code)
  where s.effect = 'score'
  group by s.unit_id, a.code
),
nodes as (
  select ns.unit_id, jsonb_agg(jsonb_build_object('code', ns.code, 'depth', i.depth, 'points', trim_scale(ns.points)::text, 'max', trim_scale(ns.max)::text) order by i.path) as nodes
  from node_sums ns join interior i on i.code = ns.code
  where ns.max > 0
  group by ns.unit_id
),
capped as (
  select s.*,
         least(s.bonus_raw, coalesce((select (doc->'settings'->>'bonusCap')::numeric from cyc), s.bonus_max)) as bonus,
         least(s.deduction_raw, coalesce((select (doc->'settings'->>'deductionCap')::numeric from cyc), s.deduction_max)) as deduction
  from sums s
),
totals as (
  select m.unit_id, m.peer_group, m.name, c.appraised, c.survey, c.bonus, c.deduction, c.max_points, c.leaves,
         greatest(0, c.appraised + c.survey + c.bonus - c.deduction) as total
  from members m join capped c using (unit_id)
),
quotients as (
  select t.*, (100 * t.total)::numeric(1000, 60) / t.max_points as q from totals t
),
indexed as (
  select t.*, ${sig50('t.q')} as index_exact, (select doc->'settings'->'ties' from cyc) as ties
  from quotients t
),
keyed as (
  select i.*,
         case i.ties->'keys'->>0 when 'appraised' then appraised when 'survey' then survey when 'total' then total end as k1,
         case i.ties->'keys'->>1 when 'appraised' then appraised when 'survey' then survey when 'total' then total end as k2,
         case i.ties->'keys'->>2 when 'appraised' then appraised when 'survey' then survey when 'total' then total end as k3
  from indexed i
),
bands as (
  select x.band->>'label' as label, (x.band->>'min')::numeric as min, x.ord from cyc, jsonb_array_elements(cyc.doc->'settings'->'bands') with ordinality as x(band, ord)
),
ranked as (
  select k.*,
         coalesce((select label from bands where min <= round(k.index_exact, 2) order by min desc, ord limit 1),
                  (select label from bands order by min, ord desc limit 1)) as classification,
         rank() over (partition by peer_group order by index_exact desc, k1 desc nulls last, k2 desc nulls last, k3 desc nulls last) as rnk,
         row_number() over (partition by peer_group order by index_exact desc, k1 desc nulls last, k2 desc nulls last, k3 desc nulls last,
                            name collate bench_vi, unit_id collate "C") as ord
  from keyed k
),
written_units as (
  insert into unit_results (cycle_id, unit_id, peer_group, appraised, survey, bonus, deduction, total, max_points,
                            index_exact, classification, rank, ord, components, change)
  select $1, r.unit_id, r.peer_group, trim_scale(r.appraised), trim_scale(r.survey), trim_scale(r.bonus), trim_scale(r.deduction),
         trim_scale(r.total), trim_scale(r.max_points), r.index_exact, r.classification, r.rnk, r.ord,
         jsonb_build_object('nodes', coalesce(n.nodes, '[]'::jsonb), 'leaves', r.leaves), null
  from ranked r left join nodes n using (unit_id)
  returning 1
),
groups as (
  select r.peer_group, count(*) as n, sum(r.index_exact)::numeric(1000, 60) / count(*) as mean, max(r.index_exact) as highest, min(r.index_exact) as lowest
  from ranked r group by r.peer_group
),
written_groups as (
  insert into group_results (cycle_id, peer_group, summary)
  select $1, g.peer_group, jsonb_build_object(
           'code', g.peer_group,
           'name', coalesce((select pg->>'name' from cyc, jsonb_array_elements(cyc.doc->'peerGroups') pg where pg->>'code' = g.peer_group limit 1), g.peer_group),
           'count', g.n,
           'meanIndex', (${sig50('g.mean')})::text,
           'meanIndexRounded', round(g.mean, 2)::text,
           'highestIndex', g.highest::text,
           'lowestIndex', g.lowest::text,
           'classCounts', (select jsonb_agg(jsonb_build_object('label', b.label, 'count', (select count(*) from ranked r where r.peer_group = g.peer_group and r.classification = b.label)) order by b.min desc, b.ord)
                           from bands b))
  from groups g
  returning 1
),
stamped as (
  update cycles set computed_at = now() where id = $1 returning 1
)
select (select count(*) from written_units)::int as units, (select count(*) from written_groups)::int as groups, (select count(*) from stamped)::int as cycles`;

/**
 * Computes and writes one province's results in one transaction, as ResultsService.compute does
 * (lock the cycle row, replace the stored results, stamp the cycle). Returns the rows written.
 */
export async function runBaselineCycle(client: pg.ClientBase, cycleId: string): Promise<{ units: number; groups: number }> {
  await client.query('begin');
  try {
    // The planner overestimates the rubric walk (jsonb functions, recursion) a thousandfold and
    // would JIT-compile the statement for ~10 s per province; the statement itself runs in ~0.1 s.
    await client.query('set local jit = off');
    await client.query('select computed_at from cycles where id = $1 for update', [cycleId]);
    await client.query('delete from unit_results where cycle_id = $1', [cycleId]);
    await client.query('delete from group_results where cycle_id = $1', [cycleId]);
    const { rows } = await client.query<{ units: number; groups: number; cycles: number }>(BASELINE_SQL, [cycleId]);
    if (rows[0].cycles !== 1) throw new Error(`SQL baseline: cycle ${cycleId} not found`);
    await client.query('commit');
    return { units: rows[0].units, groups: rows[0].groups };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

/**
 * Keeps the engine's results aside (bench_engine_unit_results / _group_results) before the
 * baseline overwrites them, and creates the collation the baseline orders names with.
 */
export async function prepareBaseline(client: pg.ClientBase): Promise<void> {
  await client.query(COLLATION);
  await client.query('drop table if exists bench_engine_unit_results, bench_engine_group_results');
  await client.query('create table bench_engine_unit_results as select * from unit_results');
  await client.query('create table bench_engine_group_results as select * from group_results');
}

export interface BaselineMismatch {
  cycleId: string;
  key: string;
  fields: string[];
}

/**
 * Compares the rows the baseline wrote with the engine's, kept by prepareBaseline: every column of
 * every unit row (numbers as numbers, components and change as JSON), and every group figure (the
 * exact mean to 1e-40: decimal.js rounds each partial sum to 50 digits, SQL sums exactly).
 */
export async function compareWithEngine(client: pg.ClientBase): Promise<{ units: number; groups: number; mismatches: BaselineMismatch[] }> {
  const units = await client.query<{ cycle_id: string; unit_id: string; fields: string[] }>(`
    select coalesce(e.cycle_id, s.cycle_id) as cycle_id, coalesce(e.unit_id, s.unit_id) as unit_id,
           array_remove(array[
             case when e.unit_id is null then 'missing in engine' end,
             case when s.unit_id is null then 'missing in SQL' end,
             case when e.peer_group is distinct from s.peer_group then 'peer_group' end,
             case when e.appraised is distinct from s.appraised then 'appraised' end,
             case when e.survey is distinct from s.survey then 'survey' end,
             case when e.bonus is distinct from s.bonus then 'bonus' end,
             case when e.deduction is distinct from s.deduction then 'deduction' end,
             case when e.total is distinct from s.total then 'total' end,
             case when e.max_points is distinct from s.max_points then 'max_points' end,
             case when e.index_exact is distinct from s.index_exact then 'index_exact' end,
             case when e.classification is distinct from s.classification then 'classification' end,
             case when e.rank is distinct from s.rank then 'rank' end,
             case when e.ord is distinct from s.ord then 'ord' end,
             case when e.components is distinct from s.components then 'components' end,
             case when e.change is distinct from s.change then 'change' end
           ], null) as fields
    from bench_engine_unit_results e full join unit_results s on s.cycle_id = e.cycle_id and s.unit_id = e.unit_id`);
  const groups = await client.query<{ cycle_id: string; peer_group: string; fields: string[] }>(`
    select coalesce(e.cycle_id, s.cycle_id) as cycle_id, coalesce(e.peer_group, s.peer_group) as peer_group,
           array_remove(array[
             case when e.peer_group is null then 'missing in engine' end,
             case when s.peer_group is null then 'missing in SQL' end,
             case when (e.summary->>'count')::int is distinct from (s.summary->>'count')::int then 'count' end,
             case when e.summary->>'name' is distinct from s.summary->>'name' then 'name' end,
             case when abs((e.summary->>'meanIndex')::numeric - (s.summary->>'meanIndex')::numeric) > 1e-40 then 'meanIndex' end,
             case when e.summary->>'meanIndexRounded' is distinct from s.summary->>'meanIndexRounded' then 'meanIndexRounded' end,
             case when (e.summary->>'highestIndex')::numeric is distinct from (s.summary->>'highestIndex')::numeric then 'highestIndex' end,
             case when (e.summary->>'lowestIndex')::numeric is distinct from (s.summary->>'lowestIndex')::numeric then 'lowestIndex' end,
             case when e.summary->'classCounts' is distinct from s.summary->'classCounts' then 'classCounts' end
           ], null) as fields
    from bench_engine_group_results e full join group_results s on s.cycle_id = e.cycle_id and s.peer_group = e.peer_group`);
  const mismatches = [
    ...units.rows.filter((r) => r.fields.length).map((r) => ({ cycleId: r.cycle_id, key: `unit ${r.unit_id}`, fields: r.fields })),
    ...groups.rows.filter((r) => r.fields.length).map((r) => ({ cycleId: r.cycle_id, key: `group ${r.peer_group}`, fields: r.fields })),
  ];
  return { units: units.rows.length, groups: groups.rows.length, mismatches };
}
