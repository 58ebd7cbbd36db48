/**
 * Kế hoạch khắc phục (remediation_actions), and the points a plan is read against: a unit's stored
 * result row and its leaf scores in one cycle.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { leafScores, remediationActions, unitResults } from '../db/schema.ts';

export type RemediationActionRow = typeof remediationActions.$inferSelect;
/** Columns of an action to change. */
export type RemediationActionPatch = Partial<typeof remediationActions.$inferInsert>;

export class RemediationRepository {
  constructor(private readonly db: Db) {}

  /** The unit's stored result row in the cycle (its components hold the leaves' points), or undefined. */
  async findUnitResult(cycleId: string, unitId: string): Promise<typeof unitResults.$inferSelect | undefined> {
    const [row] = await this.db.select().from(unitResults).where(and(eq(unitResults.cycleId, cycleId), eq(unitResults.unitId, unitId)));
    return row;
  }

  /** Every leaf score row of the unit in the cycle, all stages, in no particular order. */
  async listUnitLeafScores(cycleId: string, unitId: string): Promise<(typeof leafScores.$inferSelect)[]> {
    return this.db.select().from(leafScores).where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId)));
  }

  /** The unit's actions in the cycle, oldest first. */
  async listActions(cycleId: string, unitId: string): Promise<RemediationActionRow[]> {
    return this.db.select().from(remediationActions).where(and(eq(remediationActions.cycleId, cycleId), eq(remediationActions.unitId, unitId))).orderBy(asc(remediationActions.createdAt));
  }

  /** One action of the unit's plan in the cycle, or undefined. */
  async findAction(cycleId: string, unitId: string, actionId: string): Promise<RemediationActionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(remediationActions)
      .where(and(eq(remediationActions.id, actionId), eq(remediationActions.cycleId, cycleId), eq(remediationActions.unitId, unitId)));
    return row;
  }

  /** Adds one action and returns its row. */
  async addAction(values: typeof remediationActions.$inferInsert): Promise<RemediationActionRow> {
    const [row] = await this.db.insert(remediationActions).values(values).returning();
    return row!;
  }

  /** Adds many actions in one statement. */
  async addActions(rows: (typeof remediationActions.$inferInsert)[]): Promise<void> {
    await this.db.insert(remediationActions).values(rows);
  }

  /** Changes the given columns of an action and returns its row. */
  async patchAction(actionId: string, set: RemediationActionPatch): Promise<RemediationActionRow> {
    const [row] = await this.db.update(remediationActions).set(set).where(eq(remediationActions.id, actionId)).returning();
    return row!;
  }
}
