/**
 * Display formatting of the server's exact decimal strings ("86.5350318").
 *
 * Rounding is done on the digits of the string, never through a float, so that what an
 * official reads matches the published half-up value (1.005 → 1,01, where
 * `(1.005).toFixed(2)` gives "1.00"). Vietnamese: decimal comma, thousands dot
 * ("4.870,50"); English: "4,870.50".
 */

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

/** Adds one to a string of decimal digits ("199" → "200", "99" → "100"). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  let i = out.length - 1;
  while (i >= 0) {
    if (out[i] === '9') {
      out[i] = '0';
      i -= 1;
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
  }
  return '1' + out.join('');
}

/**
 * Rounds a decimal string half-up (half away from zero) to `places` decimals, on its digits.
 * Returns a plain string with a dot and exactly `places` decimals ("79.885" → "79.89",
 * "-1.005" → "-1.01", "100" → "100.00"); a result of zero never carries a minus sign.
 * Returns null when the input is not a plain decimal.
 */
export function roundHalfUp(value: string, places = 2): string | null {
  const d = parseDecimal(value);
  if (!d) return null;
  let kept = d.int + d.frac.slice(0, places).padEnd(places, '0');
  const next = d.frac.charAt(places);
  if (next !== '' && next >= '5') kept = incrementDigits(kept);
  const int = places === 0 ? kept : kept.slice(0, kept.length - places);
  const frac = places === 0 ? '' : kept.slice(kept.length - places);
  const intNorm = int.replace(/^0+(?=\d)/, '') || '0';
  const negative = d.negative && !isAllZero(intNorm + frac);
  return `${negative ? '-' : ''}${intNorm}${frac ? '.' + frac : ''}`;
}

/** Compares two decimal strings exactly: -1, 0 or 1. Throws on a malformed value. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) throw new Error(`Not a decimal: ${!x ? a : b}`);
  const xZero = isAllZero(x.int + x.frac);
  const yZero = isAllZero(y.int + y.frac);
  const xSign = xZero ? 0 : x.negative ? -1 : 1;
  const ySign = yZero ? 0 : y.negative ? -1 : 1;
  if (xSign !== ySign) return xSign < ySign ? -1 : 1;
  if (xSign === 0) return 0;
  const len = Math.max(x.frac.length, y.frac.length);
  const xs = x.frac.padEnd(len, '0');
  const ys = y.frac.padEnd(len, '0');
  let magnitude: -1 | 0 | 1 = 0;
  if (x.int.length !== y.int.length) magnitude = x.int.length < y.int.length ? -1 : 1;
  else if (x.int !== y.int) magnitude = x.int < y.int ? -1 : 1;
  else if (xs !== ys) magnitude = xs < ys ? -1 : 1;
  return (xSign < 0 ? -magnitude : magnitude) as -1 | 0 | 1;
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
