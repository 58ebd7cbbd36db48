/**
 * The workflow stages of leaf scores (tự chấm → đề xuất thẩm định → giải trình → Hội đồng): the
 * public scorecard's read of one unit's points and answers, and the workflow's own reads and
 * race-safe writes of whole rows (locks, revisions, final and corrected points, rescaling).
 */
import { and, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { leafScores } from '../db/schema.ts';
import { chunked } from '../db/sql-helpers.ts';

/** A whole leaf score row, every stage's columns included. */
export type LeafScoreRow = typeof leafScores.$inferSelect;

/** The workflow columns of a leaf score, as a publication's stages and survey notes take them. */
export interface LeafStageRow {
  unitId: string;
  leafCode: string;
  inputs: LeafScoreRow['inputs'];
  selfPoints: string | null;
  proposedPoints: string | null;
  response: 'accepted' | 'explained' | null;
  councilPoints: string | null;
}

/** Per unit of a cycle: how many leaves have each stage filled, and when a score last changed. */
export interface UnitStageCounts {
  unitId: string;
  self: number;
  proposed: number;
  responded: number;
  explained: number;
  decided: number;
  lastChange: string | null;
}

/** Namespace of the advisory locks taken before a (cycle, unit, leaf) row exists (two-key form). */
const FIRST_ROW_LOCK = 7_270_012;

const where3 = (cycleId: string, unitId: string, leafCode: string) => and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId), eq(leafScores.leafCode, leafCode));

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

  /** The row of the unit's leaf, locked (FOR UPDATE) to the end of the transaction; undefined when there is none yet. */
  async findForUpdate(cycleId: string, unitId: string, leafCode: string): Promise<LeafScoreRow | undefined> {
    const [row] = await this.db.select().from(leafScores).where(where3(cycleId, unitId, leafCode)).for('update');
    return row;
  }

  /**
   * Waits for, then holds to the end of the transaction, an advisory lock on the (cycle, unit, leaf)
   * key: two first saves of a leaf that has no row to lock yet go through one by one.
   */
  async lockFirstRow(cycleId: string, unitId: string, leafCode: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${FIRST_ROW_LOCK}::int, hashtext(${`${cycleId}|${unitId}|${leafCode}`}::text))`);
  }

  /** Changes the given columns of the unit's leaf row; returns it as written. */
  async updateRow(cycleId: string, unitId: string, leafCode: string, set: Partial<typeof leafScores.$inferInsert>): Promise<LeafScoreRow> {
    const [row] = await this.db.update(leafScores).set(set).where(where3(cycleId, unitId, leafCode)).returning();
    return row;
  }

  /** Inserts the row unless one of that (cycle, unit, leaf) exists already; returns it, or undefined when it did. */
  async insertRowIfAbsent(values: typeof leafScores.$inferInsert): Promise<LeafScoreRow | undefined> {
    const [row] = await this.db
      .insert(leafScores)
      .values(values)
      .onConflictDoNothing({ target: [leafScores.cycleId, leafScores.unitId, leafScores.leafCode] })
      .returning();
    return row;
  }

  /** Every whole row of the cycle (or of one unit), in no particular order. */
  async listRows(cycleId: string, unitId?: string): Promise<LeafScoreRow[]> {
    return this.db
      .select()
      .from(leafScores)
      .where(unitId ? and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId)) : eq(leafScores.cycleId, cycleId));
  }

  /** The workflow columns of the cycle's (or one unit's) rows, in no particular order. */
  async listStageRows(cycleId: string, unitId?: string): Promise<LeafStageRow[]> {
    return this.db
      .select({
        unitId: leafScores.unitId,
        leafCode: leafScores.leafCode,
        inputs: leafScores.inputs,
        selfPoints: leafScores.selfPoints,
        proposedPoints: leafScores.proposedPoints,
        response: leafScores.response,
        councilPoints: leafScores.councilPoints,
      })
      .from(leafScores)
      .where(and(eq(leafScores.cycleId, cycleId), unitId ? eq(leafScores.unitId, unitId) : undefined));
  }

  /** The leaves of the cycle (or of one unit) that have an appraisers' proposal. */
  async listProposed(cycleId: string, unitId?: string): Promise<{ unitId: string; leafCode: string }[]> {
    return this.db
      .select({ unitId: leafScores.unitId, leafCode: leafScores.leafCode })
      .from(leafScores)
      .where(and(eq(leafScores.cycleId, cycleId), unitId ? eq(leafScores.unitId, unitId) : undefined, isNotNull(leafScores.proposedPoints)));
  }

  /** The appraisers' proposed points of the unit's leaf, or null (also when there is no row). */
  async findProposedPoints(cycleId: string, unitId: string, leafCode: string): Promise<string | null> {
    const [row] = await this.db.select({ proposed: leafScores.proposedPoints }).from(leafScores).where(where3(cycleId, unitId, leafCode));
    return row?.proposed ?? null;
  }

  /** Per unit of the cycle: leaves self-scored, proposed, answered, explained, decided, and the last change. */
  async countStagesByUnit(cycleId: string): Promise<UnitStageCounts[]> {
    return this.db
      .select({
        unitId: leafScores.unitId,
        self: sql<number>`count(${leafScores.selfPoints})::int`,
        proposed: sql<number>`count(${leafScores.proposedPoints})::int`,
        responded: sql<number>`count(${leafScores.response})::int`,
        explained: sql<number>`count(*) filter (where ${leafScores.response} = 'explained')::int`,
        decided: sql<number>`count(${leafScores.councilPoints})::int`,
        lastChange: sql<string | null>`max(${leafScores.updatedAt})`,
      })
      .from(leafScores)
      .where(eq(leafScores.cycleId, cycleId))
      .groupBy(leafScores.unitId);
  }

  /** When any score of the cycle last changed, or null. */
  async lastChangeAt(cycleId: string): Promise<Date | null> {
    const [last] = await this.db.select({ at: max(leafScores.updatedAt) }).from(leafScores).where(eq(leafScores.cycleId, cycleId));
    return last?.at ?? null;
  }

  /** Sets the final points of many leaves in one statement (revision + 1, who changed them). */
  async setFinalPoints(cycleId: string, updatedBy: string, rows: readonly { unitId: string; leafCode: string; final: string }[]): Promise<void> {
    const p = <T>(f: (c: (typeof rows)[number]) => T) => sql.param(rows.map(f));
    await this.db.execute(sql`
          update ${leafScores} as s set points = v.final::numeric, revision = s.revision + 1, updated_at = now(), updated_by = ${updatedBy}
          from unnest(${p((c) => c.unitId)}::text[], ${p((c) => c.leafCode)}::text[], ${p((c) => c.final)}::text[]) as v(unit_id, leaf_code, final)
          where s.cycle_id = ${cycleId} and s.unit_id = v.unit_id and s.leaf_code = v.leaf_code`);
  }

  /** Writes a corrected final score: revision + 1 on the existing row (its revision given), else a new row at revision 1. */
  async setCorrectedPoints(cycleId: string, unitId: string, leafCode: string, points: string, existingRevision: number | undefined, updatedBy: string): Promise<void> {
    if (existingRevision !== undefined)
      await this.db.update(leafScores).set({ points, revision: existingRevision + 1, updatedAt: new Date(), updatedBy }).where(where3(cycleId, unitId, leafCode));
    else await this.db.insert(leafScores).values({ cycleId, unitId, leafCode, inputs: {}, points, revision: 1, updatedBy });
  }

  /** Every row of the cycle on these leaves, in no particular order. */
  async listForLeaves(cycleId: string, leafCodes: string[]): Promise<LeafScoreRow[]> {
    const out: LeafScoreRow[] = [];
    for (const chunk of chunked(leafCodes, 1)) out.push(...(await this.db.select().from(leafScores).where(and(eq(leafScores.cycleId, cycleId), inArray(leafScores.leafCode, chunk)))));
    return out;
  }

  /** Changes the given stage columns of a row, revision + 1 counted by the database. */
  async rescaleRow(cycleId: string, unitId: string, leafCode: string, set: Partial<LeafScoreRow>, updatedBy: string): Promise<void> {
    await this.db
      .update(leafScores)
      .set({ ...set, revision: sql`${leafScores.revision} + 1`, updatedAt: new Date(), updatedBy })
      .where(where3(cycleId, unitId, leafCode));
  }
}
