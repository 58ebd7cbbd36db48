/**
 * The workflow stages of one unit's leaf scores (tự chấm → đề xuất thẩm định → giải trình → Hội
 * đồng), read for the public scorecard. Only the points and the unit's answer: reasons and who
 * acted stay inside the workflow.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { leafScores } from '../db/schema.ts';

export interface LeafStages {
  leafCode: string;
  selfPoints: string | null;
  proposedPoints: string | null;
  response: 'accepted' | 'explained' | null;
  councilPoints: string | null;
}

export class LeafStagesRepository {
  constructor(private readonly db: Db) {}

  /** Every leaf of the unit in the cycle that has a stage on file, in no particular order. */
  async listForUnit(cycleId: string, unitId: string): Promise<LeafStages[]> {
    return this.db
      .select({
        leafCode: leafScores.leafCode,
        selfPoints: leafScores.selfPoints,
        proposedPoints: leafScores.proposedPoints,
        response: leafScores.response,
        councilPoints: leafScores.councilPoints,
      })
      .from(leafScores)
      .where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId)));
  }
}
