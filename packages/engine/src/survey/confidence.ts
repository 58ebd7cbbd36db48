import { Decimal, ZERO } from '../decimal.ts';

/** Two-sided 95% quantiles of Student's t for 1–30 degrees of freedom (published tables, 3 decimals). */
const T95 = [
  '12.706', '4.303', '3.182', '2.776', '2.571', '2.447', '2.365', '2.306', '2.262', '2.228',
  '2.201', '2.179', '2.160', '2.145', '2.131', '2.120', '2.110', '2.101', '2.093', '2.086',
  '2.080', '2.074', '2.069', '2.064', '2.060', '2.056', '2.052', '2.048', '2.045', '2.042',
].map((t) => new Decimal(t));

/**
 * The 95% two-sided t quantile for `df` degrees of freedom: the table up to 30, then the
 * Cornish–Fisher expansion around z = 1.959964 rounded to 3 decimals (40 → 2.021, 120 → 1.980,
 * tending to 1.960), so results are the same on every machine.
 */
export function t95(df: number): Decimal {
  if (df < 1) throw new RangeError('df must be ≥ 1');
  if (df <= 30) return T95[df - 1];
  const z = 1.959963984540054;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return new Decimal((z + g1 / df + g2 / df ** 2 + g3 / df ** 3).toFixed(3));
}

/**
 * Mean ± t·s/√n of values summarised by n, Σv and Σv², clipped to [0, 1]; undefined below two
 * values. s is the sample standard deviation (n − 1).
 */
export function meanInterval(n: number, sum: Decimal, sumSquares: Decimal): { low: Decimal; high: Decimal } | undefined {
  if (n < 2) return undefined;
  const N = new Decimal(n);
  const mean = sum.dividedBy(N);
  let ss = sumSquares.minus(sum.times(sum).dividedBy(N));
  if (ss.isNegative()) ss = ZERO; // a last-digit rounding of an exact zero
  const half = t95(n - 1).times(ss.dividedBy(N.minus(1)).dividedBy(N).sqrt());
  const one = new Decimal(1);
  return { low: Decimal.max(ZERO, mean.minus(half)), high: Decimal.min(one, mean.plus(half)) };
}
