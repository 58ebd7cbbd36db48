import type { BoardUnitDto } from '@parindex/contracts';
import { describe, expect, it } from 'vitest';
import { boardMessages } from './board.messages.ts';
import { groupFilters, matchesState, summaryLines } from './board-summary.ts';

const unit = (over: Partial<BoardUnitDto>): BoardUnitDto => ({
  unitId: 'u', unitCode: 'U', unitName: 'Sở Tư pháp', peerGroup: 'so_nganh', leaves: 10, selfDone: 0, selfStatus: 'draft', selfNote: null,
  proposed: 0, responded: 0, disputed: 0, decided: 0, explanationStatus: 'draft', lastChange: null,
  overdue: { self: false, appraisal: false, explanation: false }, ...over,
});
const vi = boardMessages.vi;
const texts = { stage: vi.summaryStage, done: vi.summaryDone, overdue: vi.summaryOverdue };

describe('summaryLines', () => {
  it('reads the server counts as "Tự đánh giá: 32/50 đã gửi", with the overdue units when there are some', () => {
    const lines = summaryLines(
      [
        { stage: 'self', done: 32, total: 50, overdue: 3 },
        { stage: 'appraisal', done: 0, total: 50, overdue: 0 },
        { stage: 'explanation', done: 5, total: 50, overdue: 0 },
        { stage: 'council', done: 0, total: 0, overdue: 0 },
      ],
      texts,
    );
    expect(lines.map((l) => l.text)).toEqual(['Tự đánh giá: 32/50 đã gửi (3 quá hạn)', 'Thẩm định: 0/50 đã đề xuất đủ', 'Giải trình: 5/50 đã gửi']);
    expect(lines.map((l) => l.late)).toEqual([true, false, false]);
  });

  it("shows the council's line once a unit has a dispute", () => {
    const [line] = summaryLines([{ stage: 'council', done: 2, total: 7, overdue: 0 }], texts);
    expect(line!.text).toBe('Hội đồng: 2/7 đơn vị đã quyết xong giải trình');
  });
});

describe('board filters', () => {
  it('filters by self-assessment state, and "overdue" at any stage', () => {
    const returned = unit({ selfStatus: 'returned' });
    const late = unit({ overdue: { self: false, appraisal: false, explanation: true } });
    expect(matchesState(returned, 'returned')).toBe(true);
    expect(matchesState(returned, 'draft')).toBe(false);
    expect(matchesState(late, 'overdue')).toBe(true);
    expect(matchesState(returned, 'overdue')).toBe(false);
  });

  it('offers each group once, by its name in Vietnamese order', () => {
    const names: Record<string, string> = { so_nganh: 'Sở, ban, ngành', huyen: 'UBND cấp huyện' };
    const options = groupFilters([unit({ peerGroup: 'so_nganh' }), unit({ peerGroup: 'huyen' }), unit({ peerGroup: 'so_nganh' })], (c) => names[c] ?? c);
    expect(options).toEqual([
      { text: 'Sở, ban, ngành', value: 'so_nganh' },
      { text: 'UBND cấp huyện', value: 'huyen' },
    ]);
  });
});
