#!/usr/bin/env node
// `npm test`: install what is missing, typecheck, build the web app, run every test (engine,
// database on PGlite and — with TEST_DATABASE_URL — PostgreSQL, API, CLI, browser flows).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWebBuilt } from './build-web.mjs';
import { ROOT, ensureInstalled } from './ensure-install.mjs';

ensureInstalled();
const run = (cmd) => execSync(cmd, { cwd: ROOT, stdio: 'inherit' });
console.log('[parindex] Kiểm tra kiểu (tsc)…');
run('npx tsc -p tsconfig.json --noEmit');
ensureWebBuilt();
if (!process.env.TEST_DATABASE_URL) console.log('[parindex] TEST_DATABASE_URL chưa đặt: các kiểm thử cơ sở dữ liệu chỉ chạy trên PGlite.');
mkdirSync(join(ROOT, '.data'), { recursive: true });
const report = join(ROOT, '.data/vitest-report.json');
let failed = false;
try {
  run(`npx vitest run --reporter=default --reporter=json --outputFile.json=${report} ${process.argv.slice(2).join(' ')}`);
} catch {
  failed = true;
}
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + (r.numTodoTests ?? 0)} skipped`);
  if (r.numTotalTests === 0) failed = true;
}
process.exit(failed ? 1 : 0);
