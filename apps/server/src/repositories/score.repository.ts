/**
 * Leaf scores: each unit's raw inputs and resulting points per rubric leaf in a cycle. A
 * province-wide cycle reaches ~530,000 rows (thousands of units × ~100 leaves), so writes are
 * multi-row INSERT … ON CONFLICT in chunks inside one transaction, and reads are unsorted.
 */
import { AppError, type LeafInputs } from '@parindex/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { leafScores } from '../db/schema.ts';
import { assertNoDuplicates, chunked, pgErrorOf, SqlState } from '../db/sql-helpers.ts';

export interface LeafScoreInput {
  unitId: string;
  leafCode: string;
  inputs: LeafInputs;
  /** Exact decimal string, or null while the leaf is not scored yet. */
  points: string | null;
}

export type LeafScore = LeafScoreInput;

export class ScoreRepository {
  constructor(private readonly db: Db) {}

  /**
   * Writes the rows, all or nothing. A row whose inputs and points are unchanged is left as is;
   * a changed one gets revision + 1, so a revision counts real changes of a score.
   */
  async upsertLeafScores(cycleId: string, rows: LeafScoreInput[]): Promise<void> {
    if (rows.length === 0) return;
    assertNoDuplicates(rows, (r) => `${r.unitId} / ${r.leafCode}`, 'Điểm (đơn vị / tiêu chí)');
    try {
      await this.db.transaction(async (tx) => {
        for (const chunk of chunked(rows, 5)) {
          await tx
            .insert(leafScores)
            .values(chunk.map((r) => ({ cycleId, unitId: r.unitId, leafCode: r.leafCode, inputs: r.inputs, points: r.points })))
            .onConflictDoUpdate({
              target: [leafScores.cycleId, leafScores.unitId, leafScores.leafCode],
              set: {
                inputs: sql`excluded.inputs`,
                points: sql`excluded.points`,
                revision: sql`${leafScores.revision} + 1`,
                updatedAt: sql`now()`,
              },
              setWhere: sql`${leafScores.inputs} is distinct from excluded.inputs or ${leafScores.points} is distinct from excluded.points`,
            });
        }
      });
    } catch (err) {
      if (pgErrorOf(err)?.code === SqlState.foreignKeyViolation) {
        throw new AppError('VALIDATION', 'Có điểm của đơn vị không thuộc kỳ đánh giá. Hãy thêm đơn vị vào kỳ trước khi nhập điểm.');
      }
      throw err;
    }
  }

  /** Every score of the cycle (or of one unit), in no particular order: callers index them by unit and leaf. */
  async listLeafScores(cycleId: string, unitId?: string): Promise<LeafScore[]> {
    return this.db
      .select({ unitId: leafScores.unitId, leafCode: leafScores.leafCode, inputs: leafScores.inputs, points: leafScores.points })
      .from(leafScores)
      .where(and(eq(leafScores.cycleId, cycleId), unitId ? eq(leafScores.unitId, unitId) : undefined));
  }

  /** Removes the scores of these leaves for every unit of the cycle (e.g. leaves dropped from the rubric). */
  async deleteLeafScores(cycleId: string, leafCodes: string[]): Promise<void> {
    if (leafCodes.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const chunk of chunked(leafCodes, 1)) {
        await tx.delete(leafScores).where(and(eq(leafScores.cycleId, cycleId), inArray(leafScores.leafCode, chunk)));
      }
    });
  }
}
