/**
 * Counters of sign-in attempts (login_throttle). Every change is one SQL statement, so requests
 * arriving at the same instant — on one server or several — each see the count the others left.
 */
import { type SQL, sql } from 'drizzle-orm';
import { executeRows, type Db } from '../db/database.ts';

export interface ThrottleLimit {
  key: string;
  /** Attempts allowed within the window; the attempt that reaches it locks the key. */
  max: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottleState {
  key: string;
  attempts: number;
  lockedUntil: Date | null;
}

const at = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

export class LoginThrottleRepository {
  constructor(private readonly db: Db) {}

  /**
   * Counts one attempt on each key (a window older than its length starts again at 1) and locks
   * a key whose count reaches its maximum. Returns each key's state after the count.
   */
  async count(limits: readonly ThrottleLimit[], now: Date): Promise<ThrottleState[]> {
    const out: ThrottleState[] = [];
    for (const l of limits) {
      const t0 = at(now);
      const windowFrom = at(new Date(now.getTime() - l.windowMs));
      const lockTo = at(new Date(now.getTime() + l.lockMs));
      const rows = await executeRows<{ key: string; attempts: number; locked_until: Date | string | null }>(
        this.db,
        sql`insert into login_throttle as t (key, attempts, window_start, locked_until)
            values (${l.key}, 1, ${t0}, ${l.max <= 1 ? lockTo : sql`null`})
            on conflict (key) do update set
              attempts = case when t.window_start < ${windowFrom} then 1 else t.attempts + 1 end,
              window_start = case when t.window_start < ${windowFrom} then ${t0} else t.window_start end,
              locked_until = case
                when t.locked_until is not null and t.locked_until > ${t0} then t.locked_until
                when (case when t.window_start < ${windowFrom} then 1 else t.attempts + 1 end) >= ${l.max} then ${lockTo}
                else null end
            returning key, attempts, locked_until`,
      );
      const r = rows[0]!;
      out.push({ key: r.key, attempts: Number(r.attempts), lockedUntil: r.locked_until ? new Date(r.locked_until) : null });
    }
    return out;
  }

  /** Takes back one counted attempt (a sign-in that succeeded is not a failure). */
  async uncount(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.db.execute(sql`update login_throttle set attempts = greatest(attempts - 1, 0) where key = ${key} and locked_until is null`);
  }

  async clear(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.db.execute(sql`delete from login_throttle where key = ${key}`);
  }

  /** Forgets every counter of an account, from every address (the administrator reset its password). */
  async clearAccount(username: string): Promise<void> {
    const exact = `a:${username}`;
    await this.db.execute(sql`delete from login_throttle where key = ${exact} or left(key, ${exact.length + 1}) = ${exact + '|'}`);
  }

  /** Drops counters whose window and lock both ended a day ago. */
  async prune(now: Date): Promise<void> {
    const dayAgo = at(new Date(now.getTime() - 24 * 60 * 60 * 1000));
    await this.db.execute(sql`delete from login_throttle where window_start < ${dayAgo} and (locked_until is null or locked_until < ${dayAgo})`);
  }
}
