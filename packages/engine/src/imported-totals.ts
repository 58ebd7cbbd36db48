/**
 * Figures of a cycle imported from a published results table (no rubric, no leaf scores): a
 * unit's totals as the engine ranks them, and the full scale a reduced one is told against.
 */
import { type Decimal, ZERO, dec } from './decimal.ts';

/** A unit's row of an imported table: appraised and survey points, its maximum. */
export interface ImportedTotalsRow {
  appraised: string;
  survey: string;
  maxPoints: string;
}

/** The unit's totals for ranking: total = appraised + survey (an imported table carries no bonus or deduction). */
export function importedTotals(row: ImportedTotalsRow): { appraised: Decimal; survey: Decimal; total: Decimal; max: Decimal } {
  const appraised = dec(row.appraised), survey = dec(row.survey);
  return { appraised, survey, total: appraised.plus(survey), max: dec(row.maxPoints) };
}

/** The largest of the units' maxima (0 for none): an imported table's full scale. */
export function largestMax(maxima: Iterable<string | Decimal>): Decimal {
  let largest = ZERO;
  for (const m of maxima) if (dec(m).greaterThan(largest)) largest = dec(m);
  return largest;
}
