import type { Lang } from '../../app/messages.ts';

/** Strings of the results table added with its notes and the change in points (the shared ones stay in app/messages.ts). */
const vi = {
  totalDelta: 'Điểm',
  totalDeltaHint: 'Chênh lệch tổng điểm so với năm trước',
  notesTitle: 'Ghi chú',
  noteRef: (n: number) => `Xem ghi chú ${n}`,
  reducedNote: (unit: string, max: string, full: string) => `${unit}: thang điểm rút gọn, điểm tối đa ${max} (thay vì ${full}); chỉ số được tính trên điểm tối đa này.`,
  reducedNoBasis: 'Không có tiêu chí loại trừ được ghi trong hệ thống (bảng kết quả đã nhập).',
  excludedNode: (code: string, basis: string) => `Không áp dụng tiêu chí ${code} — căn cứ: ${basis}.`,
};
export type ResultsMessages = typeof vi;

const en: ResultsMessages = {
  totalDelta: 'Points',
  totalDeltaHint: 'Change of the total points on last year',
  notesTitle: 'Notes',
  noteRef: (n) => `See note ${n}`,
  reducedNote: (unit, max, full) => `${unit}: reduced scale, maximum ${max} (instead of ${full}); the index is computed on this maximum.`,
  reducedNoBasis: 'No excluded criterion is recorded in the system (imported results table).',
  excludedNode: (code, basis) => `Criterion ${code} does not apply — legal basis: ${basis}.`,
};

export const resultsMessages: Record<Lang, ResultsMessages> = { vi, en };

/** Units that need a note under the table (a reduced scale or an exclusion), numbered in table order. */
export function noteNumbers(units: readonly { unitId: string; max: string; exclusions: readonly unknown[] }[], isReduced: (max: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const u of units) if (isReduced(u.max) || u.exclusions.length > 0) out.set(u.unitId, out.size + 1);
  return out;
}
