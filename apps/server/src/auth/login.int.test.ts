/**
 * Signing in under attack: guesses at the same instant, unknown accounts, several addresses;
 * the password policy and one salt per account.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/seed-workflow.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { buildApp } from '../http/app.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login } from '../testing/sessions.ts';
import { AuthService, CONSOLE } from './auth.service.ts';
import { passwordProblem } from './passwords.ts';

describe('password policy', () => {
  it('wants 12 characters and nothing from the lists of common or leaked passwords', () => {
    expect(passwordProblem('aaaaaaaaa1')).toMatch(/ít nhất 12 ký tự/);
    expect(passwordProblem('SonHa@2026')).toMatch(/ít nhất 12 ký tự/);
    for (const common of ['qwerty123456', '1q2w3e4r5t6y', 'leavemealone', 'MatKhau@2026!', 'Password1234', 'aaaaaaaaaaaa1', '111111111111'])
      expect(passwordProblem(common), common).toMatch(/phổ biến|dễ đoán/);
    expect(passwordProblem('tuphap.moi-2026', 'tuphap.moi')).toMatch(/tên đăng nhập/);
    expect(passwordProblem('Sông Đà chảy về xuôi')).toBeUndefined();
    expect(passwordProblem(DEMO_PASSWORD)).toBeUndefined();
  });
});

describeEachDatabase(
  'signing in',
  (getDb, kind) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
    }, 120_000);
    afterAll(() => app?.close());

    const attempt = (username: string, password: string, ip = '203.0.113.10') =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, headers: { 'x-requested-with': 'ParIndex' }, payload: { username, password } });

    it('locks the account when twelve wrong passwords arrive at once, and then refuses the right one', async () => {
      const all = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('tuphap.giamdoc', `sai-mat-khau-${i}-xyz`)));
      const codes = all.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(4);
      expect(codes.filter((c) => c === 423).length).toBeGreaterThanOrEqual(8);
      expect(codes.every((c) => c === 401 || c === 423)).toBe(true);
      const right = await attempt('tuphap.giamdoc', DEMO_PASSWORD);
      expect(right.statusCode).toBe(423);
      expect(right.json().error.message).toMatch(/tạm khóa.*Thử lại sau 1[45] phút/);
      expect(right.cookies.find((c) => c.name === 'parindex_session')).toBeUndefined();
    });

    it('does not let five guesses from one address lock the owner out elsewhere', async () => {
      for (let i = 0; i < 6; i++) await attempt('thamdinh2', `sai-mat-khau-${i}-abc`, '198.51.100.7');
      expect((await attempt('thamdinh2', DEMO_PASSWORD, '198.51.100.7')).statusCode).toBe(423);
      const owner = await attempt('thamdinh2', DEMO_PASSWORD, '192.0.2.44');
      expect(owner.statusCode).toBe(200);
    });

    it('answers an unknown account exactly as an existing one, locks included', async () => {
      const known: number[] = [];
      const unknown: string[] = [];
      for (let i = 0; i < 6; i++) {
        known.push((await attempt('hoidong.thanhvien', 'khong-phai-mat-khau', '198.51.100.20')).statusCode);
        const res = await attempt('khong.ton.tai', 'khong-phai-mat-khau', '198.51.100.21');
        unknown.push(`${res.statusCode} ${res.json().error.message}`);
      }
      expect(known).toEqual([401, 401, 401, 401, 423, 423]);
      const knownMessages = unknown.map((u) => u.slice(0, 3));
      expect(knownMessages).toEqual(['401', '401', '401', '401', '423', '423']);
      expect(unknown[0]).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
      expect(unknown[5]).toContain('Tài khoản tạm khóa');
    });

    it('locks an address that sprays one password over many accounts', async () => {
      // Through the service: the route's own limit of 20 requests a minute per address would stop it first.
      const auth = new AuthService(getDb());
      const statuses: string[] = [];
      for (let i = 0; i < 32; i++)
        statuses.push(await auth.login(`nguoi.dung.${i}`, 'Hanoi-2026-mua-thu', { ip: '198.51.100.99' }).then(() => 'ok', (e: { code: string }) => e.code));
      expect(statuses.slice(0, 29).every((s) => s === 'UNAUTHENTICATED')).toBe(true);
      expect(statuses.slice(29)).toEqual(['LOCKED', 'LOCKED', 'LOCKED']);
      await expect(auth.login('lanhdao', DEMO_PASSWORD, { ip: '198.51.100.99' })).rejects.toThrow(/địa chỉ mạng/);
      expect((await auth.login('lanhdao', DEMO_PASSWORD, { ip: '198.51.100.100' })).user.username).toBe('lanhdao');
    });

    it('lifts the lock when the administrator sets a new password', async () => {
      for (let i = 0; i < 5; i++) await attempt('sonoivu2', `sai-mat-khau-${i}-def`);
      expect((await attempt('sonoivu2', DEMO_PASSWORD)).statusCode).toBe(423);
      const auth = new AuthService(getDb());
      const [u] = (await auth.listUsers(CONSOLE)).filter((x) => x.username === 'sonoivu2');
      const admin = await login(app, 'quantri');
      const reset = await app.inject({ method: 'PATCH', url: `/api/users/${u!.id}`, headers: admin.headers, payload: { password: 'Mua-xuan-Son-Ha-2027' } });
      expect(reset.statusCode).toBe(200);
      expect((await attempt('sonoivu2', 'Mua-xuan-Son-Ha-2027')).statusCode).toBe(200);
    });

    it('salts every account on its own', async () => {
      const hashes = (await getDb().select({ h: users.passwordHash }).from(users)).map((r) => r.h);
      expect(hashes.length).toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length);
      expect(new Set(hashes).size).toBe(hashes.length);
    });

    it('lets only an administrator create or change accounts, whoever calls the service', async () => {
      const auth = new AuthService(getDb());
      const secretariat = (await auth.listUsers(CONSOLE)).find((x) => x.username === 'sonoivu')!;
      await expect(auth.createUser(secretariat, { username: 'moi.quantri', fullName: 'X', password: 'Mot-cum-tu-rat-dai', role: 'admin' })).rejects.toThrow(/không có quyền/);
      await expect(auth.updateUser(secretariat, secretariat.id, { role: 'admin' })).rejects.toThrow(/không có quyền/);
      const admin = (await auth.listUsers(CONSOLE)).find((x) => x.username === 'quantri')!;
      await expect(auth.updateUser(admin, admin.id, { active: false })).rejects.toThrow(/chính mình/);
      await expect(auth.createUser(admin, { username: 'moi.quantri', fullName: 'X', password: 'aaaaaaaaa1', role: 'admin' })).rejects.toThrow(/12 ký tự/);
    });
  },
  { truncateEach: false },
);
