/**
 * Starts the real server (as `npm start` does, minus the install) on a free port and a fresh
 * temporary data folder, so a browser test sees the seeded demo province and locks nothing else.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Builds the web app if it is stale, then serves it with the API; resolves once /api/health answers. */
export async function startServer(): Promise<RunningServer> {
  const { ensureWebBuilt } = (await import(path.join(ROOT, 'scripts/build-web.mjs'))) as { ensureWebBuilt: () => void };
  ensureWebBuilt();
  // The data folder and the survey secret (kept beside it, never inside) in one temporary folder of this server.
  const home = await mkdtemp(path.join(os.tmpdir(), 'parindex-e2e-'));
  const dataDir = path.join(home, 'data');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SURVEY_SECRET_FILE: path.join(home, 'secrets/survey-secret.key'), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b) => (output += b));
  child.stderr?.on('data', (b) => (output += b));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** The browser the tests and benchmarks launch: chosen once per run (e2e/browser.ts). */
export { launchChromium } from './browser.ts';
