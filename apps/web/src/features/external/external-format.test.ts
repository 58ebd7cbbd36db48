import { describe, expect, it } from 'vitest';
import { changeText, indexValueText, positionText } from './external-format.ts';
import { externalMessages, type YearRow } from './external.api.ts';

const row = (year: number, rank: number | null, rankOf: number | null, change: YearRow['change'] = null): YearRow => ({
  year,
  result: { value: '87.4', maxValue: '100', rank, rankOf, grade: null, components: [], source: null },
  target: null,
  gap: null,
  change,
});
const vi = externalMessages.vi;

describe('national index figures', () => {
  it('shows values with the index’s 2 decimals, a percentage without "/ 100"', () => {
    expect(indexValueText({ unit: 'points' }, { value: '87.4', maxValue: '100' }, 'vi')).toBe('87,40/100');
    expect(indexValueText({ unit: 'percent' }, { value: '83.96', maxValue: '100' }, 'vi')).toBe('83,96%');
    expect(indexValueText({ unit: 'points' }, { value: '43.1', maxValue: null }, 'vi')).toBe('43,10');
  });

  it('reads a change in places only among as many provinces', () => {
    const y2023 = row(2023, 27, 63);
    const y2024 = row(2024, 24, 63, { fromYear: 2023, rank: 3, value: '1.35' });
    expect(changeText(y2024, [y2023, y2024], vi)).toBe('tăng 3 bậc');
  });

  it('shows both positions, with no "bậc", when the number of provinces changed (24/63 → 12/34)', () => {
    const y2024 = row(2024, 24, 63);
    const y2025 = row(2025, 12, 34, { fromYear: 2024, rank: null, value: '0.9' });
    const text = changeText(y2025, [y2024, y2025], vi);
    expect(text).toBe('12/34 (2025) — 24/63 (2024)');
    expect(text).not.toContain('bậc');
  });

  it('has no change to show without a previous rank', () => {
    expect(changeText(row(2025, 12, 34, { fromYear: 2024, rank: null, value: '0.9' }), [row(2024, null, null)], vi)).toBe('—');
    expect(changeText(row(2022, 31, 63), [], vi)).toBe('—');
    expect(positionText({ rank: 12, rankOf: null })).toBe('12');
  });
});
