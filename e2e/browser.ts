/**
 * Which Chromium the browser tests (and the browser benchmark) use. Decided once per run — by
 * `npm test` (scripts/test.mjs) before anything else, or by e2e/global-setup.ts for a direct
 * `vitest --config e2e/vitest.config.ts` — and handed to the test workers in
 * PARINDEX_RESOLVED_BROWSER. In order:
 *
 * 1. CHROMIUM_PATH, when set: that file, or fail at once naming the path;
 * 2. PARINDEX_BROWSER=packaged forces (4), PARINDEX_BROWSER=system forces (3);
 * 3. a system Chromium: chromium, chromium-browser, google-chrome on PATH, or /usr/bin/chromium;
 * 4. the Chromium shipped inside the @sparticuz/chromium devDependency (unpacked to the temporary
 *    folder on first use, with its own fonts; NSS libraries from the package when the system has none).
 *
 * Each candidate is launched once (and shows a page) before it is chosen; when none starts, the
 * error says what to install.
 */
import { accessSync, constants, createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import type { Browser } from 'playwright-core';

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'packaged';

export interface ResolvedBrowser {
  source: BrowserSource;
  executablePath: string;
  args: string[];
  /** Variables added to the browser's environment (the packaged one's fonts and libraries). */
  env: Record<string, string>;
  /** As the browser reports it, e.g. "147.0.7727.0". */
  version: string;
}

/** The chosen browser, as JSON, for the test workers. */
export const RESOLVED_BROWSER_ENV = 'PARINDEX_RESOLVED_BROWSER';

/** Names looked up on PATH, then Debian's fixed path. */
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const COMMON_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SYSTEM_ARGS = ['--headless', '--disable-gpu', ...COMMON_ARGS];
/**
 * Flags of the package's list (made for AWS Lambda) the tests must not have: two switch off the
 * same-origin policy and mixed-content blocking (csp.e2e.test.ts checks what the browser
 * enforces); --single-process makes the browser exit when a test closes its first page.
 */
const DROPPED_PACKAGED_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);
const PROBE_TIMEOUT_MS = 20_000;

const INSTALL_HINT =
  'Cài một trình duyệt: `apt-get install chromium` (Debian; Ubuntu: chromium-browser), hoặc `npm ci` để có Chromium đóng gói trong @sparticuz/chromium; ' +
  'hoặc đặt CHROMIUM_PATH tới một Chromium/Chrome đã cài. Bỏ qua các kiểm thử trình duyệt (không khuyến nghị): PARINDEX_SKIP_BROWSER=1.\n' +
  '(No Chromium can start for the browser tests: install `chromium`, or run `npm ci` for the packaged one, or set CHROMIUM_PATH.)';

/** No browser the tests may use can start; the message says why and what to install. */
export class BrowserUnavailableError extends Error {
  override name = 'BrowserUnavailableError';
}

export function describeBrowser(b: ResolvedBrowser): string {
  const where = b.source === 'packaged' ? 'đóng gói trong @sparticuz/chromium' : b.source === 'system' ? 'của hệ thống' : 'theo CHROMIUM_PATH';
  return `Chromium ${b.version} ${where} (${b.executablePath})`;
}

/** Finds and starts a browser as described above; throws BrowserUnavailableError when none can. */
export async function resolveBrowser(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedBrowser> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new BrowserUnavailableError(`CHROMIUM_PATH=${configured}: không có tệp nào ở đường dẫn này. Sửa hoặc bỏ CHROMIUM_PATH.\n(CHROMIUM_PATH=${configured} points to no file.)`);
    try {
      return await probe({ source: 'CHROMIUM_PATH', executablePath: configured, args: SYSTEM_ARGS, env: {}, version: '' });
    } catch (e) {
      throw new BrowserUnavailableError(`CHROMIUM_PATH=${configured}: trình duyệt không khởi động được — ${firstLines(e)}\n(CHROMIUM_PATH=${configured} does not start.)`);
    }
  }
  const forced = env.PARINDEX_BROWSER;
  if (forced && forced !== 'packaged' && forced !== 'system') throw new BrowserUnavailableError(`PARINDEX_BROWSER=${forced}: chỉ nhận "packaged" hoặc "system".`);
  const failures: string[] = [];
  if (forced !== 'packaged') {
    const candidates = systemCandidates(env.PATH ?? '');
    if (candidates.length === 0) failures.push(`Chromium của hệ thống: không có ${SYSTEM_NAMES.join(', ')} trên PATH, không có ${DEBIAN_CHROMIUM}`);
    for (const executablePath of candidates) {
      try {
        return await probe({ source: 'system', executablePath, args: SYSTEM_ARGS, env: {}, version: '' });
      } catch (e) {
        failures.push(`${executablePath}: ${firstLines(e)}`);
      }
    }
  }
  if (forced !== 'system') {
    try {
      return await packagedBrowser();
    } catch (e) {
      failures.push(`@sparticuz/chromium: ${firstLines(e)}`);
    }
  }
  throw new BrowserUnavailableError(`Không có Chromium nào khởi động được cho các kiểm thử trình duyệt:\n${failures.map((f) => `  - ${f}`).join('\n')}\n${INSTALL_HINT}`);
}

/** The browser chosen for this run: the one handed down in PARINDEX_RESOLVED_BROWSER, else resolved here (once per process). */
export function chosenBrowser(): Promise<ResolvedBrowser> {
  chosen ??= (async () => {
    const handed = process.env[RESOLVED_BROWSER_ENV];
    if (handed) {
      const b = JSON.parse(handed) as ResolvedBrowser;
      if (existsSync(b.executablePath)) return b;
    }
    return resolveBrowser();
  })();
  return chosen;
}
let chosen: Promise<ResolvedBrowser> | undefined;

/** Launches the chosen Chromium headless with the flags the tests and benchmarks use. */
export async function launchChromium(): Promise<Browser> {
  return launch(await chosenBrowser());
}

async function launch(b: ResolvedBrowser, timeout?: number): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: b.executablePath, args: b.args, env: { ...process.env, ...b.env }, timeout });
}

/** Starts the browser and shows a Vietnamese line in two pages one after the other (as the tests open and close pages): the candidate can serve the tests. */
async function probe(b: ResolvedBrowser): Promise<ResolvedBrowser> {
  const browser = await launch(b, PROBE_TIMEOUT_MS);
  try {
    for (let i = 0; i < 2; i++) {
      const page = await browser.newPage();
      await page.setContent('<p>Chỉ số cải cách hành chính</p>', { timeout: PROBE_TIMEOUT_MS });
      if ((await page.textContent('p')) !== 'Chỉ số cải cách hành chính') throw new Error('the probe page shows nothing');
      await page.close();
    }
    return { ...b, version: browser.version() };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

function systemCandidates(pathVar: string): string[] {
  const found = SYSTEM_NAMES.flatMap((name) => pathVar.split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name))).filter(isExecutable);
  if (isExecutable(DEBIAN_CHROMIUM)) found.push(DEBIAN_CHROMIUM);
  return [...new Set(found)];
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The package's headless shell, unpacked to the temporary folder; its fonts through FONTCONFIG_PATH. */
async function packagedBrowser(): Promise<ResolvedBrowser> {
  const { default: chromium } = await import('@sparticuz/chromium').catch(() => {
    throw new Error('gói chưa được cài (chạy `npm ci`)');
  });
  const executablePath = await chromium.executablePath();
  const fonts = path.join(path.dirname(executablePath), 'fonts');
  const own = chromium.args.filter((a) => !DROPPED_PACKAGED_ARGS.has(a));
  const b: ResolvedBrowser = {
    source: 'packaged',
    executablePath,
    args: [...own, ...COMMON_ARGS.filter((a) => !own.includes(a))],
    env: existsSync(path.join(fonts, 'fonts.conf')) ? { FONTCONFIG_PATH: fonts } : {},
    version: '',
  };
  try {
    return await probe(b);
  } catch (e) {
    if (!/error while loading shared libraries/.test(String(e))) throw e;
    // A system without NSS or expat (a bare container): the package carries them for Amazon Linux.
    const lib = await packagedLibraries();
    return probe({ ...b, env: { ...b.env, LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter) } });
  }
}

/** Unpacks the package's bin/al2023.tar.br (NSS, NSPR, expat) with the package's own tar reader; returns the library folder. */
async function packagedLibraries(): Promise<string> {
  const out = path.join(os.tmpdir(), 'al2023');
  const lib = path.join(out, 'lib');
  if (existsSync(path.join(lib, 'libnss3.so'))) return lib;
  const main = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const archive = path.join(path.dirname(main), '..', '..', 'bin', 'al2023.tar.br');
  const tar = createRequire(main)('tar-fs') as { extract(dir: string): NodeJS.WritableStream };
  await pipeline(createReadStream(archive), createBrotliDecompress(), tar.extract(out));
  return lib;
}

/** The first line of a launch error and the browser's own error lines (a missing library, a missing file), shortened. */
function firstLines(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(/\x1b\[[0-9;]*m/g, '');
  const lines = text.split('\n').map((l) => l.trim().replace(/^- /, '')).filter(Boolean);
  const telling = [...new Set(lines.slice(1).filter((l) => /\[err\]|error while loading|doesn't exist|ENOENT|EACCES/i.test(l)))];
  return [lines[0], ...telling.slice(0, 2)].map((l) => (l.length > 240 ? `${l.slice(0, 240)}…` : l)).join(' | ');
}
