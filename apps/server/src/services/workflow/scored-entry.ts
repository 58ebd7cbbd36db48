/**
 * The points of an appraisal proposal or a council decision, obeying the leaf's rule: either raw
 * inputs (level, Đạt/Không đạt, numerator and denominator, count) that the engine turns into
 * points exactly as for the unit's self-assessment, or points the rule can give (engine:
 * allowedPointsOf). Anything else is refused naming the leaf and the figures it accepts.
 */
import { AppError, type LeafInputs, type RubricSettings } from '@parindex/contracts';
import { type Decimal, type IndexedLeaf, allowedPointsOf, checkLeafInputs, dec, describeAllowedPoints, evaluateLeaf, isAllowedPoints, type PointsDomain } from '@parindex/engine';

export interface ScoredEntry {
  /** Points chosen or typed (dot decimal). */
  points?: string | null;
  /** Raw inputs for the rule; the engine computes the points. */
  inputs?: LeafInputs | null;
}

/**
 * Returns the points of the entry; the inputs the engine used (without the evidence flags, which
 * come from the unit's row: required evidence missing gives 0 as it did for the unit) or null.
 */
export function pointsOfEntry(leaf: IndexedLeaf, settings: RubricSettings, entry: ScoredEntry, row: LeafInputs | null | undefined): { points: Decimal; inputs: LeafInputs | null } {
  const domain = allowedPointsOf(leaf, settings);
  if (entry.inputs) {
    const inputs: LeafInputs = { ...entry.inputs };
    delete inputs.hasEvidence;
    delete inputs.explanationAccepted;
    delete inputs.notApplicable;
    const problems = checkLeafInputs(leaf, inputs);
    if (problems.length) throw new AppError('VALIDATION', problems.map((p) => p.message).join(' '), problems.map((p) => ({ field: `inputs.${p.field}`, message: p.message })));
    const ev = evaluateLeaf(leaf, { ...inputs, hasEvidence: row?.hasEvidence, explanationAccepted: row?.explanationAccepted }, settings);
    if (!ev.applicable)
      throw new AppError('VALIDATION', `Tiêu chí ${leaf.code}: với số liệu này (mẫu số 0) tiêu chí không áp dụng cho đơn vị nên không có điểm để đề xuất; hãy nhập số liệu khác hoặc giữ số liệu của đơn vị.`, [{ field: 'inputs.denominator', message: 'mẫu số 0' }]);
    if (!isAllowedPoints(domain, ev.points)) throw refusal(leaf, domain, ev.points.toFixed());
    return { points: ev.points, inputs };
  }
  if (entry.points === undefined || entry.points === null || entry.points === '')
    throw new AppError('VALIDATION', `Tiêu chí ${leaf.code}: hãy chọn điểm hoặc nhập số liệu để hệ thống tính điểm.`, [{ field: 'points', message: 'bắt buộc' }]);
  const points = dec(entry.points);
  if (!isAllowedPoints(domain, points)) throw refusal(leaf, domain, entry.points);
  return { points, inputs: null };
}

function refusal(leaf: IndexedLeaf, domain: PointsDomain, typed: string): AppError {
  const allowed = describeAllowedPoints(domain);
  const rule = leaf.rule.type;
  const hint = rule === 'proportional' || rule === 'count' || rule === 'ratio_bands' ? ' Có thể nhập số liệu để hệ thống tính điểm.' : '';
  const message = `Tiêu chí ${leaf.code} chỉ nhận ${allowed} điểm (đã nhập ${typed.replace('.', ',')}).${hint}`;
  return new AppError('VALIDATION', message, [{ field: 'points', message: `chỉ nhận ${allowed}` }]);
}
