/** Pure helpers of the status board: the line per stage and the table's filters (state, group). */
import type { BoardStageSummary, BoardUnitDto } from '@parindex/contracts';

/** The state filter's values: a self-assessment status, or "overdue" at any stage. */
export type BoardStateFilter = 'draft' | 'submitted' | 'returned' | 'overdue';
export const BOARD_STATE_FILTERS: readonly BoardStateFilter[] = ['draft', 'returned', 'submitted', 'overdue'];

export function matchesState(u: BoardUnitDto, value: BoardStateFilter): boolean {
  if (value === 'overdue') return u.overdue.self || u.overdue.appraisal || u.overdue.explanation;
  return u.selfStatus === value;
}

/** The groups present on the board, once each, in the order of their names. */
export function groupFilters(units: readonly BoardUnitDto[], name: (code: string) => string): { text: string; value: string }[] {
  const codes = [...new Set(units.map((u) => u.peerGroup))];
  const collator = new Intl.Collator('vi');
  return codes.map((code) => ({ text: name(code), value: code })).sort((a, b) => collator.compare(a.text, b.text));
}

/** Texts of the summary line, by stage; "overdue" is added only when some unit is. */
export interface SummaryTexts {
  stage: Record<BoardStageSummary['stage'], string>;
  done: Record<BoardStageSummary['stage'], (done: number, total: number) => string>;
  overdue: (n: number) => string;
}

/** "Tự đánh giá: 32/50 đã gửi (3 quá hạn)"; the council's line only once a unit has a dispute. */
export function summaryLines(summary: readonly BoardStageSummary[], t: SummaryTexts): { stage: string; text: string; late: boolean }[] {
  return summary
    .filter((s) => s.stage !== 'council' || s.total > 0)
    .map((s) => ({
      stage: s.stage,
      text: `${t.stage[s.stage]}: ${t.done[s.stage](s.done, s.total)}${s.overdue > 0 ? ` (${t.overdue(s.overdue)})` : ''}`,
      late: s.overdue > 0,
    }));
}
