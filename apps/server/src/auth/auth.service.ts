/**
 * Accounts and sessions. Passwords are argon2id; a session is a random token in an httpOnly
 * cookie, stored as its SHA-256 so a copy of the database opens no session. Wrong passwords are
 * counted per account and address, per account and per address (login_throttle); past a limit
 * that counter is locked for 15 minutes. Only the administrator manages accounts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type AccountDto, AppError, type SessionUser } from '@parindex/contracts';
import type { Db } from '../db/database.ts';
import { ROLES, type Role } from '../db/schema.ts';
import { newId, pgErrorOf, SqlState } from '../db/sql-helpers.ts';
import { LoginThrottleRepository, type ThrottleLimit, type ThrottleState } from '../repositories/login-throttle.repository.ts';
import { SessionRepository } from '../repositories/session.repository.ts';
import { UserRepository } from '../repositories/user.repository.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Wrong passwords for one account from one address before that pair is locked. */
export const MAX_FAILED_LOGINS = 5;
/** Wrong passwords for one account from all addresses together (a distributed guess) before it is locked for everyone. */
export const MAX_FAILED_LOGINS_ACCOUNT = 50;
/** Wrong passwords from one address across all accounts (password spraying) before that address is locked. */
export const MAX_FAILED_LOGINS_ADDRESS = 30;
export const LOCK_MS = 15 * 60 * 1000;

/** The counters one sign-in attempt is counted on: account from this address first (see LoginThrottleRepository). */
function throttleLimits(username: string, ip: string): ThrottleLimit[] {
  return [
    { key: `a:${username}|${ip}`, max: MAX_FAILED_LOGINS, windowMs: LOCK_MS, lockMs: LOCK_MS },
    { key: `a:${username}`, max: MAX_FAILED_LOGINS_ACCOUNT, windowMs: LOCK_MS, lockMs: LOCK_MS },
    { key: `ip:${ip}`, max: MAX_FAILED_LOGINS_ADDRESS, windowMs: LOCK_MS, lockMs: LOCK_MS },
  ];
}

function lockedError(state: ThrottleState, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((state.lockedUntil!.getTime() - now.getTime()) / 60_000));
  if (state.key.startsWith('ip:'))
    return new AppError('LOCKED', `Quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Thử lại sau ${minutes} phút hoặc liên hệ quản trị viên.`);
  return new AppError('LOCKED', `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau ${minutes} phút hoặc liên hệ quản trị viên để đặt lại mật khẩu.`);
}

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

/** The signed-in account: its shape is defined once, in packages/contracts (session.ts), for the web app too. */
export type { SessionUser };

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

/**
 * Who asks a service to act: a signed-in user, or CONSOLE — the operator at the server's own
 * console (the `parindex` command and the seed), who already holds the database itself.
 */
export const CONSOLE = Symbol('console');
export type Actor = SessionUser | typeof CONSOLE;

/** Refuses an actor whose role is not among `roles`, naming what they tried to do; the console may do anything. */
export function assertActorRole(actor: Actor, roles: readonly Role[], what: string): void {
  if (actor !== CONSOLE && !roles.includes(actor.role)) throw new AppError('FORBIDDEN', `Tài khoản của bạn không có quyền ${what}.`);
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class AuthService {
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;

  constructor(private readonly db: Db) {
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
  }

  /**
   * Checks the password; returns a new session token, or throws UNAUTHENTICATED / LOCKED with a
   * Vietnamese reason. The attempt is counted before the password is checked, in one statement
   * per counter, so concurrent guesses cannot slip past the limit. Unknown and disabled accounts
   * take the same path and time as real ones: the answers never tell which accounts exist.
   */
  async login(username: string, password: string, opts: { ip?: string; now?: Date } = {}): Promise<{ token: string; user: SessionUser }> {
    const now = opts.now ?? new Date();
    const name = username.trim().toLowerCase();
    const limits = throttleLimits(name, opts.ip ?? 'unknown');
    const throttle = new LoginThrottleRepository(this.db);
    const states = await throttle.count(limits, now);
    const maxOf = new Map(limits.map((l) => [l.key, l.max]));
    const lockedBefore = states.find((s) => s.lockedUntil && s.lockedUntil > now && s.attempts > maxOf.get(s.key)!);
    if (lockedBefore) throw lockedError(lockedBefore, now);

    const u = await this.users.findByUsername(name);
    // Spend the same time as a real check, so timing does not tell which accounts exist.
    const ok = u ? await verifyPassword(u.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
    if (!ok || !u || !u.active) {
      const justLocked = states.find((s) => s.lockedUntil && s.lockedUntil > now);
      if (justLocked) throw lockedError(justLocked, now);
      throw new AppError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    // A success is not a failure: the account's counter from this address starts again, and the
    // attempt is taken back from the account-wide and address-wide counters.
    await throttle.clear([limits[0]!.key]);
    await throttle.uncount(limits.slice(1).map((l) => l.key));
    const token = randomBytes(32).toString('base64url');
    await this.sessions.open(sha256(token), u.id, new Date(now.getTime() + SESSION_TTL_MS));
    await this.sessions.deleteExpired(now);
    await throttle.prune(now);
    return { token, user: (await this.userById(u.id))! };
  }

  async logout(token: string): Promise<void> {
    await this.sessions.deleteByTokenHash(sha256(token));
  }

  /** The user behind a session token, or undefined when the token is unknown, expired or the account disabled. */
  async resolve(token: string, now = new Date()): Promise<SessionUser | undefined> {
    const userId = await this.sessions.findActiveUserId(sha256(token), now);
    return userId ? this.userById(userId) : undefined;
  }

  async userById(id: string): Promise<SessionUser | undefined> {
    return this.users.findWithUnit(id);
  }

  async listUsers(actor: Actor): Promise<AccountDto[]> {
    assertActorRole(actor, ['admin', 'secretariat'], 'xem danh sách tài khoản');
    const rows = await this.users.listWithUnit();
    const collator = new Intl.Collator('vi');
    return rows.map((r) => ({ ...r, active: r.active === 1 })).sort((a, b) => collator.compare(a.fullName, b.fullName));
  }

  async createUser(actor: Actor, input: NewUser): Promise<SessionUser> {
    assertActorRole(actor, ['admin'], 'tạo tài khoản');
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{3,40}$/.test(username)) throw new AppError('VALIDATION', 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch; 3–40 ký tự.', [{ field: 'username', message: 'không hợp lệ' }]);
    const weak = passwordProblem(input.password, username);
    if (weak) throw new AppError('VALIDATION', weak, [{ field: 'password', message: weak }]);
    if (!ROLES.includes(input.role)) throw new AppError('VALIDATION', 'Vai trò không hợp lệ.', [{ field: 'role', message: 'không hợp lệ' }]);
    const noUnit = missingUnit(input.role, input.unitId);
    if (noUnit) throw new AppError('VALIDATION', noUnit, [{ field: 'unitId', message: 'bắt buộc' }]);
    const id = newId();
    try {
      await this.users.add({
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

  async updateUser(actor: Actor, id: string, patch: { fullName?: string; email?: string | null; role?: Role; unitId?: string | null; active?: boolean; password?: string }): Promise<SessionUser> {
    assertActorRole(actor, ['admin'], 'sửa tài khoản');
    const current = await this.userById(id);
    if (!current) throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản.');
    if (actor !== CONSOLE && actor.id === id && (patch.active === false || (patch.role !== undefined && patch.role !== current.role)))
      throw new AppError('VALIDATION', 'Không thể tự khóa hay tự đổi vai trò tài khoản của chính mình; hãy nhờ một quản trị viên khác.');
    const role = patch.role ?? current.role;
    const unitId = patch.unitId === undefined ? current.unitId : patch.unitId;
    // Disabling an account is always possible, even an older appraiser account that names no unit.
    const noUnit = patch.active === false ? null : missingUnit(role, unitId);
    if (noUnit) throw new AppError('VALIDATION', noUnit, [{ field: 'unitId', message: 'bắt buộc' }]);
    if (patch.password !== undefined) {
      const weak = passwordProblem(patch.password, current.username);
      if (weak) throw new AppError('VALIDATION', weak, [{ field: 'password', message: weak }]);
    }
    try {
      await this.users.patch(id, {
        fullName: patch.fullName?.trim(),
        email: patch.email === undefined ? undefined : patch.email?.trim() || null,
        role,
        unitId,
        active: patch.active === undefined ? undefined : patch.active ? 1 : 0,
        passwordHash: patch.password === undefined ? undefined : await hashPassword(patch.password),
      });
    } catch (err) {
      if (pgErrorOf(err)?.code === SqlState.foreignKeyViolation) throw new AppError('VALIDATION', 'Đơn vị không tồn tại.', [{ field: 'unitId', message: 'không tồn tại' }]);
      throw err;
    }
    // A disabled account or a changed password ends its sessions; a new password also lifts its lock.
    if (patch.active === false || patch.password !== undefined) await this.sessions.deleteByUser(id);
    if (patch.password !== undefined) await new LoginThrottleRepository(this.db).clearAccount(current.username);
    return (await this.userById(id))!;
  }
}
