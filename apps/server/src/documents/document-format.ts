/**
 * Wording and number display shared by the documents (annex workbook, PDF report, draft decision).
 * Every figure is an exact decimal string from the engine; it is rounded half-up here, for display
 * only, never used in arithmetic.
 */
import type { CycleResultsDto, UnitResultDto } from '@parindex/contracts';
import { dec, formatVi, netAdjustment, toExact, toFixedHalfUp } from '@parindex/engine';

/** "86,30": half-up, Vietnamese comma (PDF, DOCX). */
export const vi = (s: string, places = 2): string => formatVi(dec(s), places);

/** The published 2-decimal figure as a number for a spreadsheet cell (half-up first, so the cell shows what was published). */
export const cellNumber = (s: string, places = 2): number => Number(toFixedHalfUp(dec(s), places));

/** "+19,04", "−1,20", "0,00" (typographic minus, as printed tables use). */
export function signedVi(s: string, places = 2): string {
  const d = dec(s);
  const shown = formatVi(d.abs(), places);
  if (/^[0,.]+$/.test(shown)) return shown;
  return d.isNegative() ? `−${shown}` : `+${shown}`;
}

/** "tăng 2 bậc", "giảm 1 bậc", "giữ nguyên", or why there is no rank change (a merged unit). */
export function rankChangeText(u: UnitResultDto): string {
  const c = u.change;
  if (!c || c.basis === 'none') return '';
  if (c.basis === 'weighted') return 'đơn vị hợp nhất: không so sánh thứ hạng';
  if (c.rankDelta === null || c.rankDelta === 0) return 'giữ nguyên';
  return c.rankDelta > 0 ? `tăng ${c.rankDelta} bậc` : `giảm ${-c.rankDelta} bậc`;
}

/** Whether any unit of the cycle has bonus or deduction points (then the tables show the column). */
export function hasAdjustments(results: CycleResultsDto): boolean {
  return results.groups.some((g) => g.units.some((u) => !dec(u.bonus).isZero() || !dec(u.deduction).isZero()));
}

/** Whether the cycle has a previous year to compare with (otherwise the "so với năm trước" columns are left out). */
export function hasChanges(results: CycleResultsDto): boolean {
  return results.groups.some((g) => g.units.some((u) => u.change && u.change.basis !== 'none'));
}

/** Net bonus − deduction of a unit, exact (engine: netAdjustment). */
export const adjustment = (u: UnitResultDto): string => toExact(netAdjustment(u.bonus, u.deduction));

/**
 * Who the results are about, as the title of an annex says it: "CÁC SỞ, BAN, NGÀNH VÀ UBND CẤP XÃ".
 * Read from the peer groups' names, so a 2020 table with districts says "UBND CẤP HUYỆN".
 */
export function subjectOf(results: CycleResultsDto): string {
  const names = results.groups.map((g) => `${g.summary.code} ${g.summary.name}`.toLowerCase());
  const parts: string[] = [];
  if (names.some((n) => /depart|sở|ban|ngành|cơ quan/.test(n))) parts.push('các sở, ban, ngành');
  if (names.some((n) => /district|huyện/.test(n))) parts.push('UBND cấp huyện');
  if (names.some((n) => /commune|xã|phường/.test(n))) parts.push('UBND cấp xã');
  return parts.length ? parts.join(', ').replace(/, (?=[^,]*$)/, ' và ') : 'các cơ quan, đơn vị';
}

/** "Sơn Hà" from "Chỉ số CCHC năm 2025 của tỉnh Sơn Hà (dữ liệu minh họa)"; null when the name does not say. */
export function provinceFromCycleName(name: string): string | null {
  const m = /(?:tỉnh|thành phố)\s+([^()—–\-,]+?)\s*(?:\(|—|–|-|,|$)/iu.exec(name);
  const found = m?.[1]?.trim();
  return found && !/^\d+$/.test(found) ? found : null;
}

/** A blank to fill in by hand in a draft: "……". */
export const BLANK = '……';

/**
 * Date line of an administrative document (Nghị định 30/2020/NĐ-CP): days below 10 and months
 * below 3 take a leading zero — "ngày 05 tháng 02 năm 2026". Without a date, blanks to fill in.
 */
export function viDateLine(date: Date | undefined, fallbackYear: number): string {
  if (!date) return `ngày      tháng      năm ${fallbackYear}`;
  const d = date.getDate(), m = date.getMonth() + 1;
  return `ngày ${d < 10 ? `0${d}` : d} tháng ${m < 3 ? `0${m}` : m} năm ${date.getFullYear()}`;
}

/** dd/mm/yyyy */
export function viShortDate(date: Date): string {
  return `${String(date.getDate()).padStart(2, '0')}/${String(date.getMonth() + 1).padStart(2, '0')}/${date.getFullYear()}`;
}

/** I, II, III … for the sections of an annex. */
export function roman(n: number): string {
  const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** "Không đánh giá 4.4, 6.2" for a unit scored on a reduced scale. */
export const exclusionShort = (u: UnitResultDto): string =>
  u.exclusions.length ? `Không đánh giá ${u.exclusions.map((e) => e.nodeCode).join(', ')}` : '';

/** The one form of a decision number: "125/QĐ-UBND" as the publish form stores it; a bare "125" is completed. */
export function fullDecisionNumber(number: string): string;
export function fullDecisionNumber(number: string | undefined): string | undefined;
export function fullDecisionNumber(number: string | undefined): string | undefined {
  const n = number?.trim();
  if (!n) return undefined;
  return n.includes('/') ? n : `${n}/QĐ-UBND`;
}

/** "125/QĐ-UBND ngày 05/03/2026" for "(Kèm theo Quyết định số …)"; undefined without a number. */
export function decisionRef(number: string | undefined, date: Date | undefined): string | undefined {
  const full = fullDecisionNumber(number);
  if (!full) return undefined;
  return `${full}${date ? ` ngày ${viShortDate(date)}` : ''}`;
}

/** A stored "YYYY-MM-DD" as a local date (the day printed is the day stored). */
export const localDate = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00`);

/** Marks every document of a cycle not yet published: it must never be taken for the published results. */
export const DRAFT_MARK = 'DỰ THẢO';

/** A cycle's documents are drafts until it is published (or closed after publication). */
export const isDraftCycle = (status: string): boolean => status !== 'published' && status !== 'closed';

/** "ket-qua-….xlsx" → "du-thao-ket-qua-….xlsx" for a draft, so a downloaded file says what it is. */
export const draftFileName = (name: string): string => (name.startsWith('du-thao-') ? name : `du-thao-${name}`);
