/**
 * Strings of the work area: a criterion's history drawer: scores at each stage and the audit trail.
 * Part of work.messages.ts, which composes the parts. `vi` defines the shape; `en` must match it.
 */
import type { Lang } from '../../app/messages.ts';

const vi = {
  // history
  historyTitle: (code: string) => `Lịch sử tiêu chí ${code}`,
  stageScores: 'Điểm qua từng giai đoạn',
  auditTrail: 'Nhật ký thay đổi',
  noAudit: 'Chưa có thay đổi nào.',
  actions: {
    'self.save': 'Lưu tự đánh giá',
    'self.evidence': 'Thay đổi tài liệu kiểm chứng',
    'evidence.link': 'Gắn tài liệu',
    'evidence.unlink': 'Bỏ gắn tài liệu',
    'appraisal.propose': 'Đề xuất điểm thẩm định',
    'appraisal.accept': 'Chấp nhận điểm tự chấm',
    'explanation.respond': 'Ý kiến giải trình',
    'council.decide': 'Hội đồng quyết định',
    'final.set': 'Phê duyệt điểm cuối cùng',
  } as Record<string, string>,
  by: 'bởi',
};

export type HistoryMessages = typeof vi;

const en: HistoryMessages = {
  historyTitle: (code) => `History of criterion ${code}`,
  stageScores: 'Score at each stage',
  auditTrail: 'Audit trail',
  noAudit: 'No change yet.',
  actions: {
    'self.save': 'Self-assessment saved',
    'self.evidence': 'Evidence changed',
    'evidence.link': 'Document linked',
    'evidence.unlink': 'Document unlinked',
    'appraisal.propose': 'Appraisal proposal',
    'appraisal.accept': 'Self score accepted',
    'explanation.respond': 'Explanation',
    'council.decide': 'Council decision',
    'final.set': 'Final score approved',
  },
  by: 'by',
};

export const historyMessages: Record<Lang, HistoryMessages> = { vi, en };
