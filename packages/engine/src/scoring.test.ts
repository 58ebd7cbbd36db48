import { describe, expect, it } from 'vitest';
import { dec } from './decimal.ts';
import { applicableMax, indexRubric } from './rubric-index.ts';
import { type LeafScoreInput, scoreUnit } from './unit-scoring.ts';
import { computeCycle } from './compute-cycle.ts';
import { sampleRubric } from './test-rubric.ts';

const idx = indexRubric(sampleRubric());
const full: [string, LeafScoreInput][] = [
  ['1.1', { inputs: { level: 'on_time', hasEvidence: true } }],
  ['1.2', { inputs: { met: true } }],
  ['1.3', { inputs: { numerator: 95, denominator: 100 } }],
  ['1.4', { inputs: { numerator: 4870, denominator: 4902 } }],
  ['2.1', { inputs: { points: '1.5' } }],
  ['2.2', { inputs: { points: '2' } }],
  ['3.1', { inputs: { points: '2.4' } }],
  ['4.1', { inputs: { count: 1 } }],
  ['4.2', { inputs: { count: 2 } }],
];

describe('a unit’s points and applicable maximum', () => {
  it('adds appraised, survey, bonus and deduction; the maximum follows applicability', () => {
    const s = scoreUnit(idx, 'communes', new Set(), new Map(full));
    expect(s.appraised.toFixed()).toBe('9.49'); // 1 + 1 + 2 + 1.99 + 1.5 + 2
    expect(s.survey.toFixed()).toBe('2.4');
    expect(s.bonus.toFixed()).toBe('0.5');
    expect(s.deduction.toFixed()).toBe('0.5');
    expect(s.total.toFixed()).toBe('11.89');
    expect(s.max.toFixed()).toBe('13');
    const dept = scoreUnit(idx, 'departments', new Set(), new Map(full));
    expect(dept.max.toFixed()).toBe('11'); // 2.1 applies to communes only
    expect(dept.appraised.toFixed()).toBe('7.99');
  });
  it('an exclusion removes the node and everything under it from points and maximum', () => {
    const s = scoreUnit(idx, 'communes', new Set(['1']), new Map(full));
    expect(s.max.toFixed()).toBe('7');
    expect(applicableMax(idx, 'communes', ['1']).toFixed()).toBe('7');
    expect(s.nodes.map((n) => n.code)).toEqual(['2', '3']);
  });
  it('decided points take precedence over inputs (appraised score)', () => {
    const m = new Map(full);
    m.set('2.2', { inputs: { points: '2' }, points: '1.25' });
    expect(scoreUnit(idx, 'communes', new Set(), m).appraised.toFixed()).toBe('8.74');
  });
  it('component index per field and points lost per leaf', () => {
    const s = scoreUnit(idx, 'communes', new Set(), new Map(full));
    const f1 = s.nodes.find((n) => n.code === '1')!;
    expect([f1.points.toFixed(), f1.max.toFixed()]).toEqual(['5.99', '6']);
    expect(s.leaves.find((l) => l.code === '1.4')!.lost.toFixed()).toBe('0.01');
  });
  it('"not applicable when nothing happened" lowers the maximum', () => {
    const m = new Map(full);
    m.set('1.4', { inputs: { numerator: 0, denominator: 0 } });
    expect(scoreUnit(idx, 'communes', new Set(), m).max.toFixed()).toBe('11');
  });
  it('computeCycle ranks by index, not by points (a reduced scale can rank first)', () => {
    const r = computeCycle(
      idx,
      [
        { unitId: 'a', name: 'Sở A', group: 'departments' },
        { unitId: 'b', name: 'Văn phòng UBND', group: 'departments', excluded: ['2'] },
      ],
      new Map([
        ['a', new Map([...full, ['2.2', { inputs: { points: '0.5' } }]])],
        ['b', new Map(full.filter(([c]) => c !== '2.2'))],
      ]),
    );
    const b = r.units.find((u) => u.unitId === 'b')!;
    expect(b.total.lessThan(r.units.find((u) => u.unitId === 'a')!.total)).toBe(true);
    expect(b.rank).toBe(1);
    expect(b.max.equals(dec(9))).toBe(true);
  });
});
