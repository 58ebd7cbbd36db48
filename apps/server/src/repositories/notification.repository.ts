/**
 * In-app notifications (rows of `notifications`) and who receives them: the active accounts of
 * some units or roles. E-mail is queued elsewhere (services/jobs/email-job.ts).
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { notifications, type Role, users } from '../db/schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** Someone to notify: the account and its e-mail address, if any. */
export interface Recipient {
  id: string;
  email: string | null;
}

export class NotificationRepository {
  constructor(private readonly db: Db) {}

  /** Which of these users still have this very message unread. */
  async listUnreadHolders(userIds: string[], message: string): Promise<string[]> {
    const rows = await this.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(inArray(notifications.userId, userIds), eq(notifications.message, message), isNull(notifications.readAt)));
    return rows.map((r) => r.userId);
  }

  /** Stores one notification per row, in one statement. */
  async insertMany(rows: { id: string; userId: string; message: string; link: string | null }[]): Promise<void> {
    await this.db.insert(notifications).values(rows);
  }

  /** The active focal officers and heads of these units. */
  async listUnitRecipients(unitIds: string[]): Promise<Recipient[]> {
    return this.db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.unitId, unitIds), inArray(users.role, ['unit_officer', 'unit_head']), eq(users.active, 1)));
  }

  /** Every active account of these roles. */
  async listRoleRecipients(roles: Role[]): Promise<Recipient[]> {
    return this.db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.role, roles), eq(users.active, 1)));
  }

  /** A user's last 100 notifications, newest first. */
  async listForUser(userId: string): Promise<NotificationRow[]> {
    return this.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(100);
  }

  /** Marks the user's notification read (once: a read one keeps its first time). */
  async markRead(userId: string, id: string): Promise<void> {
    await this.db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
  }
}
