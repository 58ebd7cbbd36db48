/**
 * When a unit may still change its self-assessment or its explanation, and when appraisers may
 * still propose: one rule each, used by the saves, the evidence links, the submissions and the
 * sheet's `editable` flags, so the page never looks editable while the save would be refused.
 * Each returns the Vietnamese reason for the refusal, or null when the change is allowed.
 */
import { AppError, type StageState } from '@parindex/contracts';
import type { CycleDeadlines } from '../../db/schema.ts';

export type { StageState };

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

/** Statuses whose figures are the official record: only a correction (its own service) changes them. */
export const FROZEN_STATUSES: ReadonlySet<string> = new Set(['published', 'closed']);

/**
 * The one refusal every mutating service gives on a published (or closed) cycle, whoever calls —
 * a route, the CLI, a job or a seed: 409 with what was tried and the way forward (a correction).
 * `what` completes "không … được nữa", e.g. "sửa hạn các giai đoạn".
 */
export function assertCycleWritable(cycle: { status: string; name?: string; year?: number }, what: string): void {
  if (!FROZEN_STATUSES.has(cycle.status)) return;
  const name = cycle.name ? `"${cycle.name}"` : cycle.year ? `năm ${cycle.year}` : '';
  throw new AppError(
    'CONFLICT',
    `Kỳ đánh giá ${name} ${cycle.status === 'closed' ? 'đã đóng' : 'đã công bố'}: không ${what} được nữa. Kết quả đã công bố chỉ thay đổi bằng một lần đính chính có lý do (mục "Đính chính kết quả đã công bố").`.replace('  ', ' '),
  );
}

/**
 * Appraisal can produce no more proposals: its deadline has passed, or the cycle has left the
 * appraisal stage. From then on an assigned leaf still without a proposal is the council's to
 * decide (a "chưa có đề xuất thẩm định" item), never finalised silently at the unit's own score.
 */
export function appraisalOver(cycle: CycleLike, now = new Date()): boolean {
  if (['draft', 'open'].includes(cycle.status)) return false;
  return cycle.status !== 'appraisal' || pastDeadline(cycle.deadlines.appraisal, now);
}

/**
 * Sending the explanation ends the appraisal of the unit (proposals lock), so it waits until every
 * leaf of the unit that an appraiser is assigned to has a proposal — or until the appraisal
 * deadline has passed, when the leaves left without one go to the council. `unproposed` are the
 * codes of those leaves.
 */
export function explanationSendLocked(cycle: CycleLike, unitName: string, unproposed: string[], now = new Date()): string | null {
  if (!unproposed.length || appraisalOver(cycle, now)) return null;
  const by = cycle.deadlines.appraisal ? ` hoặc chờ hết hạn thẩm định (${viDate(cycle.deadlines.appraisal)}), khi đó các tiêu chí chưa có đề xuất được chuyển Hội đồng thẩm định quyết định` : '';
  const list = unproposed.slice(0, 20).join(', ') + (unproposed.length > 20 ? '…' : '');
  return `${unitName} chưa gửi được giải trình: còn ${unproposed.length} tiêu chí được phân công thẩm định chưa có điểm đề xuất (${list}). Hãy chờ tổ thẩm định đề xuất xong${by}.`;
}
