/**
 * The survey side of the leaf scores: reading back what a survey scoring stored (the writes go
 * through ScoreRepository.upsertLeafScores, like every other score).
 */
import type { LeafInputs } from '@parindex/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { leafScores } from '../db/schema.ts';

export class SurveyScoreRepository {
  constructor(private readonly db: Db) {}

  /** The cycle's stored scores of these leaves (unit, leaf, inputs, points), unordered. */
  async listLeafScores(cycleId: string, leafCodes: string[]): Promise<{ unitId: string; leafCode: string; inputs: LeafInputs; points: string | null }[]> {
    return this.db.select({ unitId: leafScores.unitId, leafCode: leafScores.leafCode, inputs: leafScores.inputs, points: leafScores.points }).from(leafScores).where(and(eq(leafScores.cycleId, cycleId), inArray(leafScores.leafCode, leafCodes)));
  }
}
