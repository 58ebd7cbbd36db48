import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { UnitRepository } from '../repositories/unit.repository.ts';
import { expectAppError } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { openDatabase, transaction, type Database } from './database.ts';

const LOCKED_MESSAGE = 'đang được một tiến trình ParIndex khác sử dụng. Hãy dừng tiến trình đó hoặc đặt DATA_DIR khác.';
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('openDatabase with a PGlite data folder', () => {
  let dir: string;
  const opened: Database[] = [];
  const open = async (dataDir: string) => {
    const database = await openDatabase({ dataDir });
    opened.push(database);
    return database;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parindex-db-'));
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second open of the same folder with the Vietnamese LOCKED error, and reopens after close', async () => {
    const first = await open(dir);
    expect(first.kind).toBe('pglite');
    await new UnitRepository(first.db).upsertByCode([{ code: 'SNV', name: 'Sở Nội vụ', kind: 'department' }]);

    const err = await expectAppError(openDatabase({ dataDir: dir }), 'LOCKED');
    expect(err.message).toContain(dir);
    expect(err.message).toContain(LOCKED_MESSAGE);

    await first.close();
    const again = await open(dir);
    const unit = await new UnitRepository(again.db).findByCode('SNV');
    expect(unit?.name).toBe('Sở Nội vụ');
  }, 60_000);

  it('refuses the folder to another process while it is open', async () => {
    await open(dir);
    const script = path.join(dir, 'second-process.mts');
    const databaseModule = fileURLToPath(new URL('./database.ts', import.meta.url));
    await writeFile(
      script,
      `import { openDatabase } from ${JSON.stringify(databaseModule)};
       try { await openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log(JSON.stringify({ opened: true })); process.exit(0); }
       catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, timeout: 30_000 });
    const answer = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(answer.code).toBe('LOCKED');
    expect(answer.message).toContain(LOCKED_MESSAGE);
  }, 60_000);

  it('takes over a stale lock left by a crashed process', async () => {
    const lockDir = path.join(dir, 'parindex.lock');
    await mkdir(lockDir);
    const longAgo = new Date(Date.now() - 5 * 60_000);
    await utimes(lockDir, longAgo, longAgo);

    const database = await open(dir);
    expect(await new UnitRepository(database.db).listAll()).toEqual([]);
  }, 60_000);

  it('releases the lock when close is called twice and when the folder is reopened', async () => {
    const first = await open(dir);
    await first.close();
    await first.close();
    const second = await open(dir);
    expect(second.kind).toBe('pglite');
  }, 60_000);
});

describe('openDatabase errors', () => {
  it('says which setting is missing when neither a URL nor a folder is given', async () => {
    const err = await expectAppError(openDatabase({}), 'VALIDATION');
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).toContain('DATA_DIR');
  });

  it('reports an unreachable PostgreSQL in Vietnamese without leaking the password', async () => {
    const err = await expectAppError(openDatabase({ databaseUrl: 'postgres://parindex:s3cret@127.0.0.1:1/parindex' }), 'INTERNAL');
    expect(err.message).toContain('Không kết nối được PostgreSQL');
    expect(err.message).not.toContain('s3cret');
  });
});

describeEachDatabase('transaction helper', (getDb) => {
  it('keeps the writes of several repositories together, or none of them', async () => {
    await expect(
      transaction(getDb(), async (tx) => {
        const [unit] = await new UnitRepository(tx).upsertByCode([{ code: 'SNV', name: 'Sở Nội vụ', kind: 'department' }]);
        const cycle = await new CycleRepository(tx).create({ year: 2025, name: 'Kỳ 2025', source: 'assessed' });
        await new CycleRepository(tx).setCycleUnits(cycle.id, [{ unitId: unit.id, peerGroup: 'SO' }, { unitId: 'unknown', peerGroup: 'SO' }]);
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await new UnitRepository(getDb()).listAll()).toEqual([]);
    expect(await new CycleRepository(getDb()).list()).toEqual([]);

    const saved = await transaction(getDb(), async (tx) => {
      const [unit] = await new UnitRepository(tx).upsertByCode([{ code: 'SNV', name: 'Sở Nội vụ', kind: 'department' }]);
      const cycle = await new CycleRepository(tx).create({ year: 2025, name: 'Kỳ 2025', source: 'assessed' });
      await new CycleRepository(tx).setCycleUnits(cycle.id, [{ unitId: unit.id, peerGroup: 'SO' }]);
      return cycle;
    });
    expect((await new CycleRepository(getDb()).listCycleUnits(saved.id)).map((u) => u.code)).toEqual(['SNV']);
  });
});
