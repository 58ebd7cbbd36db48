/**
 * Serialized public payloads of published cycles, kept in memory. A published cycle's figures are
 * a stored publication version that never changes (a correction is a new version;
 * services/publication/publication-store.ts), so a payload keyed by cycle id + latest version +
 * status stays true for as long as that key does — whatever happens to the live rows. An imported
 * history cycle (no publication row) is keyed by cycle id + computedAt + status. A cycle taken
 * back from publication gets no key and falls through to the service's 404.
 *
 * Looking the key up is itself a query, the only one left on the hot path; a public key is
 * therefore remembered for `stampTtlMs` (1 s; the app option `publicCacheStampTtlMs`): a new
 * version or a withdrawal shows within a second. A missing key (not public) is never remembered,
 * so a publication shows at once.
 *
 * Several servers on one database each keep their own cache, and each asks the database for the
 * key once its remembered one is `stampTtlMs` old: a correction published through one server is
 * served by every other within that time (`forget` only spares the server that made it the wait;
 * public-cache-servers.int.test.ts; docs/operations.md "Nhiều máy chủ").
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** One payload, serialized and compressed once (a 150-unit table: ≈ 50 KB, ≈ 6 KB compressed). */
export interface CachedPayload {
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

async function prepare(text: string): Promise<CachedPayload> {
  const body = Buffer.from(text, 'utf8');
  const [gz, br] = await Promise.all([
    gzipped(body, { level: 9 }),
    brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ]);
  return { body, gzip: gz, br, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

export class PublicCache {
  private readonly entries = new Map<string, Promise<CachedPayload>>();
  private readonly stamps = new Map<string, { key: string; until: number }>();
  constructor(
    private readonly maxEntries = 64,
    private readonly stampTtlMs = 1000,
  ) {}

  /** The cache key of a cycle (see the module comment): remembered for a second when public, looked up otherwise. */
  async stamp(cycleId: string, lookup: (cycleId: string) => Promise<string | null>): Promise<string | null> {
    const now = Date.now();
    const hit = this.stamps.get(cycleId);
    if (hit && hit.until > now) return hit.key;
    const key = await lookup(cycleId);
    if (key === null) this.stamps.delete(cycleId);
    else {
      if (this.stamps.size >= this.maxEntries * 4) this.stamps.clear();
      this.stamps.set(cycleId, { key, until: now + this.stampTtlMs });
    }
    return key;
  }

  /** Drops the remembered key of a cycle, so that a correction just published shows on the next request, not a second later. */
  forget(cycleId: string): void {
    this.stamps.delete(cycleId);
  }

  /** The payload for `key`, built once even when many requests ask at the same time; a failed build is not kept. */
  get(key: string, build: () => Promise<string>): Promise<CachedPayload> {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so eviction drops the oldest.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = build().then(prepare);
    made.catch(() => this.entries.delete(key));
    this.entries.set(key, made);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Answers a public read from the cache: the JSON exactly as the route's response schema would
 * serialize it (parsed by `schema`, then stringified), compressed as the client accepts (br, gzip),
 * with an ETag; 304 when the client has it.
 * Without a key (the cycle is not public) nothing is cached and the service's error reaches the error handler.
 */
export async function sendCached<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  cache: PublicCache,
  key: string | null,
  build: () => Promise<T>,
  schema: ZodType<T>,
): Promise<FastifyReply> {
  // Not public (or gone): the service answers, normally with its own 404.
  if (key === null) return reply.send(await build());
  const payload = await cache.get(key, async () => JSON.stringify(schema.parse(await build())));
  reply.header('etag', payload.etag).header('cache-control', 'public, max-age=60').header('vary', 'accept-encoding');
  if (req.headers['if-none-match'] === payload.etag) return reply.code(304).send();
  const accepts = String(req.headers['accept-encoding'] ?? '');
  const [encoding, body] = /\bbr\b/.test(accepts) ? ['br', payload.br] : /\bgzip\b/.test(accepts) ? ['gzip', payload.gzip] : [null, payload.body];
  if (encoding) reply.header('content-encoding', encoding);
  return reply.type('application/json; charset=utf-8').send(body);
}
