/**
 * Totals of a published results table imported as is (older years kept for comparison, where
 * no leaf scores exist). The published index, class and order are kept beside the parts so a
 * recomputation can be checked against what was published.
 */
import { AppError } from '@parindex/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { importedTotals } from '../db/schema.ts';
import { assertNoDuplicates, chunked, pgErrorOf, SqlState } from '../db/sql-helpers.ts';

export interface ImportedTotal {
  unitId: string;
  /** Exact decimal strings, as published. */
  appraised: string;
  survey: string;
  maxPoints: string;
  publishedIndex: string | null;
  publishedClass: string | null;
  publishedOrder: number | null;
}

export type ImportedTotalInput = Omit<ImportedTotal, 'publishedIndex' | 'publishedClass' | 'publishedOrder'> &
  Partial<Pick<ImportedTotal, 'publishedIndex' | 'publishedClass' | 'publishedOrder'>>;

export class ImportedTotalsRepository {
  constructor(private readonly db: Db) {}

  /** Makes `rows` the cycle's imported totals, all or nothing. */
  async replace(cycleId: string, rows: ImportedTotalInput[]): Promise<void> {
    assertNoDuplicates(rows, (r) => r.unitId, 'Tổng điểm nhập của đơn vị');
    try {
      await this.db.transaction(async (tx) => {
        await tx.delete(importedTotals).where(eq(importedTotals.cycleId, cycleId));
        for (const chunk of chunked(rows, 8)) {
          await tx.insert(importedTotals).values(
            chunk.map((r) => ({
              cycleId,
              unitId: r.unitId,
              appraised: r.appraised,
              survey: r.survey,
              maxPoints: r.maxPoints,
              publishedIndex: r.publishedIndex ?? null,
              publishedClass: r.publishedClass ?? null,
              publishedOrder: r.publishedOrder ?? null,
            })),
          );
        }
      });
    } catch (err) {
      if (pgErrorOf(err)?.code === SqlState.foreignKeyViolation) {
        throw new AppError('VALIDATION', 'Có tổng điểm của đơn vị không thuộc kỳ đánh giá. Hãy thêm đơn vị vào kỳ trước khi nhập kết quả.');
      }
      throw err;
    }
  }

  /** The cycle's imported totals, in published order where there is one. */
  async list(cycleId: string): Promise<ImportedTotal[]> {
    return this.db
      .select({
        unitId: importedTotals.unitId,
        appraised: importedTotals.appraised,
        survey: importedTotals.survey,
        maxPoints: importedTotals.maxPoints,
        publishedIndex: importedTotals.publishedIndex,
        publishedClass: importedTotals.publishedClass,
        publishedOrder: importedTotals.publishedOrder,
      })
      .from(importedTotals)
      .where(eq(importedTotals.cycleId, cycleId))
      .orderBy(sql`${importedTotals.publishedOrder} asc nulls last`, sql`${importedTotals.unitId} collate "C"`);
  }
}
