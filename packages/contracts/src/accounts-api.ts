import { z } from 'zod';
import { Role, SessionUser } from './session.ts';
import { SafeText } from './text.ts';

/**
 * Sign-in and account management requests and answers (apps/server/src/http/routes/auth.routes.ts).
 * The web forms (login-page.tsx, users-page.tsx) check their fields with the same schemas.
 */

/** The current session (GET /api/auth/me, POST /api/auth/login): who is signed in and the CSRF token. */
export const SessionDto = z.object({ user: SessionUser.nullable(), csrfToken: z.string().nullable(), roleLabels: z.record(z.string(), z.string()) });
export type SessionDto = z.infer<typeof SessionDto>;

/** POST /api/auth/login. */
export const LoginRequest = z.object({ username: SafeText.min(1).max(60), password: SafeText.min(1).max(200) });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** POST /api/users: a new account. */
export const NewAccountRequest = z.object({
  username: SafeText.min(1).max(60),
  fullName: SafeText.min(1).max(120),
  email: z.email().nullable().optional(),
  password: SafeText.min(1).max(200),
  role: Role,
  unitId: SafeText.nullable().optional(),
});
export type NewAccountRequest = z.infer<typeof NewAccountRequest>;

/** PATCH /api/users/:userId: edit, lock/unlock, reset the password. */
export const AccountPatch = z.object({
  fullName: SafeText.min(1).max(120).optional(),
  email: z.email().nullable().optional(),
  role: Role.optional(),
  unitId: SafeText.nullable().optional(),
  active: z.boolean().optional(),
  password: SafeText.min(1).max(200).optional(),
});
export type AccountPatch = z.infer<typeof AccountPatch>;

/** GET /api/health. */
export const HealthDto = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });
export type HealthDto = z.infer<typeof HealthDto>;
