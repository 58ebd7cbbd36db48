/**
 * Which points a leaf's rule can give (điểm hợp lệ theo phương pháp chấm). Appraisal proposals
 * and council decisions are points typed or chosen by a person, not computed from the unit's raw
 * inputs; they must still be a figure the rule could have produced from some valid input, or the
 * published score would follow no rule of the rubric (a 0,3 on a 0 / 0,75 / 1,5 leaf).
 */
import type { RubricSettings } from '@parindex/contracts';
import { Decimal, ZERO, dec, roundHalfUp, toExact } from './decimal.ts';
import type { IndexedLeaf } from './rubric-index.ts';

/**
 * The points a rule can give: a finite list (levels, pass/fail, ratio bands); the multiples of a
 * step up to a bound plus a few extra values (count: k × perItem capped at the maximum;
 * proportional: max × ratio rounded to pointDecimals, and the maximum when nothing happened);
 * or any value from 0 to the maximum (manual and survey leaves).
 */
export type PointsDomain =
  | { kind: 'values'; values: Decimal[] }
  | { kind: 'steps'; step: Decimal; upTo: Decimal; extra: Decimal[] }
  | { kind: 'range'; max: Decimal };

/** The same domain as exact decimal strings, for the wire (a page offers exactly these). */
export type PointsDomainDto =
  | { kind: 'values'; values: string[] }
  | { kind: 'steps'; step: string; upTo: string; extra: string[] }
  | { kind: 'range'; max: string };

type DomainSettings = Partial<Pick<RubricSettings, 'pointDecimals'>>;

function distinctSorted(values: Decimal[]): Decimal[] {
  const out: Decimal[] = [];
  for (const v of [...values].sort((a, b) => a.comparedTo(b))) if (!out.length || !out[out.length - 1].equals(v)) out.push(v);
  return out;
}

/** Every figure the engine's evaluateLeaf can give this leaf from some valid input (see rules.ts). */
export function allowedPointsOf(leaf: IndexedLeaf, settings: DomainSettings = {}): PointsDomain {
  const rule = leaf.rule;
  // Required evidence missing → 0 whatever the inputs (rules.ts), so 0 is always a possible figure.
  const evidenceZero = leaf.evidenceRequired && leaf.source === 'appraised' && leaf.effect === 'score' ? [ZERO] : [];
  switch (rule.type) {
    case 'manual':
    case 'survey':
      return { kind: 'range', max: leaf.max };
    case 'levels':
      return { kind: 'values', values: distinctSorted([...rule.levels.map((l) => dec(l.points)), ...evidenceZero]) };
    case 'binary':
      return { kind: 'values', values: distinctSorted([ZERO, leaf.max]) };
    case 'ratio_bands': {
      // A ratio below every band gives 0, unless a band starts at 0 % inclusive (every ratio reaches it).
      const zeroReachable = !rule.bands.some((b) => !b.exclusive && dec(b.minPercent).lessThanOrEqualTo(0));
      const none = rule.whenNone === 'full' ? [leaf.max] : [ZERO];
      return { kind: 'values', values: distinctSorted([...rule.bands.map((b) => dec(b.points)), ...(zeroReachable ? [ZERO] : []), ...none, ...evidenceZero]) };
    }
    case 'proportional': {
      const places = settings.pointDecimals ?? 3;
      const step = new Decimal(1).dividedBy(new Decimal(10).pow(places));
      return { kind: 'steps', step, upTo: roundHalfUp(leaf.max, places), extra: rule.whenNone === 'full' ? [leaf.max] : [] };
    }
    case 'count': {
      const per = dec(rule.perItem);
      if (per.isZero()) return { kind: 'values', values: [ZERO] };
      return { kind: 'steps', step: per, upTo: leaf.max.dividedToIntegerBy(per).times(per), extra: [leaf.max] };
    }
  }
}

/** Whether `points` is a figure the leaf's rule can give (exact decimal comparison). */
export function isAllowedPoints(domain: PointsDomain, points: Decimal | string): boolean {
  const v = dec(points);
  if (v.isNegative()) return false;
  switch (domain.kind) {
    case 'values':
      return domain.values.some((x) => x.equals(v));
    case 'steps':
      return domain.extra.some((x) => x.equals(v)) || (v.lessThanOrEqualTo(domain.upTo) && v.modulo(domain.step).isZero());
    case 'range':
      return v.lessThanOrEqualTo(domain.max);
  }
}

const vi = (d: Decimal) => toExact(d).replace('.', ',');

/** The allowed figures in Vietnamese, for refusals: "0; 0,75; 1,5", "bội số của 0,25 từ 0 đến 1", "từ 0 đến 2". */
export function describeAllowedPoints(domain: PointsDomain): string {
  switch (domain.kind) {
    case 'values':
      return domain.values.map(vi).join('; ');
    case 'steps': {
      const extra = domain.extra.filter((x) => !(x.lessThanOrEqualTo(domain.upTo) && x.modulo(domain.step).isZero()));
      return `bội số của ${vi(domain.step)} từ 0 đến ${vi(domain.upTo)}${extra.length ? ` hoặc ${extra.map(vi).join('; ')}` : ''}`;
    }
    case 'range':
      return `từ 0 đến ${vi(domain.max)}`;
  }
}

/** The domain as exact strings for an API answer. */
export function presentPointsDomain(domain: PointsDomain): PointsDomainDto {
  switch (domain.kind) {
    case 'values':
      return { kind: 'values', values: domain.values.map(toExact) };
    case 'steps':
      return { kind: 'steps', step: toExact(domain.step), upTo: toExact(domain.upTo), extra: domain.extra.map(toExact) };
    case 'range':
      return { kind: 'range', max: toExact(domain.max) };
  }
}
