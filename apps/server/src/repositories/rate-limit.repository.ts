/**
 * Rate-limit counters of the public routes (rate_limit_hits), shared by every server on the
 * database. Counting is one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING), so hits
 * arriving at the same instant on one server or several each see the count the others left; a
 * window that has ended starts again. Written for PostgreSQL 15 and PGlite (PostgreSQL 18) alike.
 *
 * Times are the database's clock (`now()`), the one clock every server shares; a test may pass
 * its own instant instead.
 */
import { type SQL, sql } from 'drizzle-orm';
import { executeRows, type Db } from '../db/database.ts';

/** Hits to count on one key within a window of `windowMs`. */
export interface RateLimitHit {
  key: string;
  count: number;
  windowMs: number;
}

/** A key's count in its current window, and the milliseconds until that window ends. */
export interface RateLimitCount {
  key: string;
  hits: number;
  ttlMs: number;
}

/** The largest value of the `hits` column (integer): a flood stops counting there, still refused. */
const MAX_HITS = 2_147_483_647;

const instant = (now: Date | undefined): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);
/** Milliseconds from `at` to `reset_at`, never negative. */
const ttlOf = (at: SQL): SQL => sql`greatest(0, ceil(extract(epoch from (reset_at - ${at})) * 1000))::bigint`;

export class RateLimitRepository {
  constructor(private readonly db: Db) {}

  /**
   * Counts hits on several keys in one statement and returns each key's count after it. A key
   * whose window has ended (or that has none) starts a new window at this instant with this
   * count. Keys must be distinct; they are written in sorted order, so two servers counting the
   * same keys at once lock them in the same order (no deadlock).
   */
  async hit(hits: readonly RateLimitHit[], now?: Date): Promise<Map<string, RateLimitCount>> {
    const out = new Map<string, RateLimitCount>();
    if (hits.length === 0) return out;
    const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const at = instant(now);
    const ended = sql`r.reset_at <= ${at}`;
    const rows = await executeRows<{ key: string; hits: number; ttl_ms: number | string }>(
      this.db,
      sql`insert into rate_limit_hits as r (key, hits, window_start, reset_at)
          select t.key, least(t.n, ${MAX_HITS}), ${at}, ${at} + t.ms * interval '1 millisecond'
          from unnest(${sql.param(sorted.map((h) => h.key))}::text[], ${sql.param(sorted.map((h) => h.count))}::bigint[], ${sql.param(sorted.map((h) => h.windowMs))}::double precision[]) as t(key, n, ms)
          on conflict (key) do update set
            hits = case when ${ended} then excluded.hits else least(r.hits::bigint + excluded.hits, ${MAX_HITS}) end,
            window_start = case when ${ended} then excluded.window_start else r.window_start end,
            reset_at = case when ${ended} then excluded.reset_at else r.reset_at end
          returning key, hits, ${ttlOf(at)} as ttl_ms`,
    );
    for (const r of rows) out.set(r.key, { key: r.key, hits: Number(r.hits), ttlMs: Number(r.ttl_ms) });
    return out;
  }

  /** A key's count without counting (0 and no time left when its window has ended or it has none). */
  async peek(key: string, now?: Date): Promise<RateLimitCount> {
    const at = instant(now);
    const [r] = await executeRows<{ hits: number; ttl_ms: number | string }>(
      this.db,
      sql`select hits, ${ttlOf(at)} as ttl_ms from rate_limit_hits where key = ${key} and reset_at > ${at}`,
    );
    return r ? { key, hits: Number(r.hits), ttlMs: Number(r.ttl_ms) } : { key, hits: 0, ttlMs: 0 };
  }

  /** Deletes the counters whose window has ended (a later hit starts a new one anyway); returns how many. */
  async sweep(now?: Date): Promise<number> {
    const rows = await executeRows<{ n: number | string }>(
      this.db,
      sql`with gone as (delete from rate_limit_hits where reset_at <= ${instant(now)} returning 1) select count(*) as n from gone`,
    );
    return Number(rows[0]?.n ?? 0);
  }
}
