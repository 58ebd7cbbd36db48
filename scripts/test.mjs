#!/usr/bin/env node
// `npm test`: install what is missing, choose the browser, typecheck, build the web app, run every
// test (engine, database on PGlite and — with TEST_DATABASE_URL — PostgreSQL, API, CLI, browser flows).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWebBuilt } from './build-web.mjs';
import { ROOT, ensureInstalled } from './ensure-install.mjs';

ensureInstalled();
const onlyE2e = process.argv.slice(2).includes('e2e');
const browserFiles = readdirSync(join(ROOT, 'e2e')).filter((f) => f.endsWith('.e2e.test.ts')).length;
const skipBrowser = process.env.PARINDEX_SKIP_BROWSER === '1';
const skipWarning = `[parindex] CẢNH BÁO: PARINDEX_SKIP_BROWSER=1 — ${browserFiles} tệp kiểm thử trình duyệt (e2e/) KHÔNG chạy. (Browser test files skipped.)`;

// The browser first, so a missing one stops the run within seconds, not after the unit tests.
if (skipBrowser) console.warn(skipWarning);
else {
  const { tsImport } = await import('tsx/esm/api');
  const { chosenBrowser, describeBrowser, RESOLVED_BROWSER_ENV } = await tsImport('../e2e/browser.ts', import.meta.url);
  try {
    const browser = await chosenBrowser();
    process.env[RESOLVED_BROWSER_ENV] = JSON.stringify(browser);
    console.log(`[parindex] Trình duyệt cho kiểm thử giao diện: ${describeBrowser(browser)}`);
  } catch (e) {
    console.error(`\n[parindex] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

const run = (cmd) => execSync(cmd, { cwd: ROOT, stdio: 'inherit' });
console.log('[parindex] Kiểm tra kiểu (tsc)…');
run('npx tsc -p tsconfig.json --noEmit');
ensureWebBuilt();
if (!process.env.TEST_DATABASE_URL) console.log('[parindex] TEST_DATABASE_URL chưa đặt: các kiểm thử cơ sở dữ liệu chỉ chạy trên PGlite.');
mkdirSync(join(ROOT, '.data'), { recursive: true });
// Two runs: every test but the browser flows (files in parallel), then the browser flows one file
// at a time (e2e/vitest.config.ts) in the browser chosen above. `npm test -- e2e` runs only the latter.
const e2eRun = ['e2e', '--config e2e/vitest.config.ts'];
const runs = [...(onlyE2e ? [] : [['unit', '']]), ...(skipBrowser ? [] : [e2eRun])];
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
const skippedFiles = skipBrowser ? `; ${browserFiles} browser test files skipped (PARINDEX_SKIP_BROWSER=1)` : '';
if (skipBrowser) console.warn(`\n${skipWarning}`);
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${skippedFiles}`);
// Nothing ran: a failure, unless the only run asked for was the browser flows and they were skipped on purpose.
if (totals.total === 0 && runs.length > 0) failed = true;
process.exit(failed ? 1 : 0);
