import type { Issue, QuestionType, QuestionnaireKind, SipasItemKind, SipasSettings, SurveyFallback, SurveyFormula, EvaluatedUnit } from '@parindex/contracts';
import type { Vocabulary } from '../rubric-io/sheet-cells.ts';

/** Sheet names of a questionnaire workbook. */
export const INFO_SHEET = 'Thông tin';
export const GROUPS_SHEET = 'Nhóm đối tượng';
export const QUESTIONS_SHEET = 'Câu hỏi';

/** The words written in cells for each enum; the first is written, all are read (and the raw code). */
export const KIND_WORDS: Vocabulary<QuestionnaireKind> = {
  par: ['Điều tra xã hội học (Chỉ số CCHC)', 'Điều tra xã hội học', 'Điều tra XHH', 'PAR'],
  sipas: ['Khảo sát SIPAS', 'SIPAS', 'Khảo sát sự hài lòng'],
};
export const QUESTION_TYPE_WORDS: Vocabulary<QuestionType> = {
  single: ['Một lựa chọn', 'Chọn một'],
  scale: ['Thang đo', 'Thang điểm'],
  multiple: ['Nhiều lựa chọn', 'Chọn nhiều'],
  text: ['Trả lời ngắn', 'Câu hỏi mở', 'Tự luận'],
};
export const EVALUATED_WORDS: Vocabulary<EvaluatedUnit> = {
  dealt_with: ['Đơn vị ghi trong phiếu', 'Đơn vị đã giao dịch', 'Đơn vị được đánh giá'],
  named: ['Đơn vị nêu trong câu hỏi', 'Đơn vị nêu tên'],
};
export const SIPAS_KIND_WORDS: Vocabulary<SipasItemKind> = {
  satisfaction: ['Hài lòng', 'Câu hỏi hài lòng'],
  expectation: ['Mong đợi', 'Kỳ vọng'],
  profile: ['Thông tin người trả lời', 'Thông tin chung'],
};
export const FORMULA_WORDS: Vocabulary<SurveyFormula['type']> = {
  mean_weight: ['Bình quân trọng số', 'Trọng số bình quân'],
  share_at_least: ['Tỷ lệ đạt ngưỡng', 'Tỷ lệ trả lời đạt ngưỡng'],
};
export const FALLBACK_WORDS: Vocabulary<SurveyFallback> = {
  group_mean: ['Lấy bình quân nhóm', 'Bình quân nhóm'],
  zero: ['Chấm 0 điểm'],
  full: ['Chấm đủ điểm'],
  not_applicable: ['Không tính tiêu chí', 'Không áp dụng'],
  use_available: ['Tính theo số trả lời hiện có'],
};
export const FACTOR_INDEX_WORDS: Vocabulary<SipasSettings['factorIndex']> = {
  mean_of_items: ['Bình quân các câu hỏi'],
  pooled: ['Gộp mọi câu trả lời'],
};
export const OVERALL_WORDS: Vocabulary<SipasSettings['overall']> = {
  mean_of_factors: ['Bình quân các yếu tố'],
  weighted_factors: ['Bình quân có trọng số các yếu tố'],
  pooled: ['Gộp mọi câu trả lời'],
};

/** An issue located on a sheet: "Trang 'Câu hỏi', dòng 12, cột Trọng số (%): …". */
export function sheetIssue(sheet: string, row: number | undefined, column: string | undefined, message: string): Issue {
  const where = [`Trang '${sheet}'`, row !== undefined ? `dòng ${row}` : '', column ? `cột ${column}` : ''].filter(Boolean).join(', ');
  return { ...(row !== undefined && { row }), ...(column && { field: column }), message: `${where}: ${message}` };
}

/** Splits a cell listing codes: "dai_bieu; lanh_dao" or one per line. */
export const splitList = (text: string) => text.split(/[;,\n]/).map((t) => t.trim()).filter(Boolean);
