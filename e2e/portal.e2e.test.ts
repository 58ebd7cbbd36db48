/**
 * The public portal in Debian's Chromium: the home page, a year's results, a unit's scorecard
 * (desktop 1366×768 and phone 390×844) and the dashboard, on the seeded demo province. Saves
 * full-page PNGs under e2e/artifacts/portal/ for a person to look at.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type RunningServer, startServer, CHROMIUM, launchChromium } from './server.ts';

const ARTIFACTS = path.join(ROOT, 'e2e/artifacts/portal');
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

if (!existsSync(CHROMIUM)) console.warn(`[e2e] ${CHROMIUM} not found: the portal browser tests are skipped (apt-get install chromium).`);

describe.skipIf(!existsSync(CHROMIUM))('public portal in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let cycle2025: string;
  let cycle2024: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    const cycles = (await (await fetch(`${server.url}/api/cycles`)).json()) as { id: string; year: number }[];
    cycle2025 = cycles.find((c) => c.year === 2025)!.id;
    cycle2024 = cycles.find((c) => c.year === 2024)!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(pathname: string, viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1, locale: 'vi-VN', acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(`${pathname}: ${e.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`${pathname}: ${msg.text()}`);
    });
    await page.goto(server.url + pathname, { waitUntil: 'networkidle' });
    return page;
  }

  /** Waits for the charts to be drawn (lazy chunk, then ECharts' 300 ms animation). */
  async function settle(page: Page, canvases: number) {
    if (canvases > 0) await page.waitForFunction((n) => document.querySelectorAll('canvas').length >= n, canvases, { timeout: 30_000 });
    await page.waitForTimeout(800);
  }

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.close();
  }

  /** A phone-sized page must not scroll sideways (tables scroll inside their own frame). */
  async function expectNoSideScroll(page: Page) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the page must not scroll sideways on a phone').toBeLessThanOrEqual(0);
  }

  async function unitId(cycleId: string, code: string): Promise<string> {
    const res = (await (await fetch(`${server.url}/api/cycles/${cycleId}/results`)).json()) as { groups: { units: { unitId: string; unitCode: string }[] }[] };
    return res.groups.flatMap((g) => g.units).find((u) => u.unitCode === code)!.unitId;
  }

  it('home: the newest published year, years, downloads, unit links', async () => {
    const page = await open('/');
    await settle(page, 3);
    await expect(page.title()).resolves.toContain('2025');
    await page.getByRole('heading', { level: 2, name: 'Kết quả Chỉ số CCHC năm 2025' }).waitFor({ state: 'visible' });
    await page.getByRole('navigation', { name: 'Các năm đã công bố' }).getByRole('link', { name: '2024' }).waitFor({ state: 'visible' });
    await expect(page.getByRole('link', { name: 'Excel (.xlsx)' }).getAttribute('href')).resolves.toBe(`/api/cycles/${cycle2025}/results/export?format=xlsx`);
    await expect(page.getByRole('link', { name: 'Sở Tư pháp' }).count()).resolves.toBeGreaterThan(0);
    await shot(page, 'home-desktop');

    const phone = await open('/', PHONE);
    await settle(phone, 3);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await shot(phone, 'home-phone');
    expect(overflow, 'the page must not scroll sideways on a phone').toBeLessThanOrEqual(0);
  });

  it('results of an earlier year (imported totals, pre-merger units)', async () => {
    const page = await open(`/cycles/${cycle2024}`);
    await settle(page, 3);
    await page.getByRole('heading', { level: 2, name: 'Kết quả Chỉ số CCHC năm 2024' }).waitFor({ state: 'visible' });
    await shot(page, 'results-2024-desktop');
  });

  it('a unit’s scorecard, desktop and phone, reached from the results table', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'Sở Y tế' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Sở Y tế' }).waitFor();
    await settle(page, 2);
    await expect(page.title()).resolves.toContain('Sở Y tế');
    await expect(page.locator('meta[name="description"]').getAttribute('content')).resolves.toMatch(/Sở Y tế: Chỉ số CCHC năm 2025 đạt \d+,\d{2}%/);
    await page.getByText('Cần thêm bao nhiêu điểm?').waitFor({ state: 'visible' });
    await page.getByRole('heading', { name: 'Các tiêu chí thành phần bị trừ điểm' }).waitFor({ state: 'visible' });
    await shot(page, 'scorecard-desktop');

    // The same page in English, from the language switch.
    const en = await open(`/cycles/${cycle2025}/units/${await unitId(cycle2025, 'so-y-te')}`);
    await en.getByText('EN', { exact: true }).click();
    await en.getByRole('heading', { name: 'What would it take?' }).waitFor({ state: 'visible' });
    await expect(en.locator('html').getAttribute('lang')).resolves.toBe('en');
    await en.close();

    const id = await unitId(cycle2025, 'so-y-te');
    const phone = await open(`/cycles/${cycle2025}/units/${id}`, PHONE);
    await settle(phone, 2);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await shot(phone, 'scorecard-phone');
    expect(overflow, 'the page must not scroll sideways on a phone').toBeLessThanOrEqual(0);
  });

  it('a merged commune’s scorecard says its earlier years are a weighted average', async () => {
    const id = await unitId(cycle2025, 'phuong-tan-lap');
    const page = await open(`/cycles/${cycle2025}/units/${id}`);
    await settle(page, 2);
    await page.getByText('Bình quân có trọng số của các đơn vị trước hợp nhất').first().waitFor({ state: 'visible' });
    await shot(page, 'scorecard-merged-desktop');
  });

  it('dashboard: every chart has a table; filters by group', async () => {
    const page = await open(`/cycles/${cycle2025}/dashboard`);
    await settle(page, 8);
    // Every chart has its table toggle (some open by default, where the chart is too dense).
    const toggles = page.getByRole('button', { name: /^(Xem|Ẩn) bảng số liệu$/ });
    expect(await toggles.count()).toBe(await page.locator('.chart-panel').count());
    await page.getByRole('button', { name: 'Xem bảng số liệu' }).first().click();
    await expect(page.getByRole('button', { name: 'Ẩn bảng số liệu' }).first().getAttribute('aria-expanded')).resolves.toBe('true');

    // A chart downloads as a titled SVG.
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải ảnh SVG' }).first().click()]);
    expect(svg.suggestedFilename()).toMatch(/^phan-bo-xep-loai-theo-nhom.*\.svg$/);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toContain('<svg');
    expect(svgText).toContain('Phân bố xếp loại theo nhóm');
    await shot(page, 'dashboard-desktop');

    const phone = await open(`/cycles/${cycle2025}/dashboard?nhom=communes`, PHONE);
    await settle(phone, 4);
    await phone.getByRole('heading', { name: /Xếp hạng — UBND xã, phường/ }).waitFor({ state: 'visible' });
    await expectNoSideScroll(phone);
    await shot(phone, 'dashboard-phone');
  });

  it('no script errors on any page', () => {
    expect(errors).toEqual([]);
  });
});
