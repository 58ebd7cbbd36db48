/**
 * Figures the web app shows from the server's decimal strings ("86.5350318"): rounding for display,
 * exact comparison, the ratio a form previews, progress bars, a margin in %. Every rounding is the
 * engine's one half-up (`toFixedHalfUp`, decimal.ts), never a float's.
 */
import { Decimal, HUNDRED, dec, percent, toExact, toFixedHalfUp } from './decimal.ts';

/** A plain decimal string: optional sign, digits with an optional dot ("-1.005", "100", ".5", "7."); no exponent, no comma. */
const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** True when `text` is a plain decimal string (see `PLAIN_DECIMAL`). */
export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text.trim());
}

/** Drops the minus of a figure that rounded to zero ("-0.00" → "0.00"). */
function withoutNegativeZero(fixed: string): string {
  return /^-[0.]*$/.test(fixed) ? fixed.slice(1) : fixed;
}

/**
 * A plain decimal string rounded half-up (away from zero) to `places` decimals, with a dot
 * ("79.885" → "79.89", "-1.005" → "-1.01", "100" → "100.00"); never "-0.00". Null when the text is
 * not a plain decimal ("1e3", "1,5", "").
 */
export function roundDecimalText(text: string, places = 2): string | null {
  if (!isPlainDecimal(text)) return null;
  return withoutNegativeZero(toFixedHalfUp(new Decimal(text.trim()), places));
}

/** Exact comparison of two plain decimal strings: -1, 0 or 1. Throws on a malformed value. */
export function compareDecimalText(a: string, b: string): -1 | 0 | 1 {
  for (const v of [a, b]) if (!isPlainDecimal(v)) throw new Error(`Not a decimal: ${v}`);
  return new Decimal(a.trim()).comparedTo(new Decimal(b.trim())) as -1 | 0 | 1;
}

/**
 * 100 × numerator ÷ denominator, half-up to `places` decimals, as a dot string (3 of 7 → "42.86");
 * null when the denominator is not above zero. The preview of a ratio leaf's percentage.
 */
export function ratioPercentText(numerator: number, denominator: number, places = 2): string | null {
  if (!(denominator > 0)) return null;
  const p = percent(dec(numerator), dec(denominator));
  return p === undefined ? null : withoutNegativeZero(toFixedHalfUp(p, places));
}

/** Whole percent done for a progress bar: 100 × done ÷ total half-up to a whole number (1 of 8 → 13); 0 when total is 0. */
export function progressPercent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Number(toFixedHalfUp(percent(dec(done), dec(total))!, 0));
}

/** A fraction as a percent, exact: "0.07" → "7", "0.025" → "2.5" (a survey's margin of error shown in %). */
export function fractionAsPercentText(fraction: string): string {
  return toExact(dec(fraction).times(HUNDRED));
}
