import { AppError } from '@parindex/contracts';
import { Decimal, dec } from '../decimal.ts';

/**
 * Sample size per unit (cỡ mẫu), Yamane's formula used by the SIPAS method: n = N / (1 + N·e²),
 * rounded up, from N transactions in the period and the margin of error e (0.05 for 5%).
 * Computed in exact decimals, so a quotient that is a whole number is never rounded up past it.
 */
export function sampleSize(transactions: number, margin: number | string | Decimal): number {
  if (!Number.isSafeInteger(transactions) || transactions < 0) {
    throw new AppError('VALIDATION', `Số giao dịch (N) phải là số nguyên không âm; nhận được ${transactions}.`, [{ field: 'N', message: 'phải là số nguyên không âm.' }]);
  }
  let e: Decimal;
  try {
    e = dec(margin);
  } catch {
    e = new Decimal(NaN);
  }
  if (!e.isFinite() || e.lessThanOrEqualTo(0) || e.greaterThanOrEqualTo(1)) {
    throw new AppError('VALIDATION', `Sai số (e) phải lớn hơn 0 và nhỏ hơn 1, ví dụ 0,05 cho 5%; nhận được ${String(margin)}.`, [{ field: 'e', message: 'phải trong khoảng (0; 1), ví dụ 0,05.' }]);
  }
  if (transactions === 0) return 0;
  const N = new Decimal(transactions);
  return N.dividedBy(N.times(e.pow(2)).plus(1)).ceil().toNumber();
}

/** The target sample of each unit from its transactions, with the same formula and margin. */
export function samplePlan(
  units: readonly { unitCode: string; transactions: number }[],
  margin: number | string | Decimal,
): { unitCode: string; transactions: number; target: number }[] {
  return units.map((u) => ({ ...u, target: sampleSize(u.transactions, margin) }));
}
