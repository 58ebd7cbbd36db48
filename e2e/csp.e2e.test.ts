/**
 * The Content-Security-Policy (apps/server/src/http/security-headers.ts) in Chromium: every
 * kind of page — the public portal (home, dashboard, a year's results, a unit's scorecard), the
 * sign-in page, the secretariat's work pages, the public survey form and the Swagger UI at
 * /api/docs — renders what a user sees and the browser reports no CSP violation (neither a
 * "Content Security Policy" console message nor a `securitypolicyviolation` event). A control
 * page proves the policy is enforced and that a violation would be caught. Screenshots go to
 * e2e/artifacts/csp/ for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type RunningServer, startServer, launchChromium } from './server.ts';
import { DEMO_PASSWORD, apiSession } from './session.ts';

const ARTIFACTS = path.join(ROOT, 'e2e/artifacts/csp');
const VIEWPORT = { width: 1366, height: 768 };

/** Reports every violation to the test through a binding (it survives navigations, unlike page state). */
function listenForViolations(): void {
  document.addEventListener('securitypolicyviolation', (e) => {
    const report = (window as unknown as { __cspViolation?: (s: string) => void }).__cspViolation;
    report?.(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || location.pathname}:${e.lineNumber} — ${e.sample}`);
  });
}

describe('Content-Security-Policy in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let cycle2025: string;
  let cycle2024: string;
  let cycle2026: string;
  let surveyLink: string;
  let surveyQid: string;
  /** CSP violations by page: console messages and securitypolicyviolation events. */
  const violations: string[] = [];
  const scriptErrors: string[] = [];
  /** Addresses visited, with the CSP header each document came with. */
  const documents: { url: string; csp: string | null }[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    const cycles = (await (await fetch(`${server.url}/api/cycles`)).json()) as { id: string; year: number }[];
    cycle2025 = cycles.find((c) => c.year === 2025)!.id;
    cycle2024 = cycles.find((c) => c.year === 2024)!.id;
    // A public survey link, as the survey test gets one: the SIPAS sample of 2026 and a one-time link.
    const staff = (await apiSession(server.url, 'sonoivu')).call;
    cycle2026 = (await staff<{ id: string; year: number }[]>('GET', '/api/work/cycles')).find((c) => c.year === 2026)!.id;
    surveyQid = (await staff<{ id: string }>('POST', `/api/work/cycles/${cycle2026}/surveys`, { sample: 'sipas' })).id;
    const setup = await staff<{ units: { unitId: string; name: string }[] }>('GET', `/api/work/cycles/${cycle2026}/setup`);
    const tuPhap = setup.units.find((u) => u.name === 'Sở Tư pháp')!;
    [{ url: surveyLink }] = await staff<{ url: string }[]>('POST', `/api/work/surveys/${surveyQid}/tokens`, { unitId: tuPhap.unitId, respondentGroup: 'nguoi_dan', count: 1 });
    context = await newContext();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newContext(): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'vi-VN', acceptDownloads: true });
    await ctx.exposeBinding('__cspViolation', ({ page }, text: string) => violations.push(`${new URL(page.url()).pathname}: ${text}`));
    await ctx.addInitScript(listenForViolations);
    return ctx;
  }

  async function watch(page: Page): Promise<Page> {
    page.on('console', (msg) => {
      if (msg.text().includes('Content Security Policy')) violations.push(`${new URL(page.url()).pathname}: ${msg.text()}`);
    });
    page.on('pageerror', (e) => scriptErrors.push(`${new URL(page.url()).pathname}: ${e.message}`));
    page.on('response', (res) => {
      // (documents of our server only — not the PDF viewer's own chrome-extension:// page)
      if (res.request().resourceType() === 'document' && res.url().startsWith(server.url)) void res.allHeaders().then((h) => documents.push({ url: res.url(), csp: h['content-security-policy'] ?? null }));
    });
    return page;
  }

  async function open(pathname: string, ctx = context): Promise<Page> {
    const page = await watch(await ctx.newPage());
    const res = await page.goto(server.url + pathname, { waitUntil: 'networkidle' });
    expect(res?.status(), pathname).toBe(200);
    return page;
  }

  /** Waits for ECharts to draw (lazy chunk, then its 300 ms animation) and saves a full-page PNG. */
  async function shot(page: Page, name: string) {
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  const charts = (page: Page, n: number) => page.waitForFunction((min) => document.querySelectorAll('canvas, .chart-panel svg').length >= min, n, { timeout: 30_000 });
  /** Rows of the page's tables, once the first one is drawn (the data arrives after the heading). */
  const tableRows = async (page: Page) => {
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor({ state: 'visible', timeout: 20_000 });
    return rows.count();
  };

  it('control: the policy is enforced and a violation is caught', async () => {
    const page = await open('/thong-bao');
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran, 'an inline script must not run').toBe(false);
    await page.waitForTimeout(300);
    await expect.poll(() => violations.filter((v) => v.includes('script-src')).length).toBeGreaterThanOrEqual(1);
    await page.close();
    violations.length = 0;
  });

  it('portal: home, a year’s results, a unit’s scorecard, the dashboard', async () => {
    const home = await open('/');
    await home.getByRole('heading', { level: 2, name: 'Kết quả Chỉ số CCHC năm 2025' }).waitFor({ state: 'visible' });
    await charts(home, 3);
    expect(await tableRows(home)).toBeGreaterThan(10);
    await shot(home, '1-home');
    await home.close();

    const results = await open(`/cycles/${cycle2024}`);
    await results.getByRole('heading', { level: 2, name: 'Kết quả Chỉ số CCHC năm 2024' }).waitFor({ state: 'visible' });
    await charts(results, 3);
    expect(await tableRows(results)).toBeGreaterThan(10);
    await shot(results, '2-results-2024');

    // A unit's scorecard, reached from the results table as a visitor does.
    await results.getByRole('link', { name: 'Sở Y tế' }).first().click();
    await results.getByRole('heading', { level: 2, name: 'Sở Y tế' }).waitFor({ state: 'visible' });
    await results.close();
    const res2025 = (await (await fetch(`${server.url}/api/cycles/${cycle2025}/results`)).json()) as { groups: { units: { unitId: string; unitCode: string }[] }[] };
    const soYTe = res2025.groups.flatMap((g) => g.units).find((u) => u.unitCode === 'so-y-te')!.unitId;
    const scorecard = await open(`/cycles/${cycle2025}/units/${soYTe}`);
    await scorecard.getByRole('heading', { level: 2, name: 'Sở Y tế' }).waitFor({ state: 'visible' });
    await scorecard.getByText('Cần thêm bao nhiêu điểm?').waitFor({ state: 'visible' });
    await charts(scorecard, 2);
    await shot(scorecard, '3-scorecard');
    await scorecard.close();

    const dashboard = await open('/dashboard');
    await charts(dashboard, 8);
    expect(await dashboard.locator('.chart-panel').count()).toBeGreaterThan(4);
    // A chart saved as PNG and SVG (data: URLs from ECharts) is not blocked.
    for (const name of ['Tải ảnh PNG', 'Tải ảnh SVG']) {
      const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name }).first().click()]);
      expect(download.suggestedFilename()).toMatch(/\.(png|svg)$/);
    }
    await shot(dashboard, '4-dashboard');
    await dashboard.close();
  });

  it('sign-in and the secretariat’s work pages', async () => {
    const ctx = await newContext();
    const page = await open('/login', ctx);
    await page.getByLabel('Tên đăng nhập').fill('sonoivu');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await shot(page, '5-login');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/work\/cycles\/[^/]+\/board$/, { timeout: 20_000 });
    await page.getByRole('heading', { level: 2, name: 'Theo dõi tiến độ — năm 2026' }).waitFor({ state: 'visible' });
    expect(await tableRows(page)).toBeGreaterThan(0);
    await shot(page, '6-work-board');

    await page.goto(`${server.url}/work/cycles/${cycle2026}/setup`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 2, name: 'Thiết lập kỳ đánh giá năm 2026' }).waitFor({ state: 'visible' });
    await shot(page, '7-work-setup');

    await page.goto(`${server.url}/work/cycles/${cycle2026}/surveys?phieu=${surveyQid}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: /^Khảo sát — / }).first().waitFor({ state: 'visible' });
    expect(await tableRows(page)).toBeGreaterThan(0);
    await shot(page, '8-work-surveys');

    // An evidence file keeps its own stricter policy over HTTP and still opens in Chromium's PDF viewer (where it has one).
    const docId = await page.evaluate(async (cycleId) => {
      const board = (await (await fetch(`/api/work/cycles/${cycleId}/status-board`)).json()) as { units: { unitId: string }[] };
      for (const u of board.units) {
        const sheet = (await (await fetch(`/api/work/cycles/${cycleId}/units/${u.unitId}/sheet`)).json()) as { leaves: { evidence?: { documentId: string }[] }[] };
        const id = sheet.leaves.flatMap((l) => l.evidence ?? [])[0]?.documentId;
        if (id) return id;
      }
      return null;
    }, cycle2026);
    expect(docId).toBeTruthy();
    const fileUrl = `/api/work/documents/${docId}/file`;
    const headers = await page.evaluate(async (u) => Object.fromEntries((await fetch(u)).headers), fileUrl);
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-security-policy']).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
    const pdf = await watch(await ctx.newPage());
    if (await pdf.evaluate(() => navigator.pdfViewerEnabled)) {
      expect((await pdf.goto(server.url + fileUrl))?.status()).toBe(200);
      await pdf.waitForTimeout(1500);
      await pdf.screenshot({ path: path.join(ARTIFACTS, '8b-evidence-pdf.png') });
    } else {
      // A Chromium without a PDF viewer (the packaged headless shell) saves the file instead: the whole PDF arrives.
      const [download] = await Promise.all([pdf.waitForEvent('download'), pdf.goto(server.url + fileUrl).catch(() => null)]);
      const saved = readFileSync((await download.path())!);
      expect(saved.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(saved.subarray(-8).toString('latin1')).toContain('%%EOF');
    }
    await ctx.close();
  });

  it('the public survey form', async () => {
    const page = await open(new URL(surveyLink).pathname + new URL(surveyLink).search);
    await page.getByText('Sở Tư pháp').first().waitFor({ state: 'visible' });
    await page.getByText('Bước 1/4').waitFor({ state: 'visible' });
    await expect(page.locator('fieldset').count()).resolves.toBeGreaterThan(0);
    await shot(page, '9-survey-form');
    await page.close();
  });

  it('the Swagger UI at /api/docs', async () => {
    const page = await open('/api/docs');
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'ParIndex API' }).waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(20);
    // An operation opens (Swagger UI's React rendering and its styles work under the policy).
    await page.locator('.swagger-ui .opblock-summary').first().click();
    await page.locator('.swagger-ui .opblock-body').first().waitFor({ state: 'visible' });
    await shot(page, '10-api-docs');
    await page.close();
  });

  it('every document came with the policy, and no page broke it', () => {
    expect(violations).toEqual([]);
    expect(scriptErrors).toEqual([]);
    expect(documents.length).toBeGreaterThanOrEqual(9);
    // (The evidence PDF's own policy is checked over fetch above: the PDF viewer's loads of it do
    // not all carry their headers through the DevTools protocol.)
    for (const d of documents.filter((x) => !x.url.includes('/api/work/documents/'))) expect(d.csp, d.url).toMatch(/^default-src 'self';script-src 'self';/);
  });
});
