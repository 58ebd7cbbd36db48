/**
 * Display formatting of the server's exact decimal strings ("86.5350318").
 *
 * Rounding is the engine's half-up on the exact value of the string (`@parindex/engine`,
 * display.ts), never through a float, so that what an official reads matches the published
 * half-up value (1.005 → 1,01, where `(1.005).toFixed(2)` gives "1.00"). Vietnamese: decimal comma, thousands dot
 * ("4.870,50"); English: "4,870.50".
 */

import { compareDecimalText, roundDecimalText } from '@parindex/engine';

export type NumberLang = 'vi' | 'en';

interface ParsedDecimal {
  negative: boolean;
  /** Integer digits without leading zeros ("0" for zero). */
  int: string;
  /** Fraction digits as written (may be empty). */
  frac: string;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses a plain decimal string ("-1.005", "100", ".5"); null for anything else (exponents, commas, empty). */
export function parseDecimal(value: string): ParsedDecimal | null {
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const [, sign, intDigits = '', fracDigits = ''] = m;
  if (intDigits === '' && fracDigits === '') return null;
  const int = intDigits.replace(/^0+(?=\d)/, '') || '0';
  return { negative: sign === '-', int, frac: fracDigits };
}

function isAllZero(digits: string): boolean {
  return /^0*$/.test(digits);
}

/**
 * Rounds a decimal string half-up (half away from zero) to `places` decimals — the engine's one
 * half-up rounding (`roundDecimalText`). Returns a plain string with a dot and exactly `places`
 * decimals ("79.885" → "79.89", "-1.005" → "-1.01", "100" → "100.00"); a result of zero never
 * carries a minus sign. Returns null when the input is not a plain decimal.
 */
export function roundHalfUp(value: string, places = 2): string | null {
  return roundDecimalText(value, places);
}

/** Compares two decimal strings exactly (the engine's `compareDecimalText`): -1, 0 or 1. Throws on a malformed value. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  return compareDecimalText(a, b);
}

/** True when the decimal string is zero ("0", "0.000", "-0"). False for malformed input. */
export function isZeroDecimal(value: string): boolean {
  const d = parseDecimal(value);
  return d !== null && isAllZero(d.int + d.frac);
}

/** True when the string has more decimals than `places` that are not all zero (display hides digits). */
export function hasHiddenDigits(value: string, places = 2): boolean {
  const d = parseDecimal(value);
  return d !== null && !isAllZero(d.frac.slice(places));
}

function separators(lang: NumberLang): { group: string; decimal: string } {
  return lang === 'vi' ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' };
}

function groupThousands(int: string, sep: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export interface DecimalFormatOptions {
  /** Decimals to show (half-up). Default 2. */
  places?: number;
  /** Show "+" before positive values (for deltas). */
  signed?: boolean;
}

/**
 * Formats an exact decimal string for display: "62.3" → "62,30" (vi) / "62.30" (en),
 * "4870.5" → "4.870,50"; signed: "1.25" → "+1,25". A malformed value is shown as given.
 */
export function formatDecimal(value: string, lang: NumberLang, options: DecimalFormatOptions = {}): string {
  const { places = 2, signed = false } = options;
  const rounded = roundHalfUp(value, places);
  if (rounded === null) return value;
  const negative = rounded.startsWith('-');
  const [int, frac = ''] = (negative ? rounded.slice(1) : rounded).split('.');
  const { group, decimal } = separators(lang);
  const body = groupThousands(int, group) + (frac ? decimal + frac : '');
  const isZero = isAllZero(int + frac);
  const sign = negative ? '-' : signed && !isZero ? '+' : '';
  return sign + body;
}

/** Formats a whole number with thousands separators: 4870 → "4.870" (vi) / "4,870" (en). */
export function formatInteger(value: number | string, lang: NumberLang): string {
  return formatDecimal(String(value), lang, { places: 0 });
}

/** Formats a decimal with all its digits (for "exact value" hints): "71.1425" → "71,1425". */
export function formatExact(value: string, lang: NumberLang): string {
  const d = parseDecimal(value);
  return d ? formatDecimal(value, lang, { places: d.frac.length }) : value;
}
