#!/usr/bin/env node
// `npm test`: install what is missing, typecheck, build the web app, run every test (engine,
// database on PGlite and — with TEST_DATABASE_URL — PostgreSQL, API, CLI, browser flows).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
// Two runs: every test but the browser flows (files in parallel), then the browser flows in
// Debian's Chromium one file at a time (e2e/vitest.config.ts). `npm test -- e2e` runs only the latter.
const onlyE2e = process.argv.slice(2).includes('e2e');
const runs = onlyE2e ? [['e2e', '--config e2e/vitest.config.ts']] : [['unit', ''], ['e2e', '--config e2e/vitest.config.ts']];
let failed = false;
const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
for (const [name, config] of runs) {
  const report = join(ROOT, `.data/vitest-${name}.json`);
  rmSync(report, { force: true });
  try {
    run(`npx vitest run ${config} --reporter=default --reporter=json --outputFile.json=${report}`);
  } catch {
    failed = true;
  }
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    totals.total += r.numTotalTests;
  } else failed = true;
}
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.total === 0) failed = true;
process.exit(failed ? 1 : 0);
