/**
 * Units (đơn vị) and their lineage (which old units became which new one). Units are keyed by
 * their code for imports: importing the same list twice updates names instead of duplicating.
 */
import { AppError, type UnitKind } from '@parindex/contracts';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { unitLineage, units } from '../db/schema.ts';
import { assertNoDuplicates, chunked, newId, pgErrorOf, SqlState } from '../db/sql-helpers.ts';

export type Unit = typeof units.$inferSelect;
export type UnitLineage = typeof unitLineage.$inferSelect;

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
}

export interface LineageInput {
  predecessorId: string;
  successorId: string;
  /** Exact decimal string, e.g. "0.5": the share of the predecessor carried into the successor's baseline. */
  weight: string;
  /** ISO date "2025-07-01". */
  effectiveDate: string;
}

/** Codes are compared byte-wise so the order is the same on PGlite and PostgreSQL whatever their collation. */
const byCode = sql`${units.code} collate "C"`;

export class UnitRepository {
  constructor(private readonly db: Db) {}

  /** Inserts new codes and updates name and kind of existing ones, all or nothing; returns the units in input order. */
  async upsertByCode(rows: UnitInput[]): Promise<Unit[]> {
    if (rows.length === 0) return [];
    assertNoDuplicates(rows, (r) => r.code, 'Mã đơn vị');
    const saved = await this.db.transaction(async (tx) => {
      const out: Unit[] = [];
      for (const chunk of chunked(rows, 4)) {
        const written = await tx
          .insert(units)
          .values(chunk.map((r) => ({ id: newId(), code: r.code, name: r.name, kind: r.kind })))
          .onConflictDoUpdate({ target: units.code, set: { name: sql`excluded.name`, kind: sql`excluded.kind` } })
          .returning();
        out.push(...written);
      }
      return out;
    });
    const byCodeMap = new Map(saved.map((u) => [u.code, u]));
    return rows.map((r) => byCodeMap.get(r.code)!);
  }

  async listAll(): Promise<Unit[]> {
    return this.db.select().from(units).orderBy(byCode);
  }

  async findByCode(code: string): Promise<Unit | undefined> {
    const [unit] = await this.db.select().from(units).where(eq(units.code, code));
    return unit;
  }

  async getById(id: string): Promise<Unit> {
    const [unit] = await this.db.select().from(units).where(eq(units.id, id));
    if (!unit) throw new AppError('NOT_FOUND', `Không tìm thấy đơn vị (mã nội bộ ${id}). Hãy tải lại danh sách đơn vị.`);
    return unit;
  }

  /** Records lineage links, all or nothing; a link already recorded for the same pair gets the new weight and date. */
  async addLineage(rows: LineageInput[]): Promise<UnitLineage[]> {
    if (rows.length === 0) return [];
    assertNoDuplicates(rows, (r) => `${r.predecessorId} → ${r.successorId}`, 'Cặp đơn vị cũ → mới');
    try {
      return await this.db.transaction(async (tx) => {
        const out: UnitLineage[] = [];
        for (const chunk of chunked(rows, 5)) {
          const written = await tx
            .insert(unitLineage)
            .values(chunk.map((r) => ({ id: newId(), ...r })))
            .onConflictDoUpdate({
              target: [unitLineage.predecessorId, unitLineage.successorId],
              set: { weight: sql`excluded.weight`, effectiveDate: sql`excluded.effective_date` },
            })
            .returning();
          out.push(...written);
        }
        return out;
      });
    } catch (err) {
      const pgErr = pgErrorOf(err);
      if (pgErr?.code === SqlState.foreignKeyViolation) {
        throw new AppError('VALIDATION', 'Liên kết kế thừa trỏ tới đơn vị không tồn tại. Hãy nhập danh sách đơn vị trước.');
      }
      if (pgErr?.code === SqlState.checkViolation) {
        throw new AppError('VALIDATION', 'Liên kết kế thừa không hợp lệ: đơn vị không thể kế thừa chính nó và trọng số không được âm.');
      }
      throw err;
    }
  }

  /** Which of these unit ids exist (asked 5,000 ids per statement). */
  async findExistingIds(ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 5_000) {
      const rows = await this.db.select({ id: units.id }).from(units).where(inArray(units.id, ids.slice(i, i + 5_000)));
      for (const r of rows) found.add(r.id);
    }
    return found;
  }

  async listLineage(): Promise<UnitLineage[]> {
    return this.db
      .select()
      .from(unitLineage)
      .orderBy(asc(unitLineage.effectiveDate), sql`${unitLineage.id} collate "C"`);
  }
}
