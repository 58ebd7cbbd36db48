import type { LeafInputs, TiePolicy } from '@parindex/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Baseline, type UnitResult, computeCycle, recomputeUnits } from './compute-cycle.ts';
import { dec } from './decimal.ts';
import { indexRubric } from './rubric-index.ts';
import { sampleRubric } from './test-rubric.ts';
import type { LeafScoreInput } from './unit-scoring.ts';

/** Few distinct values, so equal indices (ties) are common. */
const scoresArb: fc.Arbitrary<[string, LeafInputs][]> = fc.tuple(
  fc.constantFrom('on_time', 'late', 'none'),
  fc.boolean(),
  fc.constantFrom('0', '1', '1.5', '2'),
  fc.constantFrom('0', '1', '2'),
  fc.constantFrom('1', '2', '3'),
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 1, max: 3 }),
).map(([level, met, p22, p21, survey, n, d]) => [
  ['1.1', { level, hasEvidence: true }],
  ['1.2', { met }],
  ['1.4', { numerator: Math.min(n, d), denominator: d }],
  ['2.1', { points: p21 }],
  ['2.2', { points: p22 }],
  ['3.1', { points: survey }],
]);

const caseArb = fc
  .record({
    units: fc.array(fc.record({ group: fc.constantFrom('departments', 'communes'), excludeField2: fc.boolean(), scores: scoresArb }), { minLength: 2, maxLength: 12 }),
    ties: fc.constantFrom<TiePolicy[]>({ mode: 'shared' }, { mode: 'ordered', keys: ['appraised', 'survey'] }),
    previous: fc.array(fc.record({ index: fc.integer({ min: 0, max: 100 }), rank: fc.integer({ min: 1, max: 12 }) }), { minLength: 12, maxLength: 12 }),
    withBaseline: fc.boolean(),
  })
  .chain((c) => fc.record({ c: fc.constant(c), changed: fc.subarray(c.units.map((_, i) => i), { minLength: 1 }), newScores: fc.array(scoresArb, { minLength: 12, maxLength: 12 }) }));

const view = (u: UnitResult) => ({
  unitId: u.unitId,
  group: u.group,
  total: u.total.toFixed(),
  index: u.index.toFixed(),
  classification: u.classification,
  rank: u.rank,
  order: u.order,
  change: u.change && Object.fromEntries(Object.entries(u.change).map(([k, v]) => [k, typeof v === 'object' ? v.toFixed() : v])),
});

describe('recomputeUnits', () => {
  it('gives what computeCycle gives for the whole cycle after some units’ scores change', () => {
    fc.assert(
      fc.property(caseArb, ({ c, changed, newScores }) => {
        const doc = sampleRubric();
        doc.settings.ties = c.ties;
        const rubric = indexRubric(doc);
        const units = c.units.map((u, i) => ({ unitId: `u${i}`, name: `Đơn vị ${i % 3}`, group: u.group, excluded: u.excludeField2 ? ['2'] : [] }));
        const scoresOf = (list: [string, LeafInputs][]) => new Map<string, LeafScoreInput>(list.map(([code, inputs]) => [code, { inputs }]));
        const before = new Map(units.map((u, i) => [u.unitId, scoresOf(c.units[i].scores)]));
        const after = new Map(before);
        for (const i of changed) after.set(`u${i}`, scoresOf(newScores[i]));
        // Last year: the first units by id, and u1 merged from u0's and a gone unit's results.
        const baseline: Baseline | undefined = c.withBaseline
          ? {
              results: [
                ...units.slice(0, 6).map((u, i) => ({ unitId: u.unitId, total: dec(c.previous[i].index).dividedBy(10), index: dec(c.previous[i].index), rank: c.previous[i].rank })),
                { unitId: 'gone', total: dec(5), index: dec(50), rank: 3 },
              ],
              lineage: [
                { predecessorId: 'gone', successorId: 'u1', weight: dec('0.3') },
                { predecessorId: 'u0', successorId: 'u1', weight: dec('0.7') },
              ],
            }
          : undefined;

        const stored = computeCycle(rubric, units, before, baseline);
        const full = computeCycle(rubric, units, after, baseline);
        const changedIds = new Set(changed.map((i) => `u${i}`));
        const others = stored.units.filter((u) => !changedIds.has(u.unitId));
        const wanted = baseline && {
          lineage: baseline.lineage,
          results: baseline.results.filter((r) => changedIds.has(r.unitId) || baseline.lineage.some((l) => l.predecessorId === r.unitId && changedIds.has(l.successorId))),
        };
        const incremental = recomputeUnits(rubric, units.filter((u) => changedIds.has(u.unitId)), after, others, wanted);

        const groups = new Set<string>(units.filter((u) => changedIds.has(u.unitId)).map((u) => u.group));
        const byPosition = (a: UnitResult, b: UnitResult) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.order - b.order);
        expect([...incremental.units].sort(byPosition).map(view)).toEqual(full.units.filter((u) => groups.has(u.group)).sort(byPosition).map(view));
        for (const u of incremental.units) if (changedIds.has(u.unitId)) expect(u.scoring).toEqual(full.units.find((f) => f.unitId === u.unitId)!.scoring);
        expect([...incremental.groups.keys()].sort()).toEqual([...groups].sort());
        for (const [g, s] of incremental.groups) expect(s).toEqual(full.groups.get(g));
      }),
      { numRuns: 300 },
    );
  });
});
