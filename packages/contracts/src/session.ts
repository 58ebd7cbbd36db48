import { z } from 'zod';

/**
 * Who is signed in, as the server presents an account (GET /api/auth/me, /api/users) and the web
 * app reads it. The roles are the database's vocabulary (apps/server/src/db/schema/common.ts: ROLES),
 * written once more here because drizzle-kit loads that file outside the packages.
 */
export const Role = z.enum(['admin', 'secretariat', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'council_chair', 'leader']);
export type Role = z.infer<typeof Role>;

/** An account with the name of its unit, as a session sees it. */
export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: Role,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** An account as the accounts page lists it (GET /api/users). */
export const AccountDto = SessionUser.extend({ active: z.boolean() });
export type AccountDto = z.infer<typeof AccountDto>;
