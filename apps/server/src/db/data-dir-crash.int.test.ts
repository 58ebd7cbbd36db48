/**
 * The embedded database's folder lock after a crash: a server killed with `kill -9` leaves its
 * lock behind; the next start takes it over at once because its owner process is gone, while a
 * live owner is still refused — and two processes starting together after a crash never both open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnitRepository } from '../repositories/unit.repository.ts';
import { expectAppError } from '../testing/builders.ts';
import { openDatabase, type Database } from './database.ts';

const LOCKED_MESSAGE = 'đang được một tiến trình ParIndex khác';
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const databaseModule = fileURLToPath(new URL('./database.ts', import.meta.url));
const unitModule = fileURLToPath(new URL('../repositories/unit.repository.ts', import.meta.url));

interface Answer {
  opened: boolean;
  code?: string;
  message?: string;
}

describe('the data-folder lock after a crash', () => {
  let dir: string;
  let script: string;
  const children: ChildProcess[] = [];
  const opened: Database[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parindex-crash-'));
    script = path.join(dir, '..', `${path.basename(dir)}-holder.mts`);
    // Opens the folder, writes a unit, says so on stdout and holds the folder until killed.
    await writeFile(
      script,
      `import { openDatabase } from ${JSON.stringify(databaseModule)};
       import { UnitRepository } from ${JSON.stringify(unitModule)};
       try {
         const database = await openDatabase({ dataDir: process.argv[2] });
         await new UnitRepository(database.db).upsertByCode([{ code: 'STP-' + process.pid, name: 'Sở Tư pháp', kind: 'department' }]);
         console.log(JSON.stringify({ opened: true }));
         setInterval(() => undefined, 60_000);
       } catch (e) {
         console.log(JSON.stringify({ opened: false, code: e.code, message: e.message }));
         process.exit(0);
       }`,
    );
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) await kill9(child);
    for (const database of opened.splice(0)) await database.close();
    await rm(dir, { recursive: true, force: true });
    await rm(script, { force: true });
  });

  const startHolder = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const answer = new Promise<Answer>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line) as Answer);
      });
      child.on('exit', (code, signal) => reject(new Error(`holder exited (${code ?? signal}) without answering`)));
    });
    return { child, answer };
  };

  const open = async () => {
    const database = await openDatabase({ dataDir: dir });
    opened.push(database);
    return database;
  };

  it('opens at once after the owner was killed with kill -9; a live owner is refused', async () => {
    const holder = startHolder();
    expect(await holder.answer).toEqual({ opened: true });

    const err = await expectAppError(openDatabase({ dataDir: dir }), 'LOCKED');
    expect(err.message).toContain(LOCKED_MESSAGE);
    expect(err.message).toContain(`PID ${holder.child.pid}`);
    const owner = JSON.parse(await readFile(path.join(dir, 'parindex.owner.json'), 'utf8'));
    expect(owner.pid).toBe(holder.child.pid);
    if (process.platform === 'linux') expect(owner.startTime).toMatch(/^\d+$/);

    await kill9(holder.child);
    const started = Date.now();
    const database = await open();
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(5);
    // What the killed process had written is there.
    expect((await new UnitRepository(database.db).listAll()).map((u) => u.code)).toEqual([`STP-${holder.child.pid}`]);
    // Now this process owns the folder: a new holder is refused.
    const second = startHolder();
    expect(await second.answer).toMatchObject({ opened: false, code: 'LOCKED' });
  }, 90_000);

  it('lets only one of two processes starting together after a crash take the folder over', async () => {
    const first = startHolder();
    expect(await first.answer).toEqual({ opened: true });
    await kill9(first.child);

    const racers = [startHolder(), startHolder(), startHolder()];
    const answers = await Promise.all(racers.map((r) => r.answer));
    expect(answers.filter((a) => a.opened)).toHaveLength(1);
    for (const a of answers.filter((a) => !a.opened)) {
      expect(a.code).toBe('LOCKED');
      expect(a.message).toContain(LOCKED_MESSAGE);
    }
  }, 120_000);

  it.runIf(process.platform === 'linux')('takes over a lock whose PID now belongs to a process started later', async () => {
    // A fresh lock (mtime now), recorded for a running PID (our parent) with another start time.
    await mkdir(path.join(dir, 'parindex.lock'));
    const reused = { pid: process.ppid, host: hostname(), startTime: '1', since: new Date().toISOString() };
    await writeFile(path.join(dir, 'parindex.owner.json'), JSON.stringify(reused));
    const database = await open();
    expect(database.kind).toBe('pglite');
    const owner = JSON.parse(await readFile(path.join(dir, 'parindex.owner.json'), 'utf8'));
    expect(owner.pid).toBe(process.pid);
  }, 60_000);

  it.runIf(process.platform === 'linux')('refuses a fresh lock whose recorded owner still runs', async () => {
    await mkdir(path.join(dir, 'parindex.lock'));
    const stat = await readFile(`/proc/${process.ppid}/stat`, 'utf8');
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    await writeFile(path.join(dir, 'parindex.owner.json'), JSON.stringify({ pid: process.ppid, host: hostname(), startTime, since: '2026-01-01T00:00:00.000Z' }));
    const err = await expectAppError(openDatabase({ dataDir: dir }), 'LOCKED');
    expect(err.message).toContain(`PID ${process.ppid}`);
  }, 60_000);
});

async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
