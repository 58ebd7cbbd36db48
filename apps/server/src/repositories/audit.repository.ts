/**
 * The audit log (nhật ký): rows of `audit_log`, only ever appended — in the same transaction as
 * the change they record — and read back for histories, overrides, corrections and checklists.
 */
import { and, desc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { auditLog } from '../db/schema.ts';

export type AuditLogRow = typeof auditLog.$inferSelect;
export type NewAuditLogRow = typeof auditLog.$inferInsert;

export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Appends one entry, or many in one statement. */
  async append(rows: NewAuditLogRow | NewAuditLogRow[]): Promise<void> {
    await this.db.insert(auditLog).values(rows as NewAuditLogRow[]);
  }

  /** A cycle's entries, optionally of one unit and one subject, newest first, at most `limit`. */
  async list(filter: { cycleId: string; unitId?: string; subject?: string; limit?: number }): Promise<AuditLogRow[]> {
    return this.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.cycleId, filter.cycleId),
          filter.unitId ? eq(auditLog.unitId, filter.unitId) : undefined,
          filter.subject ? eq(auditLog.subject, filter.subject) : undefined,
        ),
      )
      .orderBy(desc(auditLog.at))
      .limit(filter.limit ?? 500);
  }

  /** Every entry of a cycle, in no particular order. */
  async listByCycle(cycleId: string): Promise<AuditLogRow[]> {
    return this.db.select().from(auditLog).where(eq(auditLog.cycleId, cycleId));
  }

  /** A cycle's entries of one action, in no particular order. */
  async listByAction(cycleId: string, action: string): Promise<AuditLogRow[]> {
    return this.db.select().from(auditLog).where(and(eq(auditLog.cycleId, cycleId), eq(auditLog.action, action)));
  }

  /** When, why and with what outcome a cycle's entries of one action were written, in no particular order. */
  async listActionNotes(cycleId: string, action: string): Promise<Pick<AuditLogRow, 'at' | 'reason' | 'after'>[]> {
    return this.db.select({ at: auditLog.at, reason: auditLog.reason, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.cycleId, cycleId), eq(auditLog.action, action)));
  }

  /** The time of a cycle's last entry of this action on this subject (e.g. the last survey scoring run), or null. */
  async lastAt(cycleId: string, action: string, subject: string): Promise<Date | null> {
    const [run] = await this.db
      .select({ at: max(auditLog.at) })
      .from(auditLog)
      .where(and(eq(auditLog.cycleId, cycleId), eq(auditLog.action, action), eq(auditLog.subject, subject)));
    return run?.at ?? null;
  }

  /** The time of a cycle's last entry of any of these actions, or null. */
  async lastOfActionsAt(cycleId: string, actions: string[]): Promise<Date | null> {
    const [row] = await this.db
      .select({ at: max(auditLog.at) })
      .from(auditLog)
      .where(and(eq(auditLog.cycleId, cycleId), inArray(auditLog.action, actions)));
    return row?.at ?? null;
  }
}
