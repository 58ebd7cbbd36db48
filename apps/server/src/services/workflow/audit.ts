/** The audit log (nhật ký): appended in the same transaction as the change it records. */
import type { AuditRow } from '@parindex/contracts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/sql-helpers.ts';
import { AuditRepository } from '../../repositories/audit.repository.ts';
import type { SessionUser } from '../../auth/auth.service.ts';

export interface AuditEntry {
  action: string;
  cycleId?: string | null;
  unitId?: string | null;
  /** What changed, e.g. a leaf code or a user name. */
  subject?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function audit(db: Db, actor: Pick<SessionUser, 'id' | 'fullName'> | null, e: AuditEntry): Promise<void> {
  await new AuditRepository(db).append({
    id: newId(),
    userId: actor?.id ?? null,
    userName: actor?.fullName ?? null,
    action: e.action,
    cycleId: e.cycleId ?? null,
    unitId: e.unitId ?? null,
    subject: e.subject ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    reason: e.reason ?? null,
  });
}

// An entry as the log presents it (AuditRow) is defined once in packages/contracts (workflow.ts).
export type { AuditRow };

export async function listAudit(db: Db, filter: { cycleId: string; unitId?: string; subject?: string; limit?: number }): Promise<AuditRow[]> {
  const rows = await new AuditRepository(db).list(filter);
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), userName: r.userName, action: r.action, unitId: r.unitId, subject: r.subject, before: r.before, after: r.after, reason: r.reason }));
}
