/**
 * Accounts (users). The password hash is stored as given; hashing and checks belong to AuthService.
 */
import type { SessionUser } from '@parindex/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { units, users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

/** An account with the name of its unit, as a session sees it (packages/contracts: SessionUser). */
export type UserWithUnit = SessionUser;

const withUnit = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  email: users.email,
  role: users.role,
  unitId: users.unitId,
  unitName: units.name,
};

export class UserRepository {
  constructor(private readonly db: Db) {}

  /** The whole account row by its (lower-case) user name, hash included. */
  async findByUsername(username: string): Promise<UserRow | undefined> {
    const [u] = await this.db.select().from(users).where(eq(users.username, username));
    return u;
  }

  /** Whether the account exists and is active (not locked by an administrator). */
  async isActive(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: users.id }).from(users).where(and(eq(users.id, id), eq(users.active, 1)));
    return row !== undefined;
  }

  /** One account with its unit's name. */
  async findWithUnit(id: string): Promise<UserWithUnit | undefined> {
    const [u] = await this.db.select(withUnit).from(users).leftJoin(units, eq(units.id, users.unitId)).where(eq(users.id, id));
    return u;
  }

  /** Every account with its unit's name and its active flag (0/1), unordered. */
  async listWithUnit(): Promise<(UserWithUnit & { active: number })[]> {
    return this.db
      .select({ ...withUnit, active: users.active })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId));
  }

  /** Adds an account; unique and foreign-key violations reach the caller. */
  async add(row: typeof users.$inferInsert): Promise<void> {
    await this.db.insert(users).values(row);
  }

  /** Changes the given columns of an account (undefined ones are left as they are). */
  async patch(id: string, set: Partial<typeof users.$inferInsert>): Promise<void> {
    await this.db.update(users).set(set).where(eq(users.id, id));
  }
}
