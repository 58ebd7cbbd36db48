/**
 * Cycles (kỳ đánh giá), the units taking part in each with their peer group (nhóm), and per-unit
 * exclusions (loại trừ) with their legal basis. State transitions are the service's business:
 * this repository only stores what it is told.
 */
import { AppError, type CycleStatus, type Exclusion, type UnitKind } from '@parindex/contracts';
import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { type CycleDeadlines, cycles, cycleUnits, rubricVersions, unitExclusions, units, type ImportedCycleSettings } from '../db/schema.ts';
import { assertNoDuplicates, chunked, newId, pgErrorOf, SqlState } from '../db/sql-helpers.ts';

/** A cycle with the code and number of its rubric version (null for imported cycles). */
export type Cycle = typeof cycles.$inferSelect & { rubricCode: string | null; rubricVersion: number | null };

export interface NewCycle {
  year: number;
  name: string;
  source: 'assessed' | 'imported';
  status?: CycleStatus;
  rubricVersionId?: string | null;
  settings?: ImportedCycleSettings | null;
}

export interface CycleUnitInput {
  unitId: string;
  peerGroup: string;
}

export interface CycleUnit extends CycleUnitInput {
  code: string;
  name: string;
  kind: UnitKind;
}

export interface UnitExclusion extends Exclusion {
  unitId: string;
}

const cycleColumns = { ...getTableColumns(cycles), rubricCode: rubricVersions.code, rubricVersion: rubricVersions.version };

export class CycleRepository {
  constructor(private readonly db: Db) {}

  async create(input: NewCycle): Promise<Cycle> {
    const id = newId();
    try {
      await this.db.insert(cycles).values({
        id,
        year: input.year,
        name: input.name,
        source: input.source,
        status: input.status ?? 'draft',
        rubricVersionId: input.rubricVersionId ?? null,
        settings: input.settings ?? null,
      });
    } catch (err) {
      throw translateRubricFk(err);
    }
    return this.getById(id);
  }

  async getById(id: string): Promise<Cycle> {
    const [cycle] = await this.selectCycles().where(eq(cycles.id, id));
    if (!cycle) throw cycleNotFound(id);
    return cycle;
  }

  /** Newest year first; within a year, the newest cycle first. */
  async list(): Promise<Cycle[]> {
    return this.selectCycles().orderBy(desc(cycles.year), desc(cycles.createdAt));
  }

  async setStatus(id: string, status: CycleStatus): Promise<Cycle> {
    return this.update(id, { status });
  }

  async setRubricVersion(id: string, rubricVersionId: string | null): Promise<Cycle> {
    try {
      return await this.update(id, { rubricVersionId });
    } catch (err) {
      throw translateRubricFk(err);
    }
  }

  /** Sets the stage deadlines of the cycle (no check that it exists). */
  async setDeadlines(id: string, deadlines: CycleDeadlines): Promise<void> {
    await this.db.update(cycles).set({ deadlines }).where(eq(cycles.id, id));
  }

  /** Sets the status without reading the cycle back (inside a transaction that already holds its row). */
  async markStatus(id: string, status: CycleStatus): Promise<void> {
    await this.db.update(cycles).set({ status }).where(eq(cycles.id, id));
  }

  /** The cycle's status read under a row lock (FOR UPDATE) held to the end of the transaction; undefined when missing. */
  async lockStatus(id: string): Promise<string | undefined> {
    const [row] = await this.db.select({ status: cycles.status }).from(cycles).where(eq(cycles.id, id)).for('update');
    return row?.status;
  }

  /** When results were last computed; null marks them stale. */
  async setComputedAt(id: string, computedAt: Date | null): Promise<Cycle> {
    return this.update(id, { computedAt });
  }

  /**
   * Makes `rows` the cycle's units: adds new ones, updates peer groups, removes the others.
   * A unit that already has scores, exclusions or imported totals in the cycle cannot be
   * removed (CONFLICT) and nothing changes; its computed results go with it.
   */
  async setCycleUnits(cycleId: string, rows: CycleUnitInput[]): Promise<void> {
    assertNoDuplicates(rows, (r) => r.unitId, 'Đơn vị trong kỳ đánh giá');
    await this.getById(cycleId);
    try {
      await this.db.transaction(async (tx) => {
        const keep = new Set(rows.map((r) => r.unitId));
        const current = await tx.select({ unitId: cycleUnits.unitId }).from(cycleUnits).where(eq(cycleUnits.cycleId, cycleId));
        const removed = current.map((r) => r.unitId).filter((id) => !keep.has(id));
        for (const chunk of chunked(removed, 1)) {
          await tx.delete(cycleUnits).where(and(eq(cycleUnits.cycleId, cycleId), inArray(cycleUnits.unitId, chunk)));
        }
        for (const chunk of chunked(rows, 3)) {
          await tx
            .insert(cycleUnits)
            .values(chunk.map((r) => ({ cycleId, unitId: r.unitId, peerGroup: r.peerGroup })))
            .onConflictDoUpdate({ target: [cycleUnits.cycleId, cycleUnits.unitId], set: { peerGroup: sql`excluded.peer_group` } });
        }
      });
    } catch (err) {
      const pgErr = pgErrorOf(err);
      if (pgErr?.code === SqlState.foreignKeyViolation && pgErr.constraint === 'cycle_units_unit_id_units_id_fk') {
        throw new AppError('VALIDATION', 'Có đơn vị không có trong danh mục đơn vị. Hãy nhập danh sách đơn vị trước.');
      }
      if (pgErr?.code === SqlState.foreignKeyViolation) {
        throw new AppError(
          'CONFLICT',
          'Không thể bỏ đơn vị khỏi kỳ đánh giá vì đơn vị đã có điểm, loại trừ hoặc tổng điểm nhập trong kỳ. Hãy xóa dữ liệu đó trước.',
          [],
          { detail: pgErr.detail },
        );
      }
      throw err;
    }
  }

  /** The cycle's units with their code, name and kind, by peer group then code (display order is the caller's). */
  async listCycleUnits(cycleId: string): Promise<CycleUnit[]> {
    return this.db
      .select({ unitId: cycleUnits.unitId, peerGroup: cycleUnits.peerGroup, code: units.code, name: units.name, kind: units.kind })
      .from(cycleUnits)
      .innerJoin(units, eq(units.id, cycleUnits.unitId))
      .where(eq(cycleUnits.cycleId, cycleId))
      .orderBy(sql`${cycleUnits.peerGroup} collate "C"`, sql`${units.code} collate "C"`);
  }

  /** The ids of the cycle's units, in no particular order. */
  async listUnitIds(cycleId: string): Promise<string[]> {
    return (await this.db.select({ unitId: cycleUnits.unitId }).from(cycleUnits).where(eq(cycleUnits.cycleId, cycleId))).map((r) => r.unitId);
  }

  /** Replaces every exclusion of the cycle. */
  async setExclusions(cycleId: string, rows: UnitExclusion[]): Promise<void> {
    await this.replaceExclusions(cycleId, undefined, rows);
  }

  /** Replaces one unit's exclusions in the cycle, leaving the other units' alone. */
  async setUnitExclusions(cycleId: string, unitId: string, rows: Exclusion[]): Promise<void> {
    await this.replaceExclusions(cycleId, unitId, rows.map((r) => ({ ...r, unitId })));
  }

  async listExclusions(cycleId: string, unitId?: string): Promise<UnitExclusion[]> {
    return this.db
      .select({ unitId: unitExclusions.unitId, nodeCode: unitExclusions.nodeCode, basis: unitExclusions.basis })
      .from(unitExclusions)
      .where(and(eq(unitExclusions.cycleId, cycleId), unitId ? eq(unitExclusions.unitId, unitId) : undefined))
      .orderBy(sql`${unitExclusions.unitId} collate "C"`, sql`${unitExclusions.nodeCode} collate "C"`);
  }

  private async replaceExclusions(cycleId: string, unitId: string | undefined, rows: UnitExclusion[]): Promise<void> {
    assertNoDuplicates(rows, (r) => `${r.unitId} / ${r.nodeCode}`, 'Loại trừ (đơn vị / tiêu chí)');
    try {
      await this.db.transaction(async (tx) => {
        await tx
          .delete(unitExclusions)
          .where(and(eq(unitExclusions.cycleId, cycleId), unitId ? eq(unitExclusions.unitId, unitId) : undefined));
        for (const chunk of chunked(rows, 4)) {
          await tx.insert(unitExclusions).values(chunk.map((r) => ({ cycleId, unitId: r.unitId, nodeCode: r.nodeCode, basis: r.basis })));
        }
      });
    } catch (err) {
      if (pgErrorOf(err)?.code === SqlState.foreignKeyViolation) {
        throw new AppError('VALIDATION', 'Có loại trừ cho đơn vị không thuộc kỳ đánh giá. Hãy thêm đơn vị vào kỳ trước.');
      }
      throw err;
    }
  }

  private selectCycles() {
    return this.db.select(cycleColumns).from(cycles).leftJoin(rubricVersions, eq(rubricVersions.id, cycles.rubricVersionId)).$dynamic();
  }

  private async update(id: string, set: Partial<typeof cycles.$inferInsert>): Promise<Cycle> {
    const updated = await this.db.update(cycles).set(set).where(eq(cycles.id, id)).returning({ id: cycles.id });
    if (updated.length === 0) throw cycleNotFound(id);
    return this.getById(id);
  }
}

function cycleNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `Không tìm thấy kỳ đánh giá (mã nội bộ ${id}). Hãy tải lại danh sách kỳ đánh giá.`);
}

function translateRubricFk(err: unknown): unknown {
  const pgErr = pgErrorOf(err);
  if (pgErr?.code === SqlState.foreignKeyViolation) {
    return new AppError('VALIDATION', 'Phiên bản bộ chỉ số không tồn tại. Hãy chọn lại bộ chỉ số cho kỳ đánh giá.');
  }
  return err;
}
