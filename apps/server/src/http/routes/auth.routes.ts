import { AccountDto, AccountPatch, AppError, EmptyBody, LoginRequest, NewAccountRequest, OkResponse, SafeText, SessionDto, SessionUser } from '@parindex/contracts';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthService, ROLE_LABELS } from '../../auth/auth.service.ts';
import { type AuthOptions, clearSessionCookie, csrfTokenFor, setSessionCookie, userOf } from '../auth.ts';
import type { RateLimitStores } from '../rate-limit-store.ts';

/** Sign-in requests per minute from one address, counted by every server together (the database). */
const LOGIN_PER_MINUTE = 20;

/**
 * Login, logout, the current user; account management for the administrator. The sign-in route
 * is limited per address in the database (`rateLimitStores`: ../rate-limit-store.ts), so several
 * servers behind a proxy allow an address the limit once; the counters per account and address
 * that lock an account are the service's (auth.service.ts).
 */
export const authRoutes: FastifyPluginAsync<{ auth: AuthService; authOptions: AuthOptions; rateLimitStores: RateLimitStores }> = async (app, { auth, authOptions, rateLimitStores }) => {
  await app.register(rateLimit, { global: false, store: rateLimitStores('login:') });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/auth/me', { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Người dùng hiện tại và mã chống giả mạo (CSRF)', response: { 200: SessionDto } } }, (req) => ({
    user: req.user ?? null,
    csrfToken: req.sessionToken ? csrfTokenFor(req.sessionToken) : null,
    roleLabels: ROLE_LABELS,
  }));

  r.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: LOGIN_PER_MINUTE,
          timeWindow: '1 minute',
          // The plugin has already set the retry-after header.
          errorResponseBuilder: (_req, ctx) => {
            const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
            return new AppError('RATE_LIMITED', `Quá nhiều lần đăng nhập từ địa chỉ này. Hãy đợi ${seconds} giây rồi thử lại.`, [], { retryAfterSeconds: seconds });
          },
        },
      },
      schema: { tags: ['auth'], summary: 'Đăng nhập', body: LoginRequest, response: { 200: SessionDto } },
    },
    async (req, reply) => {
      const { token, user } = await auth.login(req.body.username, req.body.password, { ip: req.ip });
      setSessionCookie(reply, token, authOptions);
      return { user, csrfToken: csrfTokenFor(token), roleLabels: ROLE_LABELS };
    },
  );

  r.post('/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'Đăng xuất', body: EmptyBody, response: { 200: OkResponse } } }, async (req, reply) => {
    if (req.sessionToken) await auth.logout(req.sessionToken);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  r.get('/users', { config: { access: ['admin', 'secretariat'] }, schema: { tags: ['accounts'], summary: 'Danh sách tài khoản', response: { 200: z.array(AccountDto) } } }, (req) => auth.listUsers(userOf(req)));

  r.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['accounts'],
        summary: 'Tạo tài khoản',
        body: NewAccountRequest,
        response: { 200: SessionUser },
      },
    },
    (req) => auth.createUser(userOf(req), req.body),
  );

  r.patch(
    '/users/:userId',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['accounts'],
        summary: 'Sửa, khóa/mở tài khoản, đặt lại mật khẩu',
        params: z.object({ userId: SafeText.min(1).max(64) }),
        body: AccountPatch,
        response: { 200: SessionUser },
      },
    },
    (req) => auth.updateUser(userOf(req), req.params.userId, req.body),
  );
};
