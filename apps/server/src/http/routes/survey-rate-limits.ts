/**
 * Rate limits of the public survey form (GET the form, POST a response), layered with
 * @fastify/rate-limit's own counters (`createRateLimit`), because a route's single `rateLimit`
 * config keys on one thing only and an invented token would get a fresh bucket. The counters live
 * in the database (../rate-limit-store.ts, registered with the plugin in survey.routes.ts), so
 * every server of the installation counts together:
 *
 * - per address: every public survey request from one client address;
 * - per address, failures: requests refused because the link, desk or questionnaire does not
 *   exist (403/404) — guessing tokens is stopped long before the general limit, while many
 *   respondents behind one office NAT are not;
 * - per token and per desk: one link or one desk, whichever addresses it comes from.
 *
 * The client address is `req.ip`: behind a reverse proxy set TRUST_PROXY so it is the client's,
 * not the proxy's (docs/operations.md).
 */
import { createHash } from 'node:crypto';
import { AppError } from '@parindex/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface PublicSurveyLimits {
  /** Requests per minute per client address (GET and POST). */
  address: number;
  /** Refused requests (unknown link, desk or questionnaire) per 10 minutes per address. */
  failures: number;
  /** Requests per minute per one-time link. */
  token: number;
  /** Requests per minute per desk (a kiosk serves one person after another). */
  desk: number;
}

export const DEFAULT_PUBLIC_SURVEY_LIMITS: PublicSurveyLimits = { address: 300, failures: 20, token: 20, desk: 120 };

/** A number sets every limit to it (tests, benchmarks); an object overrides some. */
export function publicSurveyLimits(opt: number | Partial<PublicSurveyLimits> | undefined): PublicSurveyLimits {
  if (typeof opt === 'number') return { address: opt, failures: opt, token: opt, desk: opt };
  return { ...DEFAULT_PUBLIC_SURVEY_LIMITS, ...opt };
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const tooMany = (what: string, seconds: number) =>
  new AppError('RATE_LIMITED', `${what} Hãy đợi ${seconds} giây rồi thử lại; câu trả lời đã nhập vẫn được lưu trên máy và sẽ tự gửi lại.`, [], { retryAfterSeconds: seconds });

/** A token is counted under its hash only, as it is stored: no link can be read back from the counters. */
const tokenKey = (t: string) => `t:${createHash('sha256').update(t).digest('base64url')}`;

function accessOf(req: FastifyRequest): { token?: string; desk?: string } {
  const src = (req.method === 'GET' ? req.query : req.body) as { t?: string; token?: string; quay?: string; desk?: string } | undefined;
  return { token: src?.t ?? src?.token, desk: (src?.quay ?? src?.desk)?.toUpperCase() };
}

/**
 * Hooks for the public routes: `onRequest` checks the address limits (before the body is read),
 * `preHandler` the link/desk limits (they are in the query or body), `onSend` counts refusals —
 * before the answer leaves, so the client's next request already sees the count, whichever server
 * it reaches.
 */
export function publicSurveyHooks(app: FastifyInstance, limits: PublicSurveyLimits) {
  const minute = 60_000;
  const address = app.createRateLimit({ max: limits.address, timeWindow: minute, keyGenerator: (req) => `a:${req.ip}` });
  const failures = app.createRateLimit({ max: limits.failures, timeWindow: 10 * minute, keyGenerator: (req) => `f:${req.ip}` });
  const token = app.createRateLimit({ max: limits.token, timeWindow: minute, keyGenerator: (req) => tokenKey(accessOf(req).token ?? '') });
  const desk = app.createRateLimit({ max: limits.desk, timeWindow: minute, keyGenerator: (req) => `d:${accessOf(req).desk ?? ''}` });
  const check = async (limiter: Limiter, req: FastifyRequest, reply: FastifyReply, what: string, increment = true) => {
    const r = await limiter(req, { increment });
    // A peek (failures) blocks once the count is reached; a counted request once it is passed.
    if (!r.isAllowed && (increment ? r.isExceeded : r.remaining === 0)) {
      void reply.header('retry-after', r.ttlInSeconds);
      throw tooMany(what, Math.max(1, r.ttlInSeconds));
    }
  };
  return {
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      await check(failures, req, reply, 'Có quá nhiều lần mở đường dẫn khảo sát không đúng từ địa chỉ này.', false);
      await check(address, req, reply, 'Có quá nhiều yêu cầu gửi phiếu khảo sát từ địa chỉ này.');
    },
    preHandler: async (req: FastifyRequest, reply: FastifyReply) => {
      const a = accessOf(req);
      if (a.token) await check(token, req, reply, 'Đường dẫn khảo sát này được mở hoặc gửi quá nhiều lần trong một phút.');
      else if (a.desk) await check(desk, req, reply, 'Quầy khảo sát này nhận quá nhiều phiếu trong một phút.');
    },
    onSend: async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      // A closed survey (410) is a real link opened late, not a guess: it does not count as a refusal.
      if (reply.statusCode === 403 || reply.statusCode === 404) await failures(req);
      return payload;
    },
  };
}
