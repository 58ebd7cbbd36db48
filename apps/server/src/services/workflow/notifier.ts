/**
 * Notifications: stored for the in-app list and, when e-mail is on (SMTP_URL), also put in the
 * e-mail outbox (services/jobs/email-job.ts) — one job per message, in the caller's flow; a
 * server's worker sends them, retrying when the mail server fails. No e-mail is sent inside a
 * request, and a failed e-mail never loses the in-app notification.
 */
import type { NotificationDto, NotificationsSent, OkResponse } from '@parindex/contracts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { newId } from '../../db/sql-helpers.ts';
import { CycleRepository } from '../../repositories/cycle.repository.ts';
import { NotificationRepository } from '../../repositories/notification.repository.ts';
import { enqueueEmails } from '../jobs/email-job.ts';

export interface NotifierOptions {
  /** Also e-mail the notified people who have an address (the server has a mail transport). */
  email?: boolean;
  log?: { warn: (obj: unknown, msg: string) => void };
}

/** The subject of every notification e-mail. */
export const NOTIFICATION_SUBJECT = 'ParIndex – Chỉ số CCHC';

export interface SendOptions {
  /**
   * Skip people who still have this very message unread: an appraiser saving proposals leaf by
   * leaf then tells a unit once, not once per leaf.
   */
  unlessUnread?: boolean;
}

/** In-app notifications stored, e-mails put in the outbox. */
type Sent = NotificationsSent;
const NONE: Sent = { inApp: 0, emails: 0 };

export class Notifier {
  private readonly repo: NotificationRepository;
  constructor(
    private readonly db: Db,
    private readonly opts: NotifierOptions = {},
  ) {
    this.repo = new NotificationRepository(db);
  }

  async toUsers(rows: { id: string; email: string | null }[], message: string, link?: string, send: SendOptions = {}): Promise<Sent> {
    if (send.unlessUnread && rows.length) {
      const skip = new Set(await this.repo.listUnreadHolders(rows.map((r) => r.id), message));
      rows = rows.filter((r) => !skip.has(r.id));
    }
    if (rows.length === 0) return NONE;
    await this.repo.insertMany(rows.map((u) => ({ id: newId(), userId: u.id, message, link: link ?? null })));
    const emails = this.opts.email ? await enqueueEmails(this.db, rows.filter((r) => r.email).map((u) => ({ to: u.email!, subject: NOTIFICATION_SUBJECT, text: message }))) : 0;
    return { inApp: rows.length, emails };
  }

  /** The units' focal officers and heads. */
  async toUnits(unitIds: string[], message: string, link?: string, send: SendOptions = {}): Promise<Sent> {
    if (unitIds.length === 0) return NONE;
    const rows = await this.repo.listUnitRecipients(unitIds);
    return this.toUsers(rows, message, link, send);
  }

  /** Every active account of these roles (e.g. the secretariat when a unit submits). */
  async toRoles(roles: Role[], message: string, link?: string, send: SendOptions = {}): Promise<Sent> {
    const rows = await this.repo.listRoleRecipients(roles);
    return this.toUsers(rows, message, link, send);
  }

  /**
   * Runs a notification after the change it reports has been saved: a failure is logged and never
   * turns the saved change into an error for the user.
   */
  async quietly(send: () => Promise<Sent>): Promise<Sent> {
    try {
      return await send();
    } catch (err) {
      this.opts.log?.warn({ err }, 'không lưu được thông báo');
      return NONE;
    }
  }

  async toCycleUsers(cycleId: string, message: string) {
    const unitIds = await new CycleRepository(this.db).listUnitIds(cycleId);
    return this.toUnits(unitIds, message, `/work/cycles/${cycleId}`);
  }

  async list(userId: string): Promise<NotificationDto[]> {
    const rows = await this.repo.listForUser(userId);
    return rows.map((n) => ({ id: n.id, message: n.message, link: n.link, createdAt: n.createdAt.toISOString(), read: n.readAt !== null }));
  }

  async markRead(userId: string, id: string): Promise<OkResponse> {
    await this.repo.markRead(userId, id);
    return { ok: true };
  }
}
