/**
 * Authentication and authorization, decided on the matched route — never on the URL's text.
 *
 * - Every route declares `config.access`: 'public', 'authenticated', or the roles allowed. The
 *   server refuses to start while one route lacks it (checkRouteDeclarations), and a request whose
 *   matched route has none is refused (deny by default). The router decodes `/%61pi/users` to
 *   `/api/users`; because the rule travels with the route, every spelling of a path meets it.
 * - `config.unitScoped` routes carry `:unitId` and refuse a unit officer or head of another unit.
 * - The session is a random token in the httpOnly, SameSite=Strict cookie `parindex_session`.
 * - CSRF: a state-changing request made with a session must send `x-csrf-token`, a value derived
 *   from the session token (SHA-256 of "csrf:" + token) that only the page that read /api/auth/me
 *   knows; without a session (login) it must send `x-requested-with: ParIndex`, which a foreign
 *   page cannot set without a CORS preflight this server never grants.
 */
import { createHash } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { AppError } from '@parindex/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
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
    /** Static files and the page shell: no session is looked up. */
    session?: false;
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

/** A registered route and its declaration, as the start-up check and the inventory test see it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access | undefined;
  unitScoped: boolean;
}

/**
 * Records every route as it is registered and, when the app becomes ready, refuses to start if
 * one has no access declaration. Must be called before any route or plugin is registered.
 */
export function checkRouteDeclarations(app: FastifyInstance): () => RegisteredRoute[] {
  const seen: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    seen.push(route);
  });
  const list = () =>
    seen.flatMap((r) =>
      [r.method]
        .flat()
        .filter((m) => m !== 'HEAD' || r.method === 'HEAD')
        .map((method) => ({ method, url: r.url, access: r.config?.access, unitScoped: !!r.config?.unitScoped })),
    );
  app.addHook('onReady', async () => {
    const missing = list().filter((r) => r.access === undefined);
    if (missing.length) throw new Error(`Routes without an access rule (config.access): ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  });
  return list;
}

/** Declares every route registered inside `scope` (e.g. by a third-party plugin) public and without session. */
export function declarePublicScope(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { access: 'public', session: false, ...route.config };
  });
}

export async function registerAuth(app: FastifyInstance, auth: AuthService): Promise<void> {
  await app.register(fastifyCookie);

  // onRequest: the route is matched (params parsed), the body is not read yet — a caller without
  // the right account costs no body parsing and learns nothing from validation messages.
  app.addHook('onRequest', async (req) => {
    if (req.is404) return;
    const config = req.routeOptions.config;
    const access = config.access;
    if (access === undefined) throw new AppError('FORBIDDEN', 'Đường dẫn này chưa khai báo quyền truy cập nên bị từ chối.');
    const token = req.cookies[SESSION_COOKIE];
    if (token && config.session !== false) {
      const user = await auth.resolve(token);
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
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

/**
 * The path as a lenient reader would understand it: percent-decoded (repeatedly), `\` as `/`,
 * lower case, `;parameters`, control characters, empty and `.` segments dropped, `..` applied.
 * `/%61pi//Users/` and `/API;x=1/users` both give `/api/users`.
 */
export function normalisedPath(rawUrl: string): string {
  let p = rawUrl.split(/[?#]/, 1)[0] ?? '';
  for (let i = 0; i < 4; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(p);
    } catch {
      decoded = p.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    if (decoded === p) break;
    p = decoded;
  }
  const segments: string[] = [];
  for (const raw of p.replace(/\\/g, '/').toLowerCase().split('/')) {
    // eslint-disable-next-line no-control-regex
    const seg = (raw.split(';', 1)[0] ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return '/' + segments.join('/');
}

/** Whether a URL, however spelt, names something under /api — which only a matched API route may answer. */
export function isApiPath(rawUrl: string): boolean {
  const p = normalisedPath(rawUrl);
  return p === '/api' || p.startsWith('/api/');
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
