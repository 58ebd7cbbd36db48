/**
 * How the national indices' figures read, on the dashboard and the secretariat's page alike: the
 * index's 2 decimals ("87,40", "83,96%"), the position "12/34", and a change in places only when
 * both years ranked as many provinces (the server's change.rank is null otherwise).
 */
import { formatDecimal, type NumberLang } from '../../lib/format.ts';
import type { IndexSeries, YearRow } from './external.api.ts';

type Result = NonNullable<YearRow['result']>;

export interface ChangeWords {
  placesUp: (n: number) => string;
  placesDown: (n: number) => string;
  placesSame: string;
  /** Positions among different numbers of provinces: "12/34 (2025) — 24/63 (2024)". */
  positions: (now: string, nowYear: number, before: string, beforeYear: number) => string;
}

/** A value with the index's 2 decimals; a points scale adds its maximum ("87,40/100"), a percentage does not. */
export function indexValueText(s: Pick<IndexSeries, 'unit'>, r: Pick<Result, 'value' | 'maxValue'>, lang: NumberLang): string {
  const v = formatDecimal(r.value, lang);
  if (s.unit === 'percent') return `${v}%`;
  return r.maxValue ? `${v}/${formatDecimal(r.maxValue, lang, { places: 0 })}` : v;
}

/** "12/34", "12" when the number ranked is unknown, null without a rank. */
export function positionText(r: Pick<Result, 'rank' | 'rankOf'> | null | undefined): string | null {
  if (!r?.rank) return null;
  return r.rankOf ? `${r.rank}/${r.rankOf}` : String(r.rank);
}

/** "tăng 2 bậc" when comparable; otherwise both positions side by side; "—" without a previous rank. */
export function changeText(row: YearRow, years: readonly YearRow[], m: ChangeWords): string {
  const c = row.change;
  if (!c) return '—';
  if (c.rank !== null) return c.rank > 0 ? m.placesUp(c.rank) : c.rank < 0 ? m.placesDown(-c.rank) : m.placesSame;
  const now = positionText(row.result);
  const before = positionText(years.find((y) => y.year === c.fromYear)?.result);
  return now && before ? m.positions(now, row.year, before, c.fromYear) : '—';
}
