/**
 * A store for @fastify/rate-limit that keeps its counters in the database (rate_limit_hits), so
 * that every server of one installation counts together: N servers behind a proxy allow a client
 * the limit once, not N times. Used by the public survey form (survey-rate-limits.ts) and the
 * sign-in route (auth.routes.ts).
 *
 * The plugin's store contract (node_modules/@fastify/rate-limit/store/LocalStore.js): the plugin
 * constructs the class with its options, calls `child(routeOptions)` for each route or
 * `createRateLimit` limiter, `incr(key, cb, timeWindow, max)` to count a request and
 * `read(key, cb, timeWindow, max)` to peek without counting (`{ increment: false }`); both answer
 * `{ current, ttl }` (the count in the window and the milliseconds left of it).
 *
 * Hits are counted by one statement (repositories/rate-limit.repository.ts). While one statement
 * is running, the hits that arrive meanwhile wait and are counted together by the next one (one
 * row per key, `hits + n`), and each request gets its own place in the count: a quiet server pays
 * one statement per hit, a busy one far fewer than one per hit, and a busy key (a desk, an office
 * behind one address) is not a queue of row locks. Expired counters are swept at most every
 * `sweepEveryMs` (5 minutes), not on every request.
 *
 * The options `continueExceeding` and `exponentialBackoff` are not supported (no route uses them).
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/database.ts';
import { RateLimitRepository } from '../repositories/rate-limit.repository.ts';

/** What the plugin's callback receives. */
interface StoreAnswer {
  current: number;
  ttl: number;
}
type Callback = (err: Error | null, res?: StoreAnswer) => void;

export interface DatabaseRateLimitOptions {
  /** The instant to count at; the database's clock when absent (the one every server shares). Tests pass their own. */
  clock?: () => Date;
  /** Least time between two sweeps of expired counters (default 5 minutes). */
  sweepEveryMs?: number;
}

/** A store class per name space ("survey:", "login:"): the same key in two name spaces is two counters. */
export type RateLimitStores = (nameSpace: string) => FastifyRateLimitStoreCtor;

interface Waiter {
  resolve: (a: StoreAnswer) => void;
  reject: (err: unknown) => void;
}

/** Counts hits one statement at a time, the hits that arrived meanwhile together. */
class HitCounter {
  private pending = new Map<string, { windowMs: number; waiters: Waiter[] }>();
  private running = false;
  private lastSweep: number;

  constructor(
    readonly repo: RateLimitRepository,
    private readonly opts: DatabaseRateLimitOptions,
  ) {
    this.lastSweep = this.nowMs();
  }

  private nowMs(): number {
    return this.opts.clock ? this.opts.clock().getTime() : Date.now();
  }

  hit(key: string, windowMs: number): Promise<StoreAnswer> {
    return new Promise((resolve, reject) => {
      let p = this.pending.get(key);
      if (!p) this.pending.set(key, (p = { windowMs, waiters: [] }));
      p.waiters.push({ resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.size > 0) {
        // Before counting, so that the hits counted after a sweep never see a counter it is deleting.
        await this.sweepIfDue();
        const batch = this.pending;
        this.pending = new Map();
        try {
          const counts = await this.repo.hit(
            [...batch].map(([key, p]) => ({ key, count: p.waiters.length, windowMs: p.windowMs })),
            this.opts.clock?.(),
          );
          for (const [key, p] of batch) {
            const c = counts.get(key);
            if (!c) throw new Error(`rate limit: no count returned for a key`);
            // The n hits of this batch are the last n of the count: each request gets its own place.
            const before = c.hits - p.waiters.length;
            p.waiters.forEach((w, i) => w.resolve({ current: before + i + 1, ttl: c.ttlMs }));
          }
        } catch (err) {
          for (const p of batch.values()) for (const w of p.waiters) w.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async sweepIfDue(): Promise<void> {
    const now = this.nowMs();
    if (now - this.lastSweep < (this.opts.sweepEveryMs ?? 5 * 60_000)) return;
    this.lastSweep = now;
    // A failed sweep only leaves expired rows for the next one: never a reason to refuse a request.
    await this.repo.sweep(this.opts.clock?.()).catch(() => undefined);
  }
}

/** Store classes over the database `db`; one counter (and one sweep schedule) shared by all of them. */
export function databaseRateLimitStores(db: Db, opts: DatabaseRateLimitOptions = {}): RateLimitStores {
  const counter = new HitCounter(new RateLimitRepository(db), opts);
  return (nameSpace) => {
    class DatabaseRateLimitStore {
      // The plugin passes its options; nothing in them changes how the database counts.
      constructor(_options?: unknown) {}

      incr(key: string, cb: Callback, timeWindow: number): void {
        counter.hit(nameSpace + key, timeWindow).then(
          (a) => cb(null, a),
          (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
        );
      }

      read(key: string, cb: Callback): void {
        counter.repo.peek(nameSpace + key, opts.clock?.()).then(
          (c) => cb(null, { current: c.hits, ttl: c.ttlMs }),
          (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
        );
      }

      child(routeOptions: unknown): DatabaseRateLimitStore {
        return new DatabaseRateLimitStore(routeOptions);
      }
    }
    return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
  };
}
