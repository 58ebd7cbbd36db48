/**
 * Sign-in sessions (sessions), keyed by the SHA-256 of their token.
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { sessions, users } from '../db/schema.ts';

export class SessionRepository {
  constructor(private readonly db: Db) {}

  /** Opens a session for a user until `expiresAt`. */
  async open(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.db.insert(sessions).values({ tokenHash, userId, expiresAt });
  }

  /** Deletes the sessions that expired before `now`. */
  async deleteExpired(now: Date): Promise<void> {
    await this.db.delete(sessions).where(lt(sessions.expiresAt, now));
  }

  /** Ends one session. */
  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  }

  /** Ends every session of a user. */
  async deleteByUser(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }

  /** The user of a session still valid at `now` whose account is active, or undefined. */
  async findActiveUserId(tokenHash: string, now: Date): Promise<string | undefined> {
    const [row] = await this.db
      .select({ userId: sessions.userId })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.active, 1)));
    return row?.userId;
  }
}
