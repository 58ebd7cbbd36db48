/**
 * Notifications: stored for the in-app list and, when SMTP_URL is set, also e-mailed
 * (nodemailer). A failed e-mail is logged, never lost from the app.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/database.ts';
import { cycleUnits, notifications, users } from '../../db/schema.ts';
import { newId } from '../../db/sql-helpers.ts';

export interface NotifierOptions {
  smtpUrl?: string;
  from?: string;
  log?: { warn: (obj: unknown, msg: string) => void };
}

export class Notifier {
  private readonly mailer?: Transporter;
  constructor(
    private readonly db: Db,
    private readonly opts: NotifierOptions = {},
  ) {
    if (opts.smtpUrl) this.mailer = nodemailer.createTransport(opts.smtpUrl);
  }

  async toUsers(rows: { id: string; email: string | null }[], message: string, link?: string): Promise<{ inApp: number; emails: number }> {
    if (rows.length === 0) return { inApp: 0, emails: 0 };
    await this.db.insert(notifications).values(rows.map((u) => ({ id: newId(), userId: u.id, message, link: link ?? null })));
    let emails = 0;
    if (this.mailer) {
      for (const u of rows.filter((r) => r.email)) {
        try {
          await this.mailer.sendMail({ from: this.opts.from ?? 'ParIndex <parindex@localhost>', to: u.email!, subject: 'ParIndex – Chỉ số CCHC', text: message });
          emails++;
        } catch (err) {
          this.opts.log?.warn({ err }, 'gửi thư nhắc việc không thành công');
        }
      }
    }
    return { inApp: rows.length, emails };
  }

  async toUnits(unitIds: string[], message: string, link?: string) {
    if (unitIds.length === 0) return { inApp: 0, emails: 0 };
    const rows = await this.db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.unitId, unitIds), inArray(users.role, ['unit_officer', 'unit_head']), eq(users.active, 1)));
    return this.toUsers(rows, message, link);
  }

  async toCycleUsers(cycleId: string, message: string) {
    const unitIds = (await this.db.select({ unitId: cycleUnits.unitId }).from(cycleUnits).where(eq(cycleUnits.cycleId, cycleId))).map((r) => r.unitId);
    return this.toUnits(unitIds, message, `/work/cycles/${cycleId}`);
  }

  async list(userId: string) {
    const rows = await this.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(100);
    return rows.map((n) => ({ id: n.id, message: n.message, link: n.link, createdAt: n.createdAt.toISOString(), read: n.readAt !== null }));
  }

  async markRead(userId: string, id: string) {
    await this.db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
  }
}
