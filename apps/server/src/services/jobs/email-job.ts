/**
 * The e-mail outbox: a request that notifies people enqueues one `email` job per message and
 * returns; a server's worker sends it through the SMTP transport (nodemailer), retrying with
 * backoff when the mail server refuses or is down. Sent and failed messages are kept 7 days.
 */
import type { Transporter } from 'nodemailer';
import type { Db } from '../../db/database.ts';
import { enqueueJobs } from './job-queue.ts';
import type { JobHandler } from './job-worker.ts';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export const DEFAULT_MAIL_FROM = 'ParIndex <parindex@localhost>';
/** Attempts of one e-mail: with the default backoff the last is about 10 minutes after the first. */
const EMAIL_ATTEMPTS = 8;

/** Puts the messages in the outbox; returns how many. */
export function enqueueEmails(db: Db, messages: EmailMessage[]): Promise<number> {
  return enqueueJobs(db, 'email', messages.map((m) => ({ to: m.to, subject: m.subject, text: m.text })), { maxAttempts: EMAIL_ATTEMPTS });
}

/** Sends one message of the outbox. */
export function emailJobHandler(mailer: Transporter, from = DEFAULT_MAIL_FROM): JobHandler {
  return {
    failureMessage: 'Không gửi được thư điện tử sau nhiều lần thử; hãy kiểm tra cấu hình SMTP_URL và địa chỉ người nhận.',
    keepMs: 7 * 24 * 60 * 60 * 1000,
    async run({ job }) {
      const { to, subject, text } = job.payload as unknown as EmailMessage;
      const info = (await mailer.sendMail({ from, to, subject, text })) as { messageId?: string };
      return { result: { messageId: info?.messageId ?? null } };
    },
  };
}
