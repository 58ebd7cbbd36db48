#!/usr/bin/env node
// Builds the web app when its build is missing or older than any of its sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './ensure-install.mjs';

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

export function ensureWebBuilt() {
  const web = join(ROOT, 'apps/web');
  const built = join(web, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => join(web, f)).filter(existsSync);
  const contracts = join(ROOT, 'packages/contracts/src');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest), newest(contracts))) return;
  console.log('[parindex] Biên dịch giao diện web (vite build)…');
  // A production build whoever calls: inside vitest NODE_ENV is "test", and Vite would then bundle React's development build.
  execSync('npm run build -w @parindex/web', { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureWebBuilt();
