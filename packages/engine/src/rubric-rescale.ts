import type { RubricDocument } from '@parindex/contracts';
import { Decimal, dec, roundHalfUp, toExact } from './decimal.ts';
import { type RubricChangeReport, canonicalJson } from './rubric-diff.ts';

/**
 * Points already given to a leaf when a new rubric version re-weights it. Each leaf score keeps
 * a value per stage; any of them may sit above a lowered maximum:
 *   input    — points entered as the raw input of a "chấm trực tiếp" / survey leaf (inputs.points)
 *   self     — the unit's self-assessed points
 *   proposed — the appraisers' proposal (điểm thẩm định)
 *   council  — the council's decision
 *   final    — the decided points the computation uses (leaf_scores.points)
 */
export type GivenPointsField = 'input' | 'self' | 'proposed' | 'council' | 'final';
export const GIVEN_POINTS_FIELDS: readonly GivenPointsField[] = ['input', 'self', 'proposed', 'council', 'final'];

/** What messages call each stage's points. */
export const GIVEN_POINTS_LABEL: Record<GivenPointsField, string> = {
  input: 'điểm nhập',
  self: 'điểm tự đánh giá',
  proposed: 'điểm thẩm định',
  council: 'điểm Hội đồng quyết định',
  final: 'điểm quyết định',
};

/**
 * Points of a rubric are exact decimals with at most 3 decimals (DecimalString): a rescaled value
 * is rounded half-up to that precision, so it can be stored, entered and compared like any other.
 */
export const POINT_PRECISION = 3;

/** One unit's points on one leaf, per stage (null or absent = not given). */
export interface GivenPoints {
  unitId: string;
  unitName: string;
  leafCode: string;
  values: Partial<Record<GivenPointsField, string | null>>;
}

/** A value above the leaf's new maximum: refuses the replacement unless it is rescaled. */
export interface PointsOverMax {
  unitId: string;
  unitName: string;
  leafCode: string;
  field: GivenPointsField;
  points: string;
  newMax: string;
  /** "Sở Tư pháp — 2.1.3: điểm thẩm định 6 > điểm tối đa mới 5" */
  message: string;
}

/** A value the rescaling changed: before × newMax ÷ oldMax, rounded half-up to 3 decimals. */
export interface RescaledPoints {
  unitId: string;
  unitName: string;
  leafCode: string;
  field: GivenPointsField;
  before: string;
  after: string;
  oldMax: string;
  newMax: string;
}

export interface GivenPointsCheck {
  /** Values above the new maximum that remain after the check (empty when the replacement may go ahead). */
  overMax: PointsOverMax[];
  /** Every value the rescaling changed (empty without rescale). */
  rescaled: RescaledPoints[];
}

/** Vietnamese number as officials write it, without padding: 4.286 → "4,286", 6 → "6". */
export function viPoints(value: Decimal | string): string {
  const [int, frac] = dec(value).toFixed().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac === undefined ? grouped : `${grouped},${frac}`;
}

/**
 * A given value scaled from oldMax to newMax: value × newMax ÷ oldMax, exact, rounded half-up to
 * `places` decimals, and never above newMax (rounding, or a value that was already above oldMax,
 * could otherwise leave it there). The same maximum returns the value itself, untouched.
 */
export function rescalePoints(value: Decimal | string, oldMax: Decimal | string, newMax: Decimal | string, places = POINT_PRECISION): Decimal {
  const v = dec(value);
  const from = dec(oldMax);
  const to = dec(newMax);
  if (from.equals(to) || from.isZero()) return v;
  return Decimal.min(roundHalfUp(v.times(to).dividedBy(from), places), to);
}

/**
 * Compares the points already given to the re-weighted leaves with their new maxima.
 *
 * Without `rescale`, every value above the new maximum is listed (the caller refuses the
 * replacement with that list). With `rescale`, every given value of each leaf whose maximum went
 * *down* is scaled proportionally — all of them, not only those above the new maximum, so units
 * keep their standing on the leaf (5 of 7 becomes 3,571 of 5, not full marks). A raised maximum
 * leaves the points as they are: a raised maximum never makes a given score invalid, and the leaf
 * often asks more than before, so scaling up would give points nobody assessed. Pure and exact.
 */
export function checkGivenPoints(report: Pick<RubricChangeReport, 'reweighted'>, scores: readonly GivenPoints[], opts: { rescale?: boolean } = {}): GivenPointsCheck {
  const reweighted = new Map(report.reweighted.map((r) => [r.code, r]));
  const out: GivenPointsCheck = { overMax: [], rescaled: [] };
  for (const s of scores) {
    const leaf = reweighted.get(s.leafCode);
    if (!leaf) continue;
    const newMax = dec(leaf.newMax);
    const lowered = newMax.lessThan(leaf.oldMax);
    for (const field of GIVEN_POINTS_FIELDS) {
      const text = s.values[field];
      if (text === null || text === undefined) continue;
      let value = dec(text);
      if (opts.rescale && lowered) {
        const after = rescalePoints(value, leaf.oldMax, newMax);
        if (!after.equals(value)) {
          out.rescaled.push({ unitId: s.unitId, unitName: s.unitName, leafCode: s.leafCode, field, before: toExact(value), after: toExact(after), oldMax: leaf.oldMax, newMax: leaf.newMax });
        }
        value = after;
      }
      if (value.greaterThan(newMax)) {
        out.overMax.push({
          unitId: s.unitId, unitName: s.unitName, leafCode: s.leafCode, field, points: toExact(value), newMax: leaf.newMax,
          message: `${s.unitName} — ${s.leafCode}: ${GIVEN_POINTS_LABEL[field]} ${viPoints(value)} > điểm tối đa mới ${viPoints(newMax)}`,
        });
      }
    }
  }
  return out;
}

/** A replacement that changes nothing a score depends on: no leaf added, removed, re-weighted or re-ruled. */
export function isEmptyDiff(report: RubricChangeReport): boolean {
  return report.added.length === 0 && report.removed.length === 0 && report.reweighted.length === 0 && report.ruleChanged.length === 0;
}

/** The same rubric document, every property and list order included (titles, bands, settings…). */
export function sameRubricDocument(a: RubricDocument, b: RubricDocument): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
