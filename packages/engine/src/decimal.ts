import DecimalLib from 'decimal.js';

/**
 * Exact decimal arithmetic for points. 50 significant digits: sums of up-to-3-decimal scores are
 * exact, and quotients (index %, proportional points) are far more precise than any half-up
 * rounding to 2 decimals can notice. Rounding is half-up (79.885 → 79.89), never banker's.
 */
export const Decimal = DecimalLib.clone({ precision: 50, rounding: DecimalLib.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

/** Parses a decimal string (dot or Vietnamese comma) or a safe number into an exact Decimal. */
export function dec(value: string | number | Decimal): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value === 'string') return new Decimal(value.trim().replace(',', '.'));
  return new Decimal(value);
}

/** Sum of decimals, exact. */
export function sum(values: Iterable<Decimal>): Decimal {
  let s = ZERO;
  for (const v of values) s = s.plus(v);
  return s;
}

/** Half-up rounding to `places` decimals (display and published figures only). */
export function roundHalfUp(value: Decimal, places = 2): Decimal {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** Fixed-decimal string with a dot, half-up: "79.89". */
export function toFixedHalfUp(value: Decimal, places = 2): string {
  return value.toFixed(places, Decimal.ROUND_HALF_UP);
}

/** The exact value as a plain string without exponent ("86.535031847…"), for storage and the wire. */
export function toExact(value: Decimal): string {
  return value.toFixed();
}

/** Vietnamese display: half-up to `places`, comma decimal separator, dot thousands: 4870.5 → "4.870,50". */
export function formatVi(value: Decimal, places = 2): string {
  const fixed = toFixedHalfUp(value, places);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [int, frac] = fixed.replace(/^-/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `,${frac}` : ''}`;
}

/** 100 × part ÷ whole, exact to 50 digits; undefined when whole is 0. */
export function percent(part: Decimal, whole: Decimal): Decimal | undefined {
  if (whole.isZero()) return undefined;
  return part.times(HUNDRED).dividedBy(whole);
}
