/**
 * The rule forms of issue 14 — deduction per occurrence inside a leaf, tier tables on a count,
 * "Không phát sinh" on every rule, conditions between leaves — each with a published-style
 * example computed by hand and a property.
 */
import type { LeafInputs, RubricDocument, RubricNode, ScoringRule } from '@parindex/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedPointsOf, isAllowedPoints } from './allowed-points.ts';
import { dec } from './decimal.ts';
import { type IndexedLeaf, indexRubric } from './rubric-index.ts';
import { validateRubric } from './rubric-validate.ts';
import { ruleFormsRubric } from './rule-forms-rubric.ts';
import { checkLeafInputs, evaluateLeaf } from './rules.ts';
import { type LeafScoreInput, scoreUnit } from './unit-scoring.ts';

const settings = { pointDecimals: 3, evidencePolicy: 'zero' as const };
const leafOf = (rule: ScoringRule, max: string, extra: Partial<IndexedLeaf> = {}): IndexedLeaf => ({
  code: '1.2.3', title: 'Tiêu chí', max: dec(max), source: 'appraised', effect: 'score', rule, evidenceRequired: false, ancestors: ['1', '1.2'], ...extra,
});
const pts = (leaf: IndexedLeaf, inputs: LeafInputs) => evaluateLeaf(leaf, inputs, settings).points.toFixed();

describe('deduction per occurrence inside a leaf ("Mỗi … trừ N điểm; tối thiểu …")', () => {
  // "Mỗi văn bản ban hành chậm trừ 0,25 điểm, trừ đến hết điểm của tiêu chí" on a 1-point leaf.
  const late = leafOf({ type: 'count_deduction', countLabel: 'văn bản ban hành chậm', perItem: '0.25', floor: '0' }, '1');
  it('published example: 0 late → 1; 1 → 0,75; 3 → 0,25; 4 or more → 0', () => {
    expect([0, 1, 3, 4, 9].map((count) => pts(late, { count }))).toEqual(['1', '0.75', '0.25', '0', '0']);
  });
  it('a stated minimum: "Mỗi hồ sơ trễ hẹn không xin lỗi trừ 0,5 điểm; tối thiểu 0,5" on 2 points', () => {
    const apology = leafOf({ type: 'count_deduction', countLabel: 'hồ sơ', perItem: '0.5', floor: '0.5' }, '2');
    expect([0, 1, 2, 3, 10].map((count) => pts(apology, { count }))).toEqual(['2', '1.5', '1', '0.5', '0.5']);
  });
  it('property: between the floor and the maximum, never rising with the count, always an allowed figure', () => {
    const arb = fc.record({
      maxQ: fc.integer({ min: 1, max: 40 }),
      per: fc.integer({ min: 1, max: 2000 }),
      floorShare: fc.integer({ min: 0, max: 100 }),
      a: fc.integer({ min: 0, max: 200 }),
      b: fc.integer({ min: 0, max: 200 }),
    });
    fc.assert(fc.property(arb, ({ maxQ, per, floorShare, a, b }) => {
      const max = dec(maxQ).dividedBy(4);
      const floor = max.times(floorShare).dividedBy(100).toDecimalPlaces(3, 1);
      const leaf = leafOf({ type: 'count_deduction', countLabel: 'lần', perItem: dec(per).dividedBy(1000).toFixed(), floor: floor.toFixed() }, max.toFixed());
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const pLo = evaluateLeaf(leaf, { count: lo }, settings).points;
      const pHi = evaluateLeaf(leaf, { count: hi }, settings).points;
      expect(pHi.lessThanOrEqualTo(pLo)).toBe(true);
      expect(pLo.lessThanOrEqualTo(max) && pHi.greaterThanOrEqualTo(floor)).toBe(true);
      expect(isAllowedPoints(allowedPointsOf(leaf), pLo) && isAllowedPoints(allowedPointsOf(leaf), pHi)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('tier table on a count ("≥ 4: 2; 3: 1,5; 2: 0,75; 1: 0,25; 0: 0")', () => {
  const tiers = [{ count: 4, orMore: true, points: '2' }, { count: 3, points: '1.5' }, { count: 2, points: '0.75' }, { count: 1, points: '0.25' }, { count: 0, points: '0' }];
  const meetings = leafOf({ type: 'count_tiers', countLabel: 'cuộc họp', tiers }, '2');
  it('published example: the official enters the count, not a level', () => {
    expect([0, 1, 2, 3, 4, 7].map((count) => pts(meetings, { count }))).toEqual(['0', '0.25', '0.75', '1.5', '2', '2']);
  });
  it('an exact tier wins over an "or more" tier; a count no tier reaches gives 0', () => {
    const leaf = leafOf({ type: 'count_tiers', countLabel: 'lần', tiers: [{ count: 1, orMore: true, points: '1' }, { count: 3, points: '0.5' }, { count: 5, orMore: true, points: '2' }] }, '2');
    expect([0, 1, 3, 4, 5].map((count) => pts(leaf, { count }))).toEqual(['0', '1', '0.5', '1', '2']);
  });
  it('property: the points are those of the matching tier, found whatever the order of the rows', () => {
    const tierArb = fc.uniqueArray(fc.record({ count: fc.integer({ min: 0, max: 12 }), orMore: fc.boolean(), points: fc.integer({ min: 0, max: 8 }).map((q) => dec(q).dividedBy(4).toFixed()) }), {
      minLength: 1, maxLength: 6, selector: (t) => `${t.orMore}|${t.count}`,
    });
    fc.assert(fc.property(tierArb, fc.integer({ min: 0, max: 20 }), (rows, count) => {
      const clean = rows.map((t) => ({ count: t.count, ...(t.orMore && { orMore: true }), points: t.points }));
      const a = leafOf({ type: 'count_tiers', countLabel: 'lần', tiers: clean }, '2');
      const b = leafOf({ type: 'count_tiers', countLabel: 'lần', tiers: [...clean].reverse() }, '2');
      const p = evaluateLeaf(a, { count }, settings).points;
      expect(p.equals(evaluateLeaf(b, { count }, settings).points)).toBe(true);
      const exact = clean.find((t) => !t.orMore && t.count === count);
      const reached = clean.filter((t) => t.orMore && t.count <= count).sort((x, y) => y.count - x.count)[0];
      expect(p.toFixed()).toBe(dec(exact?.points ?? reached?.points ?? '0').toFixed());
      expect(isAllowedPoints(allowedPointsOf(a), p)).toBe(true);
    }), { numRuns: 300 });
  });
});

const ruleWithoutNone: fc.Arbitrary<ScoringRule> = fc.constantFrom<ScoringRule>(
  { type: 'manual' },
  { type: 'binary' },
  { type: 'levels', levels: [{ code: 'a', label: 'Đủ', points: '2' }, { code: 'b', label: 'Không', points: '0' }] },
  { type: 'ratio_bands', numeratorLabel: 'Tử', denominatorLabel: 'Mẫu', bands: [{ minPercent: '50', points: '2' }] },
  { type: 'proportional', numeratorLabel: 'Tử', denominatorLabel: 'Mẫu' },
  { type: 'count', countLabel: 'Lần', perItem: '0.5' },
  { type: 'count_tiers', countLabel: 'Lần', tiers: [{ count: 1, orMore: true, points: '2' }] },
  { type: 'count_deduction', countLabel: 'Lần', perItem: '0.5', floor: '0' },
);
const isRatio = (r: ScoringRule) => r.type === 'ratio_bands' || r.type === 'proportional';

describe('"Không phát sinh" on every rule', () => {
  it('published example (Cà Mau 1.1.4 has no clause): a zero denominator is refused at entry, naming the leaf — never full marks', () => {
    const leaf = leafOf({ type: 'ratio_bands', numeratorLabel: 'Số TTHC được rà soát', denominatorLabel: 'Số TTHC phải rà soát', bands: [{ minPercent: '100', points: '1' }, { minPercent: '0', points: '0' }] }, '1', { code: '1.1.4' });
    const problems = checkLeafInputs(leaf, { numerator: 0, denominator: 0 });
    expect(problems.map((p) => [p.field, p.message])).toEqual([[
      'denominator',
      'Tiêu chí 1.1.4: "Số TTHC phải rà soát" bằng 0 (không phát sinh), nhưng phương pháp chấm điểm của tiêu chí không quy định trường hợp "Không phát sinh" nên không có điểm cho số liệu này; hãy kiểm tra lại số liệu.',
    ]]);
    expect(pts(leaf, { numerator: 0, denominator: 0 })).toBe('0');
  });
  it('levels with "Không phát sinh: tối đa": the answer gives the maximum without choosing a level', () => {
    const leaf = leafOf({ type: 'levels', whenNone: 'full', levels: [{ code: 'a', label: 'Đúng hạn', points: '1' }, { code: 'b', label: 'Chậm', points: '0.5' }] }, '1');
    expect(checkLeafInputs(leaf, { noneOccurred: true })).toEqual([]);
    expect(pts(leaf, { noneOccurred: true })).toBe('1');
    expect(isAllowedPoints(allowedPointsOf(leaf), '1')).toBe(true);
  });
  it('property: with a clause the answer gives max / 0 / no count; without one it is refused at entry', () => {
    fc.assert(fc.property(ruleWithoutNone, fc.constantFrom('full' as const, 'zero' as const, 'not_applicable' as const, undefined), fc.boolean(), (base, whenNone, byDenominator) => {
      const rule = { ...base, ...(whenNone && { whenNone }) } as ScoringRule;
      const leaf = leafOf(rule, '2');
      const inputs: LeafInputs = byDenominator && isRatio(rule) ? { numerator: 0, denominator: 0 } : { noneOccurred: true };
      const problems = checkLeafInputs(leaf, inputs);
      const ev = evaluateLeaf(leaf, inputs, settings);
      if (!whenNone) {
        expect(problems).toHaveLength(1);
        expect(problems[0].message).toContain('Tiêu chí 1.2.3');
        expect(problems[0].message).toContain('Không phát sinh');
        return;
      }
      expect(problems).toEqual([]);
      expect([ev.applicable, ev.points.toFixed()]).toEqual(whenNone === 'not_applicable' ? [false, '0'] : [true, whenNone === 'full' ? '2' : '0']);
      if (ev.applicable) expect(isAllowedPoints(allowedPointsOf(leaf), ev.points)).toBe(true);
    }), { numRuns: 300 });
  });
});

const index = indexRubric(ruleFormsRubric());
const scores = (entries: Record<string, LeafInputs>) => new Map<string, LeafScoreInput>(Object.entries(entries).map(([code, inputs]) => [code, { inputs }]));

describe('a unit through every new form, computed by hand', () => {
  it('the rubric is valid', () => {
    expect(validateRubric(ruleFormsRubric())).toEqual([]);
  });

  it('unit A: a late plan, a leaf "không phát sinh: không tính", a leaf not counted by its condition', () => {
    const a = scoreUnit(index, 'so', new Set(), scores({
      '1.1': { level: 'cham' },                    // 0,5
      '1.2.1': { numerator: 18, denominator: 20 }, // 90 % → 1
      '1.2.2': { count: 2 },                       // 1 − 2 × 0,25 = 0,5
      '1.2.3': { count: 3 },                       // 1,5
      '1.3.1': { met: false },                     // 0
      '1.3.2': { noneOccurred: true },             // không tính: maximum − 2
      '1.3.3': { points: '1' },                    // 1.3.1 < 1 → không tính: maximum − 1
      '2.1': { numerator: 4870, denominator: 4902 }, // 3 × 0,99347… = 2,98
      '2.2': { count: 5 },                         // 2 − 2,5 → floor 0,5
    }));
    // 0,5 + 1 + 0,5 + 1,5 + 0 + 2,98 + 0,5 = 6,98 of 15 − 2 − 1 = 12
    expect([a.total.toFixed(), a.max.toFixed()]).toEqual(['6.98', '12']);
    expect(a.total.times(100).dividedBy(a.max).toDecimalPlaces(2).toFixed()).toBe('58.17');
    expect(a.notApplicable.map((n) => [n.code, n.reason])).toEqual([
      ['1.3.2', 'Không phát sinh: tiêu chí không tính vào thang điểm của đơn vị.'],
      ['1.3.3', 'Không tính theo điều kiện của tiêu chí 1.3.3: 1.3.1 < 1.'],
    ]);
  });

  it('unit B: no plan, so 1.2.1–1.2.3 score 0 by the condition on node 1.2; nothing to settle on 2.1 gives full marks', () => {
    const b = scoreUnit(index, 'so', new Set(), scores({
      '1.1': { level: 'khong_ban_hanh' },          // 0
      '1.2.1': { numerator: 20, denominator: 20 }, // 2 → 0 (1.1 = 0)
      '1.2.2': { count: 0 },                       // 1 → 0
      '1.2.3': { noneOccurred: true },             // không phát sinh: 0
      '1.3.1': { met: true },                      // 1
      '1.3.2': { level: 'du' },                    // 2
      '1.3.3': { points: '0.5' },                  // counted: 1.3.1 is met
      '2.1': { numerator: 0, denominator: 0 },     // không phát sinh: tối đa 3
      '2.2': { count: 1 },                         // 1,5
    }));
    // 0 + 0 + 0 + 0 + 1 + 2 + 0,5 + 3 + 1,5 = 8 of 15
    expect([b.total.toFixed(), b.max.toFixed()]).toEqual(['8', '15']);
    expect(b.nodes.find((n) => n.code === '1.2')).toMatchObject({ points: dec(0), max: dec(5) });
    expect(b.leaves.find((l) => l.code === '1.2.1')!.lost.toFixed()).toBe('2');
  });

  it('a condition overrides points decided at appraisal; a "không tính" answer keeps the leaf out whatever figure the row holds', () => {
    const decided = new Map<string, LeafScoreInput>([
      ['1.1', { inputs: { level: 'khong_ban_hanh' }, points: '0' }],
      ['1.2.1', { inputs: { numerator: 20, denominator: 20 }, points: '2' }],
      ['1.3.2', { inputs: { noneOccurred: true }, points: '0' }],
    ]);
    const s = scoreUnit(index, 'so', new Set(), decided);
    expect(s.leaves.find((l) => l.code === '1.2.1')!.points.toFixed()).toBe('0');
    expect(s.leaves.some((l) => l.code === '1.3.2')).toBe(false);
    // 15 − 2 (1.3.2, không tính) − 1 (1.3.3: 1.3.1 has no points, so below 1)
    expect(s.max.toFixed()).toBe('12');
  });

  it('a named leaf that does not apply to the unit (excluded) decides nothing', () => {
    const s = scoreUnit(index, 'so', new Set(['1.3.1']), scores({ '1.3.3': { points: '1' } }));
    expect(s.leaves.find((l) => l.code === '1.3.3')!.points.toFixed()).toBe('1');
  });
});

describe('conditions in dependency order', () => {
  /** A chain L1 ← L2 ← … ← Ln: "Nếu L(i−1) = 0 thì 0 điểm", the field's leaves written in any order. */
  function chainRubric(n: number, order: number[]): RubricDocument {
    const leaf = (i: number): RubricNode => ({
      code: `1.${i + 1}`, title: `Bước ${i + 1}`, max: '1', source: 'appraised', rule: { type: 'binary' },
      ...(i > 0 && { conditions: [{ leaf: `1.${i}`, op: 'equal' as const, value: '0', then: 'zero' as const }] }),
    });
    return { ...ruleFormsRubric(), fields: [{ code: '1', title: 'Chuỗi', max: String(n), children: order.map(leaf) }] };
  }

  it('property: a leaf sees the final points of the leaf it names, whatever the document order', () => {
    const arb = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), fc.array(fc.boolean(), { minLength: n, maxLength: n })),
    );
    fc.assert(fc.property(arb, ([n, order, met]) => {
      const doc = chainRubric(n, order);
      expect(validateRubric(doc)).toEqual([]);
      const s = scoreUnit(indexRubric(doc), 'so', new Set(), new Map(met.map((m, i) => [`1.${i + 1}`, { inputs: { met: m } }])));
      // Step i counts only when every step up to it is met.
      const expected = met.reduce((acc, _, i) => acc + (met.slice(0, i + 1).every(Boolean) ? 1 : 0), 0);
      expect(s.total.toFixed()).toBe(String(expected));
    }), { numRuns: 200 });
  });

  it('a cycle is refused with every node of it named', () => {
    const doc = chainRubric(3, [0, 1, 2]);
    doc.fields[0].children![0].conditions = [{ leaf: '1.3', op: 'below', value: '1', then: 'not_applicable' }];
    const problems = validateRubric(doc).filter((p) => p.field === 'conditions');
    expect(problems.map((p) => p.nodeCode)).toEqual(['1.1', '1.2', '1.3']);
    expect(problems[0].codes).toEqual(['1.1', '1.2', '1.3']);
    expect(problems[0].message).toContain('vòng lặp');
    expect(problems[0].message).toContain('1.1 phụ thuộc 1.3');
  });

  it('a condition naming a missing code or a node with children is refused', () => {
    const doc = ruleFormsRubric();
    doc.fields[0].children![2].children![2].conditions = [{ leaf: '9.9', op: 'equal', value: '0', then: 'zero' }];
    doc.fields[1].conditions = [{ leaf: '1.3', op: 'equal', value: '0', then: 'zero' }];
    const messages = validateRubric(doc).map((p) => `${p.nodeCode}|${p.field}|${p.message}`);
    expect(messages).toHaveLength(2);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^2\|conditions\[0\]\.leaf\|.*1\.3 có tiêu chí con/),
      expect.stringMatching(/^1\.3\.3\|conditions\[0\]\.leaf\|.*không có mã 9\.9/),
    ]));
  });
});

describe('rubrics stored before these forms', () => {
  it('a rule with an explicit clause scores a zero denominator as before; a survey rule takes no clause', () => {
    const leaf = leafOf({ type: 'proportional', numeratorLabel: 'a', denominatorLabel: 'b', whenNone: 'full' }, '2');
    expect(pts(leaf, { numerator: 0, denominator: 0 })).toBe('2');
    const doc = ruleFormsRubric();
    doc.fields[1].children![0] = { code: '2.1', title: 'Hài lòng', max: '3', source: 'survey', rule: { type: 'survey', whenNone: 'full' } as unknown as ScoringRule };
    expect(validateRubric(doc).map((p) => p.field)).toEqual(['rule.whenNone']);
  });
});
