import type { TiePolicy } from '@parindex/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCycle } from './compute-cycle.ts';
import { dec } from './decimal.ts';
import { rankUnits } from './ranking.ts';
import { indexRubric } from './rubric-index.ts';
import { sampleRubric } from './test-rubric.ts';
import type { LeafScoreInput } from './unit-scoring.ts';

const bands = [{ label: 'Tốt', min: '80' }, { label: 'Khá', min: '70' }, { label: 'TB', min: '0' }];
const thousandths = (max: number) => fc.integer({ min: 0, max: max * 1000 }).map((n) => dec(n).dividedBy(1000));
const unitArb = fc.record({
  appraised: thousandths(70),
  survey: thousandths(30),
  max: fc.constantFrom('100', '98', '78.5', '71.5'),
  group: fc.constantFrom('g1', 'g2'),
});
const unitsArb = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), unitArb), { minLength: 1, maxLength: 25, selector: (t) => t[0] })
  .map((list) => list.map(([id, u]) => {
    const max = dec(u.max);
    const appraised = dec(Math.min(u.appraised.toNumber(), max.times(0.7).toNumber()).toFixed(3));
    return { unitId: id, name: id, group: u.group, appraised, survey: u.survey, total: appraised.plus(u.survey), max };
  }));
const tiesArb = fc.constantFrom<TiePolicy[]>({ mode: 'shared' }, { mode: 'ordered', keys: ['appraised', 'survey'] });

describe('engine invariants (property-based)', () => {
  it('ranks respect the order of indices within each group', () => {
    fc.assert(fc.property(unitsArb, tiesArb, (units, ties) => {
      const r = rankUnits(units, bands, ties);
      for (const a of r) for (const b of r) {
        if (a.group !== b.group) continue;
        if (a.index.greaterThan(b.index)) expect(a.rank).toBeLessThan(b.rank);
        if (a.index.equals(b.index) && ties.mode === 'shared') expect(a.rank).toBe(b.rank);
      }
      const ranks = r.filter((x) => x.group === r[0].group).map((x) => x.rank);
      expect(ranks[0]).toBe(1);
    }));
  });

  it('permuting the units changes nothing', () => {
    fc.assert(fc.property(unitsArb.chain((u) => fc.tuple(fc.constant(u), fc.shuffledSubarray(u, { minLength: u.length, maxLength: u.length }))), tiesArb, ([a, b], ties) => {
      const key = (list: ReturnType<typeof rankUnits>) =>
        list.map((x) => `${x.group}|${x.unitId}|${x.rank}|${x.order}|${x.index.toFixed()}|${x.classification}`).sort();
      expect(key(rankUnits(b, bands, ties))).toEqual(key(rankUnits(a, bands, ties)));
    }));
  });

  it('a leaf that does not apply to a unit never moves its index', () => {
    const idx = indexRubric(sampleRubric());
    const base = new Map<string, LeafScoreInput>([
      ['1.1', { inputs: { level: 'late', hasEvidence: true } }],
      ['1.2', { inputs: { met: true } }],
      ['2.2', { inputs: { points: '1.5' } }],
      ['3.1', { inputs: { points: '2.2' } }],
    ]);
    fc.assert(fc.property(thousandths(2), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 }), (p, n, d) => {
      const changed = new Map(base);
      changed.set('2.1', { inputs: { points: p.toFixed() } }); // communes only: a department ignores it
      changed.set('1.3', { inputs: { numerator: Math.min(n, d), denominator: d } }); // excluded below
      const units = [{ unitId: 'd', name: 'Sở', group: 'departments', excluded: ['1.3'] }];
      const before = computeCycle(idx, units, new Map([['d', base]])).units[0];
      const after = computeCycle(idx, units, new Map([['d', changed]])).units[0];
      expect(after.index.equals(before.index)).toBe(true);
      expect(after.max.equals(before.max)).toBe(true);
    }));
  });
});
