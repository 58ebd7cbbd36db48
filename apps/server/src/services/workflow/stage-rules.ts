/**
 * When a unit may still change its self-assessment or its explanation, and when appraisers may
 * still propose: one rule each, used by the saves, the evidence links, the submissions and the
 * sheet's `editable` flags, so the page never looks editable while the save would be refused.
 * Each returns the Vietnamese reason for the refusal, or null when the change is allowed.
 */
import type { CycleDeadlines } from '../../db/schema.ts';

export interface StageState {
  status: 'draft' | 'submitted' | 'returned';
  note: string | null;
  changedAt: string | null;
}

interface CycleLike {
  status: string;
  deadlines: CycleDeadlines;
}

/** A deadline (inclusive, a date) has passed once its day is over (Vietnam time). */
export function pastDeadline(deadline: string | undefined, now = new Date()): boolean {
  if (!deadline) return false;
  return now.getTime() > new Date(`${deadline}T23:59:59.999+07:00`).getTime();
}

export const viDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Self-assessment (scores, notes, evidence): the cycle is open, the sheet not submitted, and the
 * self deadline not passed. A sheet the secretariat returned is exempt from the deadline: the
 * return is what asks the unit to fix it, so it may be fixed and resubmitted for as long as the
 * cycle stays open.
 */
export function selfLocked(cycle: CycleLike, self: StageState, now = new Date()): string | null {
  if (cycle.status !== 'open') return 'Kỳ đánh giá không ở giai đoạn tự đánh giá: không sửa được kết quả tự đánh giá.';
  if (self.status === 'submitted') return 'Đơn vị đã gửi kết quả tự đánh giá; phải được Sở Nội vụ trả lại mới sửa được.';
  if (self.status !== 'returned' && pastDeadline(cycle.deadlines.self, now))
    return `Đã hết hạn tự đánh giá (${viDate(cycle.deadlines.self!)}): chỉ sửa được khi Sở Nội vụ trả lại kết quả cho đơn vị.`;
  return null;
}

/**
 * Explanation (giải trình): the cycle is in appraisal, the explanation not sent, its deadline not
 * passed. Without the unit's stage, only the cycle's side is checked (before loading the stage).
 */
export function explanationLocked(cycle: CycleLike, explanation?: StageState, now = new Date()): string | null {
  if (cycle.status !== 'appraisal') return 'Chưa đến hoặc đã qua giai đoạn giải trình.';
  if (explanation?.status === 'submitted') return 'Đơn vị đã gửi giải trình.';
  if (pastDeadline(cycle.deadlines.explanation, now)) return `Đã hết hạn giải trình (${viDate(cycle.deadlines.explanation!)}).`;
  return null;
}

/**
 * An appraiser's proposal for one leaf of one unit. Once the unit has answered it (agreed or
 * explained) or sent its explanation, the proposal is fixed: changing it would silently void the
 * unit's answer, and a remaining disagreement goes to the council instead. Without the unit's
 * stage and the leaf's answer, only the cycle's side (stage, appraisal deadline) is checked.
 */
export function proposalLocked(
  cycle: CycleLike,
  leafCode: string,
  unitName: string,
  explanation?: StageState,
  response: 'accepted' | 'explained' | null = null,
  now = new Date(),
): string | null {
  if (cycle.status !== 'appraisal') return 'Kỳ đánh giá không ở giai đoạn thẩm định.';
  if (pastDeadline(cycle.deadlines.appraisal, now)) return `Đã hết hạn thẩm định (${viDate(cycle.deadlines.appraisal!)}): không sửa được điểm đề xuất tiêu chí ${leafCode} của ${unitName}.`;
  if (explanation?.status === 'submitted')
    return `${unitName} đã gửi giải trình: không sửa được điểm đề xuất tiêu chí ${leafCode} nữa; nội dung còn khác nhau do Hội đồng thẩm định quyết định.`;
  if (response)
    return `${unitName} đã ${response === 'explained' ? 'giải trình' : 'đồng ý với'} điểm đề xuất tiêu chí ${leafCode}: không sửa được đề xuất nữa (ý kiến của đơn vị được giữ nguyên); nội dung còn khác nhau do Hội đồng thẩm định quyết định.`;
  return null;
}
