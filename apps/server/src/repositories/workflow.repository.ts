/**
 * The workflow's bookkeeping beside the leaf scores: where each unit stands in a stage
 * (`unit_stages`: self-assessment, explanation), who is assigned to appraise which node
 * (`appraiser_assignments`), and the account facts those checks need.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { appraiserAssignments, type Role, unitStages, users } from '../db/schema.ts';

export type UnitStageRow = typeof unitStages.$inferSelect;
export type UnitStageName = UnitStageRow['stage'];

export class WorkflowRepository {
  constructor(private readonly db: Db) {}

  // ---------- unit stages ----------

  /** Where the unit stands in the stage, or undefined when it never moved from draft. */
  async findStage(cycleId: string, unitId: string, stage: UnitStageName): Promise<UnitStageRow | undefined> {
    const [row] = await this.db.select().from(unitStages).where(and(eq(unitStages.cycleId, cycleId), eq(unitStages.unitId, unitId), eq(unitStages.stage, stage)));
    return row;
  }

  /** Sets the unit's status in the stage, with its note and who changed it now. */
  async saveStage(row: { cycleId: string; unitId: string; stage: UnitStageName; status: UnitStageRow['status']; note: string | null; changedBy: string }): Promise<void> {
    const { status, note, changedBy } = row;
    await this.db
      .insert(unitStages)
      .values({ ...row, changedAt: new Date() })
      .onConflictDoUpdate({ target: [unitStages.cycleId, unitStages.unitId, unitStages.stage], set: { status, note, changedBy, changedAt: new Date() } });
  }

  /** Every unit's stages in the cycle, in no particular order. */
  async listStages(cycleId: string): Promise<UnitStageRow[]> {
    return this.db.select().from(unitStages).where(eq(unitStages.cycleId, cycleId));
  }

  // ---------- appraiser assignments ----------

  /** Assigns the appraiser to the node (nothing when already assigned). */
  async assign(cycleId: string, userId: string, nodeCode: string): Promise<void> {
    await this.db.insert(appraiserAssignments).values({ cycleId, userId, nodeCode }).onConflictDoNothing();
  }

  /** Removes the appraiser's assignment to the node. */
  async unassign(cycleId: string, userId: string, nodeCode: string): Promise<void> {
    await this.db.delete(appraiserAssignments).where(and(eq(appraiserAssignments.cycleId, cycleId), eq(appraiserAssignments.userId, userId), eq(appraiserAssignments.nodeCode, nodeCode)));
  }

  /** The nodes the appraiser is assigned to in the cycle. */
  async listAssignedNodes(cycleId: string, userId: string): Promise<string[]> {
    return (await this.db.select().from(appraiserAssignments).where(and(eq(appraiserAssignments.cycleId, cycleId), eq(appraiserAssignments.userId, userId)))).map((a) => a.nodeCode);
  }

  /** The cycle's assignments with the appraiser's name and own unit, in no particular order. */
  async listAssignments(cycleId: string): Promise<{ userId: string; nodeCode: string; fullName: string; unitId: string | null }[]> {
    return this.db
      .select({ userId: appraiserAssignments.userId, nodeCode: appraiserAssignments.nodeCode, fullName: users.fullName, unitId: users.unitId })
      .from(appraiserAssignments)
      .innerJoin(users, eq(users.id, appraiserAssignments.userId))
      .where(eq(appraiserAssignments.cycleId, cycleId));
  }

  /** The cycle's assignments of active accounts, each with the appraiser's own unit. */
  async listActiveAssignments(cycleId: string): Promise<{ nodeCode: string; unitId: string | null }[]> {
    return this.db
      .select({ nodeCode: appraiserAssignments.nodeCode, unitId: users.unitId })
      .from(appraiserAssignments)
      .innerJoin(users, eq(users.id, appraiserAssignments.userId))
      .where(and(eq(appraiserAssignments.cycleId, cycleId), eq(users.active, 1)));
  }

  // ---------- accounts ----------

  /** One account's whole row, or undefined. */
  async findUser(id: string): Promise<typeof users.$inferSelect | undefined> {
    const [u] = await this.db.select().from(users).where(eq(users.id, id));
    return u;
  }

  /** The role of an active account, or undefined (missing or deactivated). */
  async findActiveRole(id: string): Promise<Role | undefined> {
    const [user] = await this.db.select({ role: users.role }).from(users).where(and(eq(users.id, id), eq(users.active, 1)));
    return user?.role;
  }

  /** Every account's full name by id. */
  async listUserNames(): Promise<Map<string, string>> {
    return new Map((await this.db.select({ id: users.id, fullName: users.fullName }).from(users)).map((u) => [u.id, u.fullName]));
  }
}
