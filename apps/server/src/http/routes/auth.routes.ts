import { AppError, SafeText } from '@parindex/contracts';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthService, ROLE_LABELS } from '../../auth/auth.service.ts';
import { ROLES } from '../../db/schema.ts';
import { type AuthOptions, clearSessionCookie, csrfTokenFor, setSessionCookie, userOf } from '../auth.ts';
import type { RateLimitStores } from '../rate-limit-store.ts';

const User = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});
const Me = z.object({ user: User.nullable(), csrfToken: z.string().nullable(), roleLabels: z.record(z.string(), z.string()) });

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

  r.get('/auth/me', { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Người dùng hiện tại và mã chống giả mạo (CSRF)', response: { 200: Me } } }, (req) => ({
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
      schema: { tags: ['auth'], summary: 'Đăng nhập', body: z.object({ username: SafeText.min(1).max(60), password: SafeText.min(1).max(200) }), response: { 200: Me } },
    },
    async (req, reply) => {
      const { token, user } = await auth.login(req.body.username, req.body.password, { ip: req.ip });
      setSessionCookie(reply, token, authOptions);
      return { user, csrfToken: csrfTokenFor(token), roleLabels: ROLE_LABELS };
    },
  );

  r.post('/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: 'Đăng xuất' } }, async (req, reply) => {
    if (req.sessionToken) await auth.logout(req.sessionToken);
    clearSessionCookie(reply);
    return { ok: true };
  });

  r.get('/users', { config: { access: ['admin', 'secretariat'] }, schema: { tags: ['accounts'], summary: 'Danh sách tài khoản' } }, (req) => auth.listUsers(userOf(req)));

  r.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['accounts'],
        summary: 'Tạo tài khoản',
        body: z.object({ username: SafeText.min(1).max(60), fullName: SafeText.min(1).max(120), email: z.string().email().nullable().optional(), password: SafeText.min(1).max(200), role: z.enum(ROLES), unitId: SafeText.nullable().optional() }),
        response: { 200: User },
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
        body: z.object({ fullName: SafeText.min(1).max(120).optional(), email: z.string().email().nullable().optional(), role: z.enum(ROLES).optional(), unitId: SafeText.nullable().optional(), active: z.boolean().optional(), password: SafeText.min(1).max(200).optional() }),
        response: { 200: User },
      },
    },
    (req) => auth.updateUser(userOf(req), req.params.userId, req.body),
  );
};
