/**
 * Authentication and authorization for every /api route.
 *
 * - The session is a random token in the httpOnly, SameSite=Strict cookie `parindex_session`.
 * - CSRF: a state-changing request made with a session must send `x-csrf-token`, a value derived
 *   from the session token (SHA-256 of "csrf:" + token) that only the page that read /api/auth/me
 *   knows; without a session (login) it must send `x-requested-with: ParIndex`, which a foreign
 *   page cannot set without a CORS preflight this server never grants.
 * - Every route declares `config.access`: 'public', 'authenticated', or the roles allowed; the
 *   server refuses to start otherwise. `config.unitScoped` routes carry `:unitId` and refuse a
 *   unit officer or head of another unit.
 */
import { createHash } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { AppError } from '@parindex/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthService, type SessionUser, SESSION_TTL_MS, UNIT_ROLES } from '../auth/auth.service.ts';
import type { Role } from '../db/schema.ts';

export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The route has a :unitId parameter; unit roles may only use their own unit. */
    unitScoped?: boolean;
    /** Public endpoints used without cookies (survey forms) skip the CSRF check. */
    csrf?: false;
  }
  interface FastifyRequest {
    user?: SessionUser;
    sessionToken?: string;
  }
}

export const SESSION_COOKIE = 'parindex_session';
export const csrfTokenFor = (sessionToken: string) => createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthOptions {
  /** Send cookies only over HTTPS (set COOKIE_SECURE=1 behind TLS). */
  secureCookies?: boolean;
}

export async function registerAuth(app: FastifyInstance, auth: AuthService, opts: AuthOptions = {}): Promise<void> {
  await app.register(fastifyCookie);

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const user = await auth.resolve(token);
    if (user) {
      req.user = user;
      req.sessionToken = token;
    }
  });

  // preValidation: refused before the body is even validated, so a wrong role learns nothing from error messages.
  app.addHook('preValidation', async (req) => {
    const config = req.routeOptions.config;
    const access = config.access;
    if (!req.url.startsWith('/api/') || access === undefined) return;
    if (MUTATING.has(req.method) && config.csrf !== false) checkCsrf(req);
    if (access === 'public') return;
    if (!req.user) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để dùng chức năng này.');
    if (access !== 'authenticated' && !access.includes(req.user.role))
      throw new AppError('FORBIDDEN', 'Tài khoản của bạn không có quyền dùng chức năng này.');
    if (config.unitScoped && UNIT_ROLES.has(req.user.role)) {
      const unitId = (req.params as { unitId?: string }).unitId;
      if (!unitId || unitId !== req.user.unitId) throw new AppError('FORBIDDEN', 'Bạn chỉ được xem và sửa dữ liệu của đơn vị mình.');
    }
  });
}

function checkCsrf(req: FastifyRequest): void {
  if (req.sessionToken) {
    if (req.headers['x-csrf-token'] !== csrfTokenFor(req.sessionToken))
      throw new AppError('FORBIDDEN', 'Yêu cầu bị từ chối (thiếu mã chống giả mạo). Hãy tải lại trang rồi thử lại.');
  } else if (req.headers['x-requested-with'] !== 'ParIndex') {
    throw new AppError('FORBIDDEN', 'Yêu cầu bị từ chối (thiếu mã chống giả mạo). Hãy tải lại trang rồi thử lại.');
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, opts: AuthOptions): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: opts.secureCookies ?? false,
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The signed-in user; routes with a non-public access rule always have one. */
export function userOf(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để dùng chức năng này.');
  return req.user;
}
