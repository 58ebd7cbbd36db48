/**
 * The points of an appraisal proposal or a council decision, obeying the leaf's rule: either raw
 * inputs (level, Đạt/Không đạt, numerator and denominator, count) that the engine turns into
 * points exactly as for the unit's self-assessment, or points the rule can give (engine:
 * allowedPointsOf). Anything else is refused naming the leaf and the figures it accepts.
 */
import { AppError, type LeafInputs, type RubricSettings } from '@parindex/contracts';
import { type Decimal, type IndexedLeaf, ZERO, allowedPointsOf, checkLeafInputs, dec, describeAllowedPoints, evaluateLeaf, isAllowedPoints, type PointsDomain, ruleNotApplicable } from '@parindex/engine';

export interface ScoredEntry {
  /** Points chosen or typed (dot decimal). */
  points?: string | null;
  /** Raw inputs for the rule; the engine computes the points. */
  inputs?: LeafInputs | null;
}

/**
 * Returns the points of the entry; the inputs the engine used (without the evidence flags, which
 * come from the unit's row: required evidence missing gives 0 as it did for the unit) or null.
 * A leaf the unit answered "không phát sinh" under a "không tính" clause does not count for the
 * unit whatever figure its row holds (engine: ruleNotApplicable): only the same answer, or the 0
 * its self-assessment recorded, is taken; any other figure would be silently ignored, so it is
 * refused and the appraiser is told to return the sheet to the unit.
 */
export function pointsOfEntry(leaf: IndexedLeaf, settings: RubricSettings, entry: ScoredEntry, row: LeafInputs | null | undefined): { points: Decimal; inputs: LeafInputs | null } {
  const domain = allowedPointsOf(leaf, settings);
  if (ruleNotApplicable(leaf, row)) {
    const inputs = entry.inputs ? { ...entry.inputs, hasEvidence: undefined, explanationAccepted: undefined, notApplicable: undefined } : null;
    if (inputs ? ruleNotApplicable(leaf, inputs) : entry.points != null && entry.points !== '' && dec(entry.points).isZero()) return { points: ZERO, inputs };
    throw new AppError(
      'VALIDATION',
      `Tiêu chí ${leaf.code}: đơn vị trả lời "Không phát sinh" và phương pháp chấm điểm quy định "không tính", nên tiêu chí không tính vào thang điểm của đơn vị; điểm thẩm định không thay đổi được điều đó. Nếu đơn vị thực tế có phát sinh, hãy trả phiếu để đơn vị sửa số liệu.`,
      [{ field: entry.inputs ? 'inputs' : 'points', message: 'tiêu chí không tính (không phát sinh)' }],
    );
  }
  if (entry.inputs) {
    const inputs: LeafInputs = { ...entry.inputs };
    delete inputs.hasEvidence;
    delete inputs.explanationAccepted;
    delete inputs.notApplicable;
    const problems = checkLeafInputs(leaf, inputs);
    if (problems.length) throw new AppError('VALIDATION', problems.map((p) => p.message).join(' '), problems.map((p) => ({ field: `inputs.${p.field}`, message: p.message })));
    const ev = evaluateLeaf(leaf, { ...inputs, hasEvidence: row?.hasEvidence, explanationAccepted: row?.explanationAccepted }, settings);
    if (!ev.applicable)
      throw new AppError('VALIDATION', `Tiêu chí ${leaf.code}: với số liệu này (không phát sinh) tiêu chí không tính cho đơn vị nên không có điểm để đề xuất; hãy nhập số liệu khác hoặc giữ số liệu của đơn vị.`, [{ field: inputs.noneOccurred ? 'inputs.noneOccurred' : 'inputs.denominator', message: 'không phát sinh' }]);
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
  const hint = ['proportional', 'count', 'ratio_bands', 'count_tiers', 'count_deduction'].includes(rule) ? ' Có thể nhập số liệu để hệ thống tính điểm.' : '';
  const message = `Tiêu chí ${leaf.code} chỉ nhận ${allowed} điểm (đã nhập ${typed.replace('.', ',')}).${hint}`;
  return new AppError('VALIDATION', message, [{ field: 'points', message: `chỉ nhận ${allowed}` }]);
}
