/**
 * "Chấm điểm khảo sát" as a background job, in Chromium: the secretariat presses the button on the
 * 2026 surveys page; the page starts the job (POST …/surveys/score-jobs, never the synchronous
 * route), shows its progress while the server works, and when it is done shows the stored scores
 * with the number of valid responses. A run that fails shows the server's reason in Vietnamese.
 * The first poll answer is held at "running 40%" (and, in the second test, the last one replaced by
 * a failure) by the browser's request interception, so what the page shows does not depend on how
 * fast the server is. PNGs go to e2e/artifacts/score-run/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, type RunningServer, startServer } from './server.ts';

const ARTIFACTS = path.join(ROOT, 'e2e/artifacts/score-run');

describe('survey scoring as a background job on the surveys page', () => {
  let server: RunningServer;
  let browser: Browser;
  let cookies: string[];
  let cycleId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'ParIndex' }, body: JSON.stringify({ username: 'sonoivu', password: 'SonHa-CCHC-2026' }) });
    if (!res.ok) throw new Error(`login failed: ${res.status}`);
    cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const cycles = (await (await fetch(`${server.url}/api/work/cycles`, { headers: { cookie: cookies.join('; ') } })).json()) as { id: string; year: number }[];
    cycleId = cycles.find((c) => c.year === 2026)!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openPage = async (): Promise<{ page: Page; posts: string[]; close: () => Promise<void> }> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    await context.addCookies(cookies.map((c) => { const [name, ...v] = c.split('='); return { name: name!, value: v.join('='), url: server.url }; }));
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}/work/cycles/${cycleId}/surveys`, { waitUntil: 'networkidle' });
    return { page, posts, close: () => context.close() };
  };

  /** Answers the first poll with "running 40%"; `last` may replace the answer that says the job finished. */
  const holdFirstPoll = async (page: Page, last?: (job: Record<string, unknown>) => Record<string, unknown>) => {
    let polls = 0;
    await page.route('**/surveys/score-jobs/*', async (route: Route) => {
      const response = await route.fetch();
      const job = (await response.json()) as Record<string, unknown>;
      polls++;
      if (polls === 1) return route.fulfill({ response, json: { ...job, status: 'running', progress: 40 } });
      if (last && (job.status === 'done' || job.status === 'failed')) return route.fulfill({ response, json: last(job) });
      return route.fulfill({ response, json: job });
    });
  };

  it('starts the job, shows its progress, then the stored scores', async () => {
    const { page, posts, close } = await openPage();
    await holdFirstPoll(page);
    await page.getByRole('button', { name: 'Chấm điểm khảo sát' }).click();
    await page.getByText('Đang chấm điểm khảo sát… 40%').waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(ARTIFACTS, '1-running.png'), fullPage: true });
    await page.getByText(/Đã chấm điểm từ [\d.]+ phiếu hợp lệ\./).waitFor({ state: 'visible', timeout: 60_000 });
    await expect(page.getByText('Đang chấm điểm khảo sát…', { exact: false }).count()).resolves.toBe(0);
    // The stored scores were reloaded: the units' table has rows.
    await expect.poll(() => page.locator('.ant-card', { hasText: 'Chấm điểm khảo sát' }).locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, '2-done.png'), fullPage: true });
    expect(posts.filter((p) => p.includes('/surveys/score'))).toEqual([`/api/work/cycles/${cycleId}/surveys/score-jobs`]);
    await close();
    expect(errors).toEqual([]);
  });

  it('shows the server’s reason when the run fails', async () => {
    const { page, close } = await openPage();
    const reason = 'Tài khoản đã yêu cầu chấm điểm khảo sát đã bị khóa hoặc không còn quyền này; lượt chấm điểm khảo sát không chạy và không có điểm nào được ghi.';
    await holdFirstPoll(page, (job) => ({ ...job, status: 'failed', error: reason, result: null }));
    await page.getByRole('button', { name: 'Chấm điểm khảo sát' }).click();
    await page.getByText(`Không chấm được điểm khảo sát: ${reason}`).waitFor({ state: 'visible', timeout: 60_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, '3-failed.png'), fullPage: true });
    await expect(page.getByRole('button', { name: 'Chấm điểm khảo sát' }).isEnabled()).resolves.toBe(true);
    await close();
    expect(errors).toEqual([]);
  });
});
