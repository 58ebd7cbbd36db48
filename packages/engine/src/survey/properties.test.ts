import type { LeafSurveyScoring, SurveyResponse } from '@parindex/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toExact } from '../decimal.ts';
import { scoreSurveyLeaves, type SurveyScoring } from './scoring.ts';
import { computeSipas, type SipasReport } from './sipas.ts';
import { parQuestionnaire, sipasQuestionnaire } from './test-questionnaires.ts';

const par = parQuestionnaire();
const sipas = sipasQuestionnaire();
const leafMax = { '8.6.1': '2', '8.6.2': '1.5', '8.7.1': '0.25' };
const unitCodes = ['U1', 'U2', 'U3', 'U4'];
const unitGroups = { U1: 'g1', U2: 'g1', U3: 'g2', U4: 'g2' };

const id = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const maybe = (values: string[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const formArb = fc.record({
  unit: fc.constantFrom('U1', 'U2', 'U3', 'U4', 'U9'),
  group: fc.constantFrom('dai_bieu', 'lanh_dao'),
  Q1: maybe(['A', 'B', 'C', 'D', 'E']),
  Q2: maybe(['A', 'B', 'C', 'D', 'E']),
  Q3: maybe(['A', 'B', 'C', 'D', 'E']),
});
const responsesArb = fc.array(formArb, { maxLength: 60 }).map((forms) => forms.map((f, i): SurveyResponse => {
  const answers: Record<string, string> = {};
  for (const k of ['Q1', 'Q2', 'Q3'] as const) if (f[k] !== undefined) answers[k] = f[k];
  return { id: id(i), questionnaireCode: 'PAR-T', respondentGroup: f.group, evaluatedUnitCode: f.unit, answers, channel: 'online' };
}));
const scoringArb: fc.Arbitrary<LeafSurveyScoring[]> = fc.array(fc.record({
  leafCode: fc.constantFrom('8.6.1', '8.6.2', '8.7.1'),
  formula: fc.oneof(
    fc.constant({ type: 'mean_weight' as const }),
    fc.constantFrom('0', '20', '60', '100').map((threshold) => ({ type: 'share_at_least' as const, threshold })),
  ),
  minAnswers: fc.integer({ min: 1, max: 5 }),
  fallback: fc.constantFrom('group_mean', 'zero', 'full', 'not_applicable', 'use_available' as const),
}), { maxLength: 3 }).map((list) => list.filter((s, i) => list.findIndex((t) => t.leafCode === s.leafCode) === i));

/** Everything a user would see, as exact text. */
function view(s: SurveyScoring) {
  const d = (x: { toFixed(): string } | undefined) => (x === undefined ? null : toExact(x as never));
  return {
    leaves: s.leaves.map((l) => [l.unitCode, l.leafCode, l.n, d(l.meanWeight), d(l.ratio), d(l.points), l.applicable, l.flagged, l.reason ?? null, d(l.ci?.low), d(l.ci?.high)]),
    units: s.units.map((u) => [u.unitCode, d(u.points), d(u.max), u.flaggedLeaves, d(u.ci?.low), d(u.ci?.high), u.ciComplete]),
  };
}
function sipasView(r: SipasReport) {
  const one = (u: SipasReport['province']) => [u.unitCode ?? null, u.responses, u.overall?.toFixed() ?? null,
    u.factors.map((f) => [f.n, f.satisfied, f.percent?.toFixed() ?? null]), u.expectations.map((e) => e.options.map((o) => o.count))];
  return [r.units.map(one), one(r.province), r.meanOfUnits?.toFixed() ?? null];
}

describe('survey scoring invariants (property-based)', () => {
  it('reordering the responses changes nothing', () => {
    fc.assert(fc.property(
      responsesArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
      scoringArb,
      ([rs, shuffled], leafScoring) => {
        const opts = { leafMax, unitCodes, unitGroups, leafScoring };
        expect(view(scoreSurveyLeaves(par, shuffled, opts))).toEqual(view(scoreSurveyLeaves(par, rs, opts)));
      },
    ));
  });

  it('scoring with a response excluded equals scoring without it', () => {
    fc.assert(fc.property(
      responsesArb.filter((rs) => rs.length > 0).chain((rs) => fc.tuple(fc.constant(rs), fc.integer({ min: 0, max: rs.length - 1 }))),
      scoringArb,
      ([rs, k], leafScoring) => {
        const opts = { leafMax, unitCodes, unitGroups, leafScoring };
        const excluded = scoreSurveyLeaves(par, rs, { ...opts, excludedIds: [rs[k].id] });
        const without = scoreSurveyLeaves(par, rs.filter((_, i) => i !== k), opts);
        expect(view(excluded)).toEqual(view(without));
        expect(excluded.responses.excluded).toBe(1);
      },
    ));
  });

  it('points, intervals and totals stay within [0, max], and the interval holds the points', () => {
    fc.assert(fc.property(responsesArb, scoringArb, (rs, leafScoring) => {
      const res = scoreSurveyLeaves(par, rs, { leafMax, unitCodes, unitGroups, leafScoring });
      for (const l of res.leaves) {
        expect(l.points.isNegative()).toBe(false);
        expect(l.points.lessThanOrEqualTo(l.max)).toBe(true);
        if (!l.applicable) expect(l.points.isZero()).toBe(true);
        if (l.ci) {
          expect(l.ci.low.isNegative()).toBe(false);
          expect(l.ci.high.lessThanOrEqualTo(l.max)).toBe(true);
          expect(l.ci.low.lessThanOrEqualTo(l.points) && l.points.lessThanOrEqualTo(l.ci.high)).toBe(true);
        }
        if (l.n < (leafScoring.find((s) => s.leafCode === l.leafCode)?.minAnswers ?? 1) && l.applicable !== false) expect(l.flagged).toBe(true);
      }
      for (const u of res.units) expect(u.points.greaterThanOrEqualTo(0) && u.points.lessThanOrEqualTo(u.max)).toBe(true);
    }));
  });

  it('SIPAS: order and exclusion invariance, percentages within [0, 100]', () => {
    const level = fc.option(fc.constantFrom('0', '1', '2', '3', '4', '5'), { nil: undefined });
    const sipasForms = fc.array(fc.record({ unit: fc.constantFrom('X', 'Y', 'Z'), tc1: level, tc2: level, tt1: level, pa1: level, exp1: fc.subarray(['a', 'b', 'c']) }), { maxLength: 40 })
      .map((forms) => forms.map((f, i): SurveyResponse => {
        const answers: SurveyResponse['answers'] = { exp1: f.exp1 };
        for (const k of ['tc1', 'tc2', 'tt1', 'pa1'] as const) if (f[k] !== undefined) answers[k] = f[k];
        return { id: id(i), questionnaireCode: 'SIPAS-T', respondentGroup: 'nguoi_dan', evaluatedUnitCode: f.unit, answers, channel: 'kiosk' };
      }));
    fc.assert(fc.property(
      sipasForms.filter((rs) => rs.length > 0).chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }), fc.integer({ min: 0, max: rs.length - 1 }))),
      fc.constantFrom('mean_of_factors', 'pooled' as const),
      ([rs, shuffled, k], overall) => {
        const opts = { unitCodes: ['X', 'Y', 'Z'], settings: { overall } };
        const base = computeSipas(sipas, rs, opts);
        expect(sipasView(computeSipas(sipas, shuffled, opts))).toEqual(sipasView(base));
        expect(sipasView(computeSipas(sipas, rs, { ...opts, excludedIds: [rs[k].id] }))).toEqual(sipasView(computeSipas(sipas, rs.filter((_, i) => i !== k), opts)));
        for (const u of [...base.units, base.province]) {
          for (const p of [u.overall, ...u.factors.map((f) => f.percent)]) if (p) expect(p.greaterThanOrEqualTo(0) && p.lessThanOrEqualTo(100)).toBe(true);
        }
      },
    ));
  });
});
