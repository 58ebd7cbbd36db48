/**
 * ResultsService.recomputeUnit (one unit's scores changed → only what moved is rewritten) must
 * leave exactly the rows a full compute writes. Two cycles of the same year hold the same units
 * and scores: every change is applied to both, cycle A is brought up to date incrementally and
 * cycle B by a full compute, and every stored unit_results and group_results row is compared —
 * after moves past another unit, ties (shared and ordered), an excluded node, decided points,
 * a change of last year through lineage (direct, 1:1 successor, weighted merger), two units at once,
 * and several recomputations of one cycle running at the same time.
 */
import type { LeafInputs, RubricDocument, TiePolicy } from '@parindex/contracts';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { type Db, executeRows } from '../db/database.ts';
import type { Unit } from '../repositories/unit.repository.ts';
import { expectAppError } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { ResultsService } from './results.service.ts';
import { repositories } from './repositories.ts';

function rubric(ties: TiePolicy): RubricDocument {
  return {
    code: 'INCR',
    name: 'Bộ chỉ số thử tính lại từng đơn vị',
    year: 2025,
    unitKinds: ['department', 'commune'],
    settings: {
      bands: [
        { label: 'Xuất sắc', min: '90' },
        { label: 'Tốt', min: '80' },
        { label: 'Khá', min: '70' },
        { label: 'Trung bình', min: '0' },
      ],
      ties,
      pointDecimals: 3,
      evidencePolicy: 'zero',
    },
    peerGroups: [
      { code: 'SO', name: 'Sở, ban, ngành' },
      { code: 'XA', name: 'UBND xã, phường' },
    ],
    fields: [
      {
        code: '1',
        title: 'Chỉ đạo, điều hành',
        max: '60',
        children: [
          { code: '1.1', title: 'Kế hoạch', max: '15', source: 'appraised', rule: { type: 'manual' } },
          { code: '1.2', title: 'Báo cáo', max: '25', source: 'appraised', rule: { type: 'manual' } },
          {
            code: '1.3',
            title: 'Hồ sơ đúng hạn',
            max: '20',
            source: 'appraised',
            rule: { type: 'proportional', numeratorLabel: 'Đúng hạn', denominatorLabel: 'Tiếp nhận', whenNone: 'full' },
          },
        ],
      },
      { code: '2', title: 'Điều tra xã hội học', max: '40', children: [{ code: '2.1', title: 'Hài lòng', max: '40', source: 'survey', rule: { type: 'survey' } }] },
    ],
  };
}

/** [1.1, 1.2, numerator/denominator of 1.3, 2.1] per unit code. */
type Scores = [string, string, [number, number], string];
const INITIAL: Record<string, Scores> = {
  S1: ['12', '20', [90, 100], '31.5'],
  S2: ['14', '22', [70, 100], '33'],
  S3: ['10', '20', [2, 3], '30'], // 1.1 excluded: maximum 85
  S4: ['9', '18', [50, 100], '28.25'],
  S5: ['8', '15', [1, 3], '25'],
  X1: ['13', '21', [80, 100], '34'],
  X2: ['11', '19', [60, 90], '30'],
  X3: ['15', '25', [99, 100], '39'],
  X4: ['7', '12', [0, 0], '20'],
};

function leafRows(s: Scores): { leafCode: string; inputs: LeafInputs }[] {
  return [
    { leafCode: '1.1', inputs: { points: s[0] } },
    { leafCode: '1.2', inputs: { points: s[1] } },
    { leafCode: '1.3', inputs: { numerator: s[2][0], denominator: s[2][1] } },
    { leafCode: '2.1', inputs: { points: s[3] } },
  ];
}

/** Every stored result of a cycle, numerics as stored text, keyed by unit (cycle id left out). */
async function storedResults(db: Db, cycleId: string) {
  const units = await executeRows(
    db,
    sql`select unit_id, peer_group, appraised::text, survey::text, bonus::text, deduction::text, total::text, max_points::text,
               index_exact::text, classification, rank, ord, components, change
        from unit_results where cycle_id = ${cycleId} order by unit_id collate "C"`,
  );
  const groups = await executeRows(db, sql`select peer_group, summary from group_results where cycle_id = ${cycleId} order by peer_group collate "C"`);
  return { units, groups };
}

async function setup(db: Db, ties: TiePolicy) {
  const repos = repositories(db);
  const unitRows = [
    ...['S1', 'S2', 'S3', 'S4', 'S5'].map((c, i) => ({ code: c, name: `Sở số ${i + 1}`, kind: 'department' as const })),
    ...['X1', 'X2', 'X3', 'X4'].map((c, i) => ({ code: c, name: `Xã số ${i + 1}`, kind: 'commune' as const })),
    ...['OA', 'OB', 'OC'].map((c) => ({ code: c, name: `Đơn vị cũ ${c}`, kind: 'commune' as const })),
  ];
  const saved = await repos.units.upsertByCode(unitRows);
  const unit = (code: string): Unit => saved.find((u) => u.code === code)!;
  const version = await repos.rubrics.insertVersion(rubric(ties));
  const svc = new ResultsService(db);

  // 2024: S1 itself, OA (→ S2, 1:1) and OB + OC (→ X1, merged 60/40) have results; X2 came from OB too (split).
  const prev = await repos.cycles.create({ year: 2024, name: 'Kỳ 2024', source: 'assessed', rubricVersionId: version.id });
  const prevUnits = ['S1', 'S4', 'OA', 'OB', 'OC'];
  await repos.cycles.setCycleUnits(prev.id, prevUnits.map((c) => ({ unitId: unit(c).id, peerGroup: c.startsWith('S') || c === 'OA' ? 'SO' : 'XA' })));
  const prevScores: Record<string, Scores> = {
    S1: ['10', '20', [80, 100], '30'],
    S4: ['12', '20', [90, 100], '30'],
    OA: ['13', '24', [70, 100], '32'],
    OB: ['9', '15', [60, 100], '30'],
    OC: ['14', '22', [95, 100], '36'],
  };
  await repos.scores.upsertLeafScores(
    prev.id,
    prevUnits.flatMap((c) => leafRows(prevScores[c]).map((l) => ({ unitId: unit(c).id, ...l, points: null }))),
  );
  await svc.compute(prev.id);
  await repos.units.addLineage([
    { predecessorId: unit('OA').id, successorId: unit('S2').id, weight: '1', effectiveDate: '2025-07-01' },
    { predecessorId: unit('OB').id, successorId: unit('X1').id, weight: '0.6', effectiveDate: '2025-07-01' },
    { predecessorId: unit('OC').id, successorId: unit('X1').id, weight: '0.4', effectiveDate: '2025-07-01' },
    { predecessorId: unit('OB').id, successorId: unit('X2').id, weight: '0.5', effectiveDate: '2025-07-01' },
  ]);

  // 2025: cycle A is kept up to date incrementally, cycle B by full computes.
  const codes = Object.keys(INITIAL);
  const makeCycle = async (name: string) => {
    const c = await repos.cycles.create({ year: 2025, name, source: 'assessed', rubricVersionId: version.id });
    await repos.cycles.setCycleUnits(c.id, codes.map((code) => ({ unitId: unit(code).id, peerGroup: code.startsWith('S') ? 'SO' : 'XA' })));
    await repos.cycles.setExclusions(c.id, [{ unitId: unit('S3').id, nodeCode: '1.1', basis: 'Không phát sinh nhiệm vụ' }]);
    await repos.scores.upsertLeafScores(
      c.id,
      codes.flatMap((code) => leafRows(INITIAL[code]).map((l) => ({ unitId: unit(code).id, ...l, points: null }))),
    );
    await svc.compute(c.id);
    return c;
  };
  const a = await makeCycle('Kỳ 2025 (A)');
  const b = await makeCycle('Kỳ 2025 (B)');

  /** Applies the same score changes to A and B, recomputes A incrementally and B fully, and compares every stored row. */
  const change = async (step: string, rows: { unit: string; leafCode: string; inputs?: LeafInputs; points?: string | null }[]) => {
    const byUnit = new Map<string, typeof rows>();
    for (const r of rows) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
    for (const cycle of [a, b]) {
      const current = await repos.scores.listLeafScores(cycle.id);
      await repos.scores.upsertLeafScores(
        cycle.id,
        rows.map((r) => {
          const old = current.find((s) => s.unitId === unit(r.unit).id && s.leafCode === r.leafCode)!;
          return { unitId: unit(r.unit).id, leafCode: r.leafCode, inputs: r.inputs ?? old.inputs, points: r.points === undefined ? old.points : r.points };
        }),
      );
    }
    const ids = [...byUnit.keys()].map((c) => unit(c).id);
    const outcome = ids.length === 1 ? await svc.recomputeUnit(a.id, ids[0]) : await svc.recomputeUnits(a.id, ids);
    expect(outcome.mode, step).toBe('incremental');
    await svc.compute(b.id);
    const incremental = await storedResults(db, a.id);
    const full = await storedResults(db, b.id);
    expect(incremental, step).toEqual(full);
    return { outcome, rows: incremental.units as { unit_id: string; rank: number; ord: number; index_exact: string; change: { rankDelta: number | null } | null }[] };
  };
  return { svc, repos, unit, a, b, change };
}

const rowOf = (rows: { unit_id: string }[], u: Unit) => rows.find((r) => r.unit_id === u.id)! as unknown as { rank: number; ord: number; index_exact: string; classification: string; change: { basis: string; rankDelta: number | null; previousIndex: string | null } | null };

describeEachDatabase('ResultsService.recomputeUnit equals a full compute', (getDb) => {
  for (const ties of [{ mode: 'ordered', keys: ['appraised', 'survey'] }, { mode: 'shared' }] as TiePolicy[]) {
    it(`one score at a time, ties ${ties.mode}`, async () => {
      const db = getDb();
      const { change, unit } = await setup(db, ties);

      // A small change that moves nobody: only S1's row and the group summary are written.
      let r = await change('S1 1.2 +0.5', [{ unit: 'S1', leafCode: '1.2', inputs: { points: '20.5' } }]);
      expect(r.outcome.unitRows).toBe(1);
      expect(r.outcome.groupRows).toBe(1);

      // S5 (last) moves past S4, S3 and S2: ranks and positions move, and the rank change of S1 (direct) and S4 (direct).
      r = await change('S5 past S2', [
        { unit: 'S5', leafCode: '1.1', inputs: { points: '15' } },
        { unit: 'S5', leafCode: '1.2', inputs: { points: '24' } },
      ]);
      r = await change('S5 survey up', [{ unit: 'S5', leafCode: '2.1', inputs: { points: '40' } }]);
      expect(rowOf(r.rows, unit('S5')).rank).toBeLessThan(rowOf(r.rows, unit('S2')).rank);
      expect(r.outcome.unitRows).toBeGreaterThan(1);

      // A tie: S4 gets exactly S1's scores (same index, appraised and survey) → shared rank under both policies.
      r = await change('S4 = S1', [
        { unit: 'S4', leafCode: '1.1', inputs: { points: '12' } },
        { unit: 'S4', leafCode: '1.2', inputs: { points: '20.5' } },
        { unit: 'S4', leafCode: '1.3', inputs: { numerator: 90, denominator: 100 } },
        { unit: 'S4', leafCode: '2.1', inputs: { points: '31.5' } },
      ]);
      expect(rowOf(r.rows, unit('S4')).index_exact).toBe(rowOf(r.rows, unit('S1')).index_exact);
      expect(rowOf(r.rows, unit('S4')).rank).toBe(rowOf(r.rows, unit('S1')).rank);

      // The same index from other parts (more appraised, less survey): separated under "ordered", shared under "shared".
      r = await change('S4 same index, more appraised', [
        { unit: 'S4', leafCode: '1.2', inputs: { points: '21.5' } },
        { unit: 'S4', leafCode: '2.1', inputs: { points: '30.5' } },
      ]);
      const s1 = rowOf(r.rows, unit('S1')), s4 = rowOf(r.rows, unit('S4'));
      expect(s4.index_exact).toBe(s1.index_exact);
      if (ties.mode === 'ordered') expect(s4.rank).toBe(s1.rank - 1);
      else expect(s4.rank).toBe(s1.rank);

      // The tie broken again, down past several units.
      await change('S4 down', [{ unit: 'S4', leafCode: '2.1', inputs: { points: '10' } }]);

      // The unit with an excluded node (maximum 85, index not a finite decimal).
      r = await change('S3 up', [{ unit: 'S3', leafCode: '1.3', inputs: { numerator: 3, denominator: 3 } }]);
      expect(rowOf(r.rows, unit('S3')).index_exact.length).toBeGreaterThan(20);
      // Its excluded leaf scored anyway changes nothing but its own row.
      await change('S3 excluded leaf', [{ unit: 'S3', leafCode: '1.1', inputs: { points: '15' } }]);

      // Decided points take precedence over inputs; then cleared again.
      await change('S2 decided points', [{ unit: 'S2', leafCode: '1.2', points: '5' }]);
      await change('S2 points cleared', [{ unit: 'S2', leafCode: '1.2', points: null }]);

      // The communes: X1 is merged (weighted baseline, no rank change), X2 split from OB (weighted too), X3 new.
      r = await change('X4 to the top', [
        { unit: 'X4', leafCode: '1.1', inputs: { points: '15' } },
        { unit: 'X4', leafCode: '1.2', inputs: { points: '25' } },
        { unit: 'X4', leafCode: '2.1', inputs: { points: '40' } },
      ]);
      expect(rowOf(r.rows, unit('X4')).rank).toBe(1);
      expect(rowOf(r.rows, unit('X1')).change?.basis).toBe('weighted');
      await change('X1 down', [{ unit: 'X1', leafCode: '2.1', inputs: { points: '1' } }]);

      // Two units of both groups at once.
      r = await change('S1 and X3 together', [
        { unit: 'S1', leafCode: '1.1', inputs: { points: '0' } },
        { unit: 'X3', leafCode: '1.2', inputs: { points: '0' } },
      ]);
      expect(r.outcome.groupRows).toBe(2);
      expect(rowOf(r.rows, unit('S1')).change?.basis).toBe('direct');

      // A "change" to the same value writes the unit's row again and leaves the rest as it was.
      r = await change('no-op', [{ unit: 'S2', leafCode: '1.1', inputs: { points: '14' } }]);
      expect(r.outcome.unitRows).toBe(1);
    });
  }

  it('recomputations of one cycle at the same time run one after the other under its row lock', async () => {
    const db = getDb();
    const { svc, repos, unit, a, b } = await setup(db, { mode: 'ordered', keys: ['appraised', 'survey'] });
    const moves: [string, string, string][] = [['S5', '1.1', '15'], ['S4', '1.2', '25'], ['S3', '2.1', '40'], ['X4', '1.2', '25'], ['X2', '1.1', '0']];
    for (const cycle of [a, b]) {
      for (const [code, leafCode, points] of moves) {
        await repos.scores.upsertLeafScores(cycle.id, [{ unitId: unit(code).id, leafCode, inputs: { points }, points: null }]);
      }
    }
    const outcomes = await Promise.all([...moves.map(([code]) => svc.recomputeUnit(a.id, unit(code).id)), new ResultsService(db).compute(b.id)]);
    expect(outcomes.slice(0, moves.length).every((o) => 'mode' in o && o.mode === 'incremental')).toBe(true);
    expect(await storedResults(db, a.id)).toEqual(await storedResults(db, b.id));
  });

  it('computes the whole cycle when the stored results cannot be trusted, and refuses a unit outside the cycle', async () => {
    const db = getDb();
    const { svc, repos, unit, a } = await setup(db, { mode: 'shared' });
    // S5 moves to the communes: its stored result was ranked among the departments.
    const members = await repos.cycles.listCycleUnits(a.id);
    await repos.cycles.setCycleUnits(a.id, members.map((m) => ({ unitId: m.unitId, peerGroup: m.unitId === unit('S5').id ? 'XA' : m.peerGroup })));
    expect(await svc.recomputeUnit(a.id, unit('S1').id)).toMatchObject({ mode: 'full', reason: expect.stringContaining('peer groups') });
    expect((await svc.recomputeUnit(a.id, unit('S1').id)).mode).toBe('incremental');
    // Marked stale (e.g. the rubric was replaced).
    await repos.cycles.setComputedAt(a.id, null);
    expect((await svc.recomputeUnit(a.id, unit('S1').id)).mode).toBe('full');
    // The baseline cycle computed after this one: its changes must reach every unit.
    const prev = (await repos.cycles.list()).find((c) => c.year === 2024)!;
    await svc.compute(prev.id);
    expect((await svc.recomputeUnit(a.id, unit('S1').id)).mode).toBe('full');
    expect((await svc.recomputeUnit(a.id, unit('S1').id)).mode).toBe('incremental');
    await expectAppError(svc.recomputeUnit(a.id, unit('OA').id), 'VALIDATION');
  });
});
