/**
 * The set-up every browser flow shares: one server on the demo province and one Chromium per test
 * file (started before the file's tests, stopped after), a page per user with its errors collected,
 * signing in as a demo account, screenshots under e2e/artifacts/<name>/, and picking an option of an
 * Ant Design Select by keyboard. Call `e2eSession(name)` inside the file's `describe`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ROOT, type RunningServer, launchChromium, startServer } from './server.ts';

/** The demo province's password for every account (seed/demo-province.ts). */
export const DEMO_PASSWORD = 'SonHa-CCHC-2026';
export const DESKTOP = { width: 1366, height: 768 };
/** Where each role lands after signing in. */
const LANDING = /\/work\/cycles\/[^/]+\/(units\/[^/]+|appraisal|council|board)$/;

export interface PageOptions extends BrowserContextOptions {
  /** Also collect the console's errors (a CSP refusal, a failed request) as the file's errors. */
  consoleErrors?: boolean;
}

export interface SignInOptions extends PageOptions {
  password?: string;
  /** A screenshot of the filled login form, under this name. */
  screenshot?: string;
  /** Wait for the role's landing page (default) or only for the signed-in header. */
  waitForLanding?: boolean;
}

export interface E2eSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Page errors (and console errors where asked), prefixed with who saw them; each flow expects none. */
  readonly errors: string[];
  readonly artifacts: string;
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  /** A page in a fresh browser context (Vietnamese locale, desktop size unless told). */
  newPage(who: string, options?: PageOptions): Promise<Page>;
  /** A fresh context signed in as `username`, on the role's landing page. */
  signIn(username: string, options?: SignInOptions): Promise<Page>;
  /** Picks an option of an antd Select by keyboard: types, waits for the active option starting with `optionStart`, presses Enter. */
  pick(page: Page, input: Locator, text: string, optionStart?: string): Promise<void>;
}

export function e2eSession(name: string): E2eSession {
  const artifacts = path.join(ROOT, 'e2e/artifacts', name);
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`e2eSession: the ${what} is not started yet (use it inside a test)`);
    return value;
  };

  const session: E2eSession = {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    errors,
    artifacts,
    async shot(page, shotName, fullPage = false) {
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(artifacts, `${shotName}.png`), fullPage });
    },
    async newPage(who, { consoleErrors = false, ...context } = {}) {
      const ctx = await session.browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, locale: 'vi-VN', ...context });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
      if (consoleErrors)
        page.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(`${who}: ${msg.text()}`);
        });
      return page;
    },
    async signIn(username, { password = DEMO_PASSWORD, screenshot, waitForLanding = true, ...pageOptions } = {}) {
      const page = await session.newPage(username, pageOptions);
      await page.goto(`${session.server.url}/login`, { waitUntil: 'networkidle' });
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      if (screenshot) await session.shot(page, screenshot);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      if (waitForLanding) await page.waitForURL(LANDING, { timeout: 20_000 });
      await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
      return page;
    },
    async pick(page, input, text, optionStart = text) {
      await input.click();
      await input.fill(text);
      const escaped = optionStart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option-active')
        .filter({ hasText: new RegExp(`^${escaped}`) })
        .waitFor({ timeout: 10_000 })
        .catch(async (e) => {
          await session.shot(page, 'failed-pick');
          throw e;
        });
      await input.press('Enter');
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    },
  };
  return session;
}

/** A staff session over the API (cookie + CSRF token), for the set-up a page needs before it is opened. */
export async function apiSession(url: string, username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'ParIndex' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const me = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, pathname: string, body?: unknown): Promise<T> => {
    const r = await fetch(url + pathname, {
      method,
      headers: { cookie: cookies.join('; '), 'x-csrf-token': me.csrfToken, 'x-requested-with': 'ParIndex', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${pathname}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return { cookies, call };
}
