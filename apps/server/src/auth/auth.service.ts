/**
 * Accounts and sessions. Passwords are argon2id; a session is a random token in an httpOnly
 * cookie, stored as its SHA-256 so a copy of the database opens no session. Five wrong passwords
 * lock an account for 15 minutes (the login route is also rate-limited per address).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@parindex/contracts';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { ROLES, type Role, sessions, units, users } from '../db/schema.ts';
import { newId, pgErrorOf, SqlState } from '../db/sql-helpers.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

/** Roles that act for one unit and only see that unit's data. */
export const UNIT_ROLES: ReadonlySet<Role> = new Set(['unit_officer', 'unit_head']);

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  secretariat: 'Sở Nội vụ (thường trực)',
  unit_officer: 'Công chức đầu mối của đơn vị',
  unit_head: 'Thủ trưởng đơn vị',
  appraiser: 'Thành viên thẩm định',
  council_member: 'Thành viên Hội đồng thẩm định',
  council_chair: 'Chủ tịch Hội đồng thẩm định',
  leader: 'Lãnh đạo (xem kết quả)',
};

export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  role: Role;
  unitId: string | null;
  unitName: string | null;
}

export interface NewUser {
  username: string;
  fullName: string;
  email?: string | null;
  password: string;
  role: Role;
  unitId?: string | null;
}

/**
 * Why this role needs a unit and has none, or null. Unit roles act for their unit; an appraiser
 * must name the unit they work in, or the conflict-of-interest check (never appraise your own
 * unit) would have nothing to compare with.
 */
function missingUnit(role: Role, unitId: string | null | undefined): string | null {
  if (unitId) return null;
  if (UNIT_ROLES.has(role)) return `Vai trò "${ROLE_LABELS[role]}" phải gắn với một đơn vị.`;
  if (role === 'appraiser') return `Vai trò "${ROLE_LABELS[role]}" phải ghi "Đơn vị" công tác của người thẩm định, để không bao giờ thẩm định chính đơn vị mình.`;
  return null;
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class AuthService {
  constructor(private readonly db: Db) {}

  /** Checks the password; returns a new session token, or throws UNAUTHENTICATED/LOCKED with a Vietnamese reason. */
  async login(username: string, password: string, now = new Date()): Promise<{ token: string; user: SessionUser }> {
    const [u] = await this.db.select().from(users).where(eq(users.username, username.trim().toLowerCase()));
    const wrong = new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng.');
    if (!u || !u.active) {
      // Spend the same time as a real check, so timing does not tell which accounts exist.
      await verifyPassword(await dummyHash(), password);
      throw wrong;
    }
    if (u.lockedUntil && u.lockedUntil > now) {
      const minutes = Math.ceil((u.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new AppError('LOCKED', `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau ${minutes} phút hoặc liên hệ quản trị viên.`);
    }
    if (!(await verifyPassword(u.passwordHash, password))) {
      const failed = u.failedLogins + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      await this.db
        .update(users)
        .set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCK_MS) : u.lockedUntil })
        .where(eq(users.id, u.id));
      if (lock) throw new AppError('LOCKED', `Nhập sai mật khẩu ${MAX_FAILED_LOGINS} lần: tài khoản tạm khóa 15 phút.`);
      throw wrong;
    }
    await this.db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
    const token = randomBytes(32).toString('base64url');
    await this.db.insert(sessions).values({ tokenHash: sha256(token), userId: u.id, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
    await this.db.delete(sessions).where(lt(sessions.expiresAt, now));
    return { token, user: (await this.userById(u.id))! };
  }

  async logout(token: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
  }

  /** The user behind a session token, or undefined when the token is unknown, expired or the account disabled. */
  async resolve(token: string, now = new Date()): Promise<SessionUser | undefined> {
    const [row] = await this.db
      .select({ userId: sessions.userId })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now), eq(users.active, 1)));
    return row ? this.userById(row.userId) : undefined;
  }

  async userById(id: string): Promise<SessionUser | undefined> {
    const [u] = await this.db
      .select({ id: users.id, username: users.username, fullName: users.fullName, email: users.email, role: users.role, unitId: users.unitId, unitName: units.name })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(eq(users.id, id));
    return u;
  }

  async listUsers(): Promise<(SessionUser & { active: boolean })[]> {
    const rows = await this.db
      .select({ id: users.id, username: users.username, fullName: users.fullName, email: users.email, role: users.role, unitId: users.unitId, unitName: units.name, active: users.active })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId));
    const collator = new Intl.Collator('vi');
    return rows.map((r) => ({ ...r, active: r.active === 1 })).sort((a, b) => collator.compare(a.fullName, b.fullName));
  }

  async createUser(input: NewUser): Promise<SessionUser> {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{3,40}$/.test(username)) throw new AppError('VALIDATION', 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch; 3–40 ký tự.', [{ field: 'username', message: 'không hợp lệ' }]);
    const weak = passwordProblem(input.password);
    if (weak) throw new AppError('VALIDATION', weak, [{ field: 'password', message: weak }]);
    if (!ROLES.includes(input.role)) throw new AppError('VALIDATION', 'Vai trò không hợp lệ.', [{ field: 'role', message: 'không hợp lệ' }]);
    const noUnit = missingUnit(input.role, input.unitId);
    if (noUnit) throw new AppError('VALIDATION', noUnit, [{ field: 'unitId', message: 'bắt buộc' }]);
    const id = newId();
    try {
      await this.db.insert(users).values({
        id,
        username,
        fullName: input.fullName.trim(),
        email: input.email?.trim() || null,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        unitId: input.unitId ?? null,
      });
    } catch (err) {
      const pg = pgErrorOf(err);
      if (pg?.code === SqlState.uniqueViolation) throw new AppError('CONFLICT', `Tên đăng nhập "${username}" đã có.`, [{ field: 'username', message: 'đã có' }]);
      if (pg?.code === SqlState.foreignKeyViolation) throw new AppError('VALIDATION', 'Đơn vị không tồn tại.', [{ field: 'unitId', message: 'không tồn tại' }]);
      throw err;
    }
    return (await this.userById(id))!;
  }

  async updateUser(id: string, patch: { fullName?: string; email?: string | null; role?: Role; unitId?: string | null; active?: boolean; password?: string }): Promise<SessionUser> {
    const current = await this.userById(id);
    if (!current) throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản.');
    const role = patch.role ?? current.role;
    const unitId = patch.unitId === undefined ? current.unitId : patch.unitId;
    // Disabling an account is always possible, even an older appraiser account that names no unit.
    const noUnit = patch.active === false ? null : missingUnit(role, unitId);
    if (noUnit) throw new AppError('VALIDATION', noUnit, [{ field: 'unitId', message: 'bắt buộc' }]);
    if (patch.password !== undefined) {
      const weak = passwordProblem(patch.password);
      if (weak) throw new AppError('VALIDATION', weak, [{ field: 'password', message: weak }]);
    }
    await this.db
      .update(users)
      .set({
        fullName: patch.fullName?.trim(),
        email: patch.email === undefined ? undefined : patch.email?.trim() || null,
        role,
        unitId,
        active: patch.active === undefined ? undefined : patch.active ? 1 : 0,
        passwordHash: patch.password === undefined ? undefined : await hashPassword(patch.password),
        failedLogins: patch.password === undefined ? undefined : 0,
        lockedUntil: patch.password === undefined ? undefined : null,
      })
      .where(eq(users.id, id));
    // A disabled account or a changed password ends its sessions.
    if (patch.active === false || patch.password !== undefined) await this.db.delete(sessions).where(eq(sessions.userId, id));
    return (await this.userById(id))!;
  }
}
