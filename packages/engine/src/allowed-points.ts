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

/** Above this many distinct figures a per-occurrence deduction is offered as a range (0 … max). */
const MAX_LISTED_VALUES = 2000;

/**
 * Every figure the engine can give this leaf from some valid input (rules.ts), and from the
 * conditions on other leaves (0 when a condition can set it to 0).
 */
export function allowedPointsOf(leaf: IndexedLeaf, settings: DomainSettings = {}): PointsDomain {
  const rule = leaf.rule;
  // Required evidence missing → 0 whatever the inputs (rules.ts), and a condition may give 0.
  const zeroAnyway =
    (leaf.evidenceRequired && leaf.source === 'appraised' && leaf.effect === 'score') || (leaf.conditions ?? []).some((c) => c.then === 'zero') ? [ZERO] : [];
  // "Không phát sinh: tối đa | 0" (not_applicable gives no figure: the leaf does not count).
  const none = rule.type === 'survey' || rule.whenNone === undefined || rule.whenNone === 'not_applicable' ? [] : [rule.whenNone === 'full' ? leaf.max : ZERO];
  const extra = [...zeroAnyway, ...none];
  switch (rule.type) {
    case 'manual':
    case 'survey':
      return { kind: 'range', max: leaf.max };
    case 'levels':
      return { kind: 'values', values: distinctSorted([...rule.levels.map((l) => dec(l.points)), ...extra]) };
    case 'binary':
      return { kind: 'values', values: distinctSorted([ZERO, leaf.max]) };
    case 'ratio_bands': {
      // A ratio below every band gives 0, unless a band starts at 0 % inclusive (every ratio reaches it).
      const zeroReachable = !rule.bands.some((b) => !b.exclusive && dec(b.minPercent).lessThanOrEqualTo(0));
      return { kind: 'values', values: distinctSorted([...rule.bands.map((b) => dec(b.points)), ...(zeroReachable ? [ZERO] : []), ...extra]) };
    }
    case 'proportional': {
      const places = settings.pointDecimals ?? 3;
      const step = new Decimal(1).dividedBy(new Decimal(10).pow(places));
      return { kind: 'steps', step, upTo: roundHalfUp(leaf.max, places), extra: distinctSorted(extra) };
    }
    case 'count': {
      const per = dec(rule.perItem);
      if (per.isZero()) return { kind: 'values', values: distinctSorted([ZERO, ...extra]) };
      return { kind: 'steps', step: per, upTo: leaf.max.dividedToIntegerBy(per).times(per), extra: distinctSorted([leaf.max, ...extra]) };
    }
    case 'count_tiers':
      return { kind: 'values', values: distinctSorted([...rule.tiers.map((t) => dec(t.points)), ...(someCountUnmatched(rule.tiers) ? [ZERO] : []), ...extra]) };
    case 'count_deduction': {
      // max, max − perItem, max − 2 × perItem, … down to the floor.
      const per = dec(rule.perItem);
      const floor = dec(rule.floor);
      if (per.lessThanOrEqualTo(0)) return { kind: 'values', values: distinctSorted([leaf.max, ...extra]) };
      const steps = leaf.max.minus(floor).dividedToIntegerBy(per);
      if (steps.greaterThan(MAX_LISTED_VALUES)) return { kind: 'range', max: leaf.max };
      const values: Decimal[] = [floor];
      for (let k = 0; steps.greaterThanOrEqualTo(k); k++) values.push(Decimal.max(floor, leaf.max.minus(per.times(k))));
      return { kind: 'values', values: distinctSorted([...values, ...extra]) };
    }
  }
}

/** Whether some count matches no tier (and so scores 0): below the lowest "or more" tier, a count without an exact tier. */
function someCountUnmatched(tiers: readonly { count: number; orMore?: boolean }[]): boolean {
  const orMore = tiers.filter((t) => t.orMore).map((t) => t.count);
  if (orMore.length === 0) return true;
  const lowest = Math.min(...orMore);
  const exact = new Set(tiers.filter((t) => !t.orMore).map((t) => t.count));
  for (let c = 0; c < lowest; c++) if (!exact.has(c)) return true;
  return false;
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
