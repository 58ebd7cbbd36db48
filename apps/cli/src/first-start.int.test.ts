/**
 * A real installation's first start and the demo from the console, as an operator would do it:
 * the server started without the demo has no data and no account; `parindex users create-admin`
 * (password on standard input) makes the first administrator, who signs in; `parindex demo
 * seed|remove` on the embedded database; two servers starting at once on one empty PostgreSQL
 * database are both healthy and seed the demo once.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@parindex/server/config.ts';
import { firstAdminHint, openServer, type OpenedServer } from '@parindex/server/main.ts';
import { heldData } from '@parindex/server/seed/seed-demo.ts';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'parindex-first-'));
const SERVER_URL = process.env.TEST_DATABASE_URL;
const created: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const name of created) await admin(`drop database if exists ${name} with (force)`);
}, 60_000);

/** A good password (policy of auth/passwords.ts) and the quiet settings of a test server. */
const PASSWORD = 'một cụm từ rất dài cho quản trị 2026';
const QUIET = { LOG_LEVEL: 'silent', SURVEY_SECRET: 'k'.repeat(48), DATABASE_URL: '', DATA_DIR: '', PARINDEX_DEMO: '' };

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the test server; dropped after the file. */
async function emptyPostgres(): Promise<string> {
  const name = `parindex_t_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  created.push(name);
  const url = new URL(SERVER_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `npx parindex …` with this environment and standard input. */
function parindex(env: Record<string, string>, args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/parindex'), args, { cwd: ROOT, env: { ...process.env, ...QUIET, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const signIn = (s: OpenedServer, username: string, password: string) =>
  s.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'ParIndex' }, payload: { username, password } });

it('PARINDEX_DEMO: 1 by default with the embedded database, 0 with DATABASE_URL unless asked for; anything else is refused', () => {
  expect(loadConfig({ DATA_DIR: dir }).demo).toBe(true);
  expect(loadConfig({ DATA_DIR: dir, PARINDEX_DEMO: '0' }).demo).toBe(false);
  expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
  expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', PARINDEX_DEMO: '1' }).demo).toBe(true);
  expect(() => loadConfig({ PARINDEX_DEMO: 'yes' })).toThrow(/PARINDEX_DEMO: phải là 0/);
});

const backends = [
  { kind: 'pglite' as const, env: async (): Promise<Record<string, string>> => ({ DATA_DIR: mkdtempSync(join(dir, 'data-')), PARINDEX_DEMO: '0' }) },
  ...(SERVER_URL ? [{ kind: 'postgres' as const, env: async (): Promise<Record<string, string>> => ({ DATABASE_URL: await emptyPostgres() }) }] : []),
];

for (const backend of backends) {
  describe(`a real installation's first start [${backend.kind}]`, () => {
    it('no demo and no account; create-admin refuses a weak password and a taken name, and makes an administrator who signs in', async () => {
      const env = await backend.env();
      const config = loadConfig({ ...QUIET, ...env });
      expect(config.demo).toBe(false);
      let server = await openServer(config);
      try {
        expect(server.seeded).toBeNull();
        expect(server.accounts).toBe(0);
        expect(await heldData(server.database.db)).toEqual({ cycles: 0, units: 0, users: 0, rubricVersions: 0, externalIndexResults: 0, announcements: 0 });
        expect((await server.app.inject({ url: '/api/health' })).statusCode).toBe(200);
        expect((await server.app.inject({ url: '/api/cycles' })).json()).toEqual([]);
        expect(firstAdminHint(server.database.kind)).toContain('npx parindex users create-admin admin');
        // The embedded database is one process's: the operator stops the server to use the console.
        if (backend.kind === 'pglite') await server.close();

        const short = await parindex(env, ['users', 'create-admin', 'admin'], 'ngan-qua\n');
        expect([short.code, short.stderr]).toEqual([1, expect.stringContaining('Mật khẩu phải có ít nhất 12 ký tự')]);
        const common = await parindex(env, ['users', 'create-admin', 'admin'], 'password1234\n');
        expect([common.code, common.stderr]).toEqual([1, expect.stringContaining('quá phổ biến hoặc dễ đoán')]);
        const made = await parindex(env, ['users', 'create-admin', 'admin', '--full-name', 'Trần Thị Quản Trị'], `${PASSWORD}\n`);
        expect([made.code, made.stdout], made.stderr).toEqual([0, expect.stringContaining('Đã tạo tài khoản quản trị "admin" (Trần Thị Quản Trị)')]);
        const again = await parindex(env, ['users', 'create-admin', 'admin'], `${PASSWORD} khác\n`);
        expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('Tên đăng nhập "admin" đã có')]);

        if (backend.kind === 'pglite') server = await openServer(config);
        const ok = await signIn(server, 'admin', PASSWORD);
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json().user).toMatchObject({ username: 'admin', fullName: 'Trần Thị Quản Trị', role: 'admin' });
        expect((await signIn(server, 'admin', `${PASSWORD} khác`)).statusCode).toBe(401);
        expect(server.seeded).toBeNull();
      } finally {
        await server.close();
      }
    }, 180_000);
  });
}

describe('the demo from the console [pglite]', () => {
  it('demo seed into an empty folder, refused into one with data; demo remove leaves it empty', async () => {
    const env = { DATA_DIR: mkdtempSync(join(dir, 'demo-')) };
    const seeded = await parindex(env, ['demo', 'seed']);
    expect([seeded.code, seeded.stdout], seeded.stderr).toEqual([0, expect.stringContaining('Đã nạp dữ liệu minh họa: Tỉnh Sơn Hà (dữ liệu minh họa) — 3 kỳ đánh giá')]);
    const twice = await parindex(env, ['demo', 'seed']);
    expect([twice.code, twice.stderr]).toEqual([1, expect.stringContaining('Cơ sở dữ liệu đã có dữ liệu (3 kỳ đánh giá, 110 đơn vị, 10 tài khoản')]);
    const removed = await parindex(env, ['--json', 'demo', 'remove']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout).removed).toMatchObject({ users: 10, cycles: 3, units: 110 });
    const server = await openServer(loadConfig({ ...QUIET, ...env }));
    try {
      // Removed stays removed: the next start with the embedded database does not seed it again.
      expect(server.seeded).toBeNull();
      expect(await heldData(server.database.db)).toEqual({ cycles: 0, units: 0, users: 0, rubricVersions: 0, externalIndexResults: 0, announcements: 0 });
    } finally {
      await server.close();
    }
  }, 300_000);
});

describe.runIf(SERVER_URL)('two servers starting at once on one empty PostgreSQL database [postgres]', () => {
  it('both are healthy, and the demo (asked for with PARINDEX_DEMO=1) is seeded once', async () => {
    const config = loadConfig({ ...QUIET, DATABASE_URL: await emptyPostgres(), PARINDEX_DEMO: '1' });
    const servers = await Promise.all([openServer(config), openServer(config)]);
    try {
      expect(servers.filter((s) => s.seeded !== null)).toHaveLength(1);
      for (const s of servers) expect((await s.app.inject({ url: '/api/health' })).statusCode).toBe(200);
      expect(await heldData(servers[0].database.db)).toMatchObject({ cycles: 3, units: 110, users: 10 });
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }, 300_000);
});
