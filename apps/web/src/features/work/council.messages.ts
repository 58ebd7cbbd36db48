/**
 * Strings of the work area: the appraisal council page (Hội đồng thẩm định): items to decide, filters, decisions, approval.
 * Part of work.messages.ts, which composes the parts. `vi` defines the shape; `en` must match it.
 */
import type { Lang } from '../../app/messages.ts';

const vi = {
  // council
  councilTitle: (year: number) => `Hội đồng thẩm định — năm ${year}`,
  councilIntro: 'Các nội dung đơn vị giải trình không đồng ý với điểm đề xuất thẩm định, và các tiêu chí được phân công nhưng chưa có đề xuất thẩm định khi hết hạn. Hội đồng quyết định điểm (theo phương pháp chấm của tiêu chí) và ghi lý do cho từng nội dung.',
  councilNotStage: 'Kỳ đánh giá không ở giai đoạn Hội đồng thẩm định: chỉ xem.',
  councilApprovedBanner: 'Chủ tịch Hội đồng đã phê duyệt điểm cuối cùng; các quyết định dưới đây chỉ xem.',
  noDisputes: 'Không có nội dung nào cần Hội đồng quyết định.',
  councilKindFilter: 'Loại nội dung',
  councilKinds: { all: 'Mọi loại', disputed: 'Đơn vị giải trình', unproposed: 'Chưa có đề xuất thẩm định' } as Record<string, string>,
  councilStateFilter: 'Tình trạng quyết định',
  councilStates: { all: 'Tất cả', undecided: 'Chưa quyết định', decided: 'Đã quyết định' } as Record<string, string>,
  councilShown: (n: number, total: number) => `${n}/${total} nội dung theo bộ lọc`,
  noCouncilMatch: 'Không có nội dung nào theo bộ lọc.',
  decidedCount: (d: number, n: number) => `Đã quyết định ${d}/${n} nội dung`,
  decision: 'Điểm Hội đồng quyết định',
  decisionReason: 'Lý do quyết định',
  decisionReasonRequired: 'Hãy ghi lý do quyết định của Hội đồng cho nội dung này.',
  saveDecision: 'Lưu quyết định',
  decisionSaved: 'Đã lưu quyết định của Hội đồng.',
  minutes: 'Tải biên bản họp (DOCX)',
  approve: 'Phê duyệt điểm cuối cùng',
  approveConfirm: 'Phê duyệt điểm cuối cùng của kỳ đánh giá?',
  approveBody: 'Điểm cuối cùng = quyết định của Hội đồng, nếu không có thì điểm đề xuất thẩm định, nếu không có thì điểm tự chấm. Kết quả được tính và chờ công bố.',
  approved: 'Đã phê duyệt điểm cuối cùng. Sở Nội vụ có thể công bố kết quả.',
  unitExplanation: 'Giải trình của đơn vị',
};

export type CouncilMessages = typeof vi;

const en: CouncilMessages = {
  councilTitle: (year) => `Appraisal council — ${year}`,
  councilIntro: 'Items where the unit disagreed with the proposed score, and assigned criteria left without a proposal at the appraisal deadline. The council decides the points (as the criterion\'s rule allows) with a reason for each.',
  councilNotStage: 'The cycle is not at the council stage: read-only.',
  councilApprovedBanner: 'The council chair approved the final scores; the decisions below are read-only.',
  noDisputes: 'No item needs a council decision.',
  councilKindFilter: 'Kind of item',
  councilKinds: { all: 'All kinds', disputed: 'Explained by the unit', unproposed: 'No appraisal proposal' },
  councilStateFilter: 'Decision state',
  councilStates: { all: 'All', undecided: 'Not decided', decided: 'Decided' },
  councilShown: (n, total) => `${n}/${total} items match the filters`,
  noCouncilMatch: 'No item matches the filters.',
  decidedCount: (d, n) => `${d}/${n} items decided`,
  decision: 'Council points',
  decisionReason: 'Reason for the decision',
  decisionReasonRequired: "Write the reason for the council's decision on this item.",
  saveDecision: 'Save decision',
  decisionSaved: 'Council decision saved.',
  minutes: 'Download minutes (DOCX)',
  approve: 'Approve final scores',
  approveConfirm: 'Approve the final scores of this cycle?',
  approveBody: 'Final = council decision, else appraisal proposal, else self-assessed score. Results are computed and await publication.',
  approved: 'Final scores approved. The Department of Home Affairs can publish.',
  unitExplanation: "Unit's explanation",
};

export const councilMessages: Record<Lang, CouncilMessages> = { vi, en };
