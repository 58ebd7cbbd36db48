/**
 * The public survey form on a phone (390×844, touch) in Chromium, offline and back: the
 * secretariat creates the SIPAS sample for 2026 and a one-time link for Sở Tư pháp through the
 * API; a citizen opens the link, answers half, loses the connection, finishes and submits — the
 * page says the form is kept on the device and nothing is stored yet; back online it is sent,
 * exactly once, and a reload sends nothing more. Then the staff SIPAS page. PNGs go to
 * e2e/artifacts/survey/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type RunningServer, startServer, launchChromium } from './server.ts';
import { apiSession } from './session.ts';

const ARTIFACTS = path.join(ROOT, 'e2e/artifacts/survey');

describe('survey form on a phone, offline and back', () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: Awaited<ReturnType<typeof apiSession>>;
  let cycleId: string;
  let qid: string;
  let link: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    staff = await apiSession(server.url, 'sonoivu');
    const cycles = await staff.call<{ id: string; year: number }[]>('GET', '/api/work/cycles');
    cycleId = cycles.find((c) => c.year === 2026)!.id;
    qid = (await staff.call<{ id: string }>('POST', `/api/work/cycles/${cycleId}/surveys`, { sample: 'sipas' })).id;
    const setup = await staff.call<{ units: { unitId: string; name: string }[] }>('GET', `/api/work/cycles/${cycleId}/setup`);
    const tuPhap = setup.units.find((u) => u.name === 'Sở Tư pháp')!;
    [{ url: link }] = await staff.call<{ url: string }[]>('POST', `/api/work/surveys/${qid}/tokens`, { unitId: tuPhap.unitId, respondentGroup: 'nguoi_dan', count: 1 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const stored = async () => (await staff.call<{ id: string; responses: number }[]>('GET', `/api/work/cycles/${cycleId}/surveys`)).find((q) => q.id === qid)!.responses;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  /** Chooses an option of a question by its visible label (a large touch target). */
  const choose = (page: Page, code: string, label: string) => page.locator('fieldset', { hasText: `${code}.` }).getByText(label, { exact: true }).tap();

  it('answers half online, the rest offline; sent once when back online', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(msg.text())) errors.push(msg.text());
    });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/public/surveys/')) posts.push(r.url());
    });
    await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url), { waitUntil: 'networkidle' });

    // The link fixes the group and the unit: the first step is section A, titled, with the unit named.
    await page.getByText('Sở Tư pháp').first().waitFor({ state: 'visible' });
    await page.getByText('Bước 1/4').waitFor({ state: 'visible' });
    await choose(page, 'A1', 'Nữ');
    await choose(page, 'A2', 'Từ 25 đến 40 tuổi');
    await shot(page, '1-form-phone');
    await page.getByRole('button', { name: 'Tiếp tục' }).tap();

    // A required question left blank stops the step with a clear message.
    await page.getByRole('button', { name: 'Tiếp tục' }).tap();
    await page.getByText('Vui lòng trả lời câu này.').first().waitFor({ state: 'visible' });
    await shot(page, '2-required-missing');
    await choose(page, 'B1', 'Trực tiếp tại Bộ phận Một cửa');
    await page.getByRole('button', { name: 'Tiếp tục' }).tap();

    // Half-way through section C: answers so far survive a reload.
    for (const c of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']) await choose(page, c, 'Hài lòng');
    await page.reload({ waitUntil: 'networkidle' });
    await expect(page.locator('fieldset', { hasText: 'C7.' }).locator('input:checked').count()).resolves.toBe(1);

    await context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    for (const c of ['C8', 'C9', 'C10', 'C11', 'C12', 'C13']) await choose(page, c, 'Rất hài lòng');
    await choose(page, 'C14', 'Hài lòng');
    await choose(page, 'C15', 'Không góp ý, phản ánh, kiến nghị');
    await page.getByRole('button', { name: 'Tiếp tục' }).tap();
    await page.locator('fieldset', { hasText: 'D1.' }).getByText('Rút ngắn thời gian giải quyết').tap();
    await page.getByRole('button', { name: 'Gửi phiếu' }).tap();

    await page.getByText('Đã lưu trên máy, sẽ tự gửi khi có mạng').waitFor({ state: 'visible' });
    await shot(page, '3-offline-kept');
    await expect(stored()).resolves.toBe(0);
    const outbox = await page.evaluate(() => JSON.parse(localStorage.getItem('parindex.survey.outbox') ?? '[]').length);
    expect(outbox).toBe(1);

    await context.setOffline(false);
    await page.getByText('Đã gửi', { exact: true }).waitFor({ timeout: 15_000 });
    await shot(page, '4-sent');
    await expect(stored()).resolves.toBe(1);
    await expect(page.evaluate(() => localStorage.getItem('parindex.survey.outbox'))).resolves.toBeNull();

    // A reload shows the link's status and sends nothing again.
    const before = posts.length;
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByText('Đã gửi', { exact: true }).waitFor({ state: 'visible' });
    await page.waitForTimeout(500);
    expect(posts.length).toBe(before);
    await expect(stored()).resolves.toBe(1);
    await context.close();
  });

  it('staff SIPAS page shows the unit, its factors and the chart', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    await context.addCookies(staff.cookies.map((c) => { const [name, ...v] = c.split('='); return { name, value: v.join('='), url: server.url }; }));
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/work/cycles/${cycleId}/surveys?phieu=${qid}&muc=sipas`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Chỉ số hài lòng theo đơn vị và yếu tố (%)' }).waitFor();
    // The one response sent above: Sở Tư pháp and the province, each 1 response, every answer satisfied (100,00%).
    const report = await staff.call<{ units: { responses: number }[] }>('GET', `/api/work/surveys/${qid}/sipas`);
    expect(report.units.filter((u) => u.responses > 0).map((u) => u.responses)).toEqual([1]);
    const sipas = page.locator('h3', { hasText: 'Chỉ số hài lòng theo đơn vị và yếu tố (%)' }).locator('xpath=..');
    const rows = sipas.locator('.ant-table').first().locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    for (const [i, name] of ['Sở Tư pháp', 'Toàn tỉnh'].entries()) {
      const cells = (await rows.nth(i).getByRole('cell').allTextContents()).map((c) => c.trim());
      expect(cells.slice(0, 2), name).toEqual([name, '1']);
      expect(cells.at(-1), name).toBe('100,00');
    }
    await expect(sipas.getByText('Toàn tỉnh: 100,00% · Bình quân các đơn vị: 100,00%').count()).resolves.toBe(1);
    await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 1, undefined, { timeout: 30_000 });
    await page.waitForTimeout(800);
    await shot(page, '5-staff-sipas');
    await context.close();
    expect(errors).toEqual([]);
  });
});
