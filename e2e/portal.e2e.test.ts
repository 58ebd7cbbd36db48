/**
 * The public portal in Chromium: the home page, a year's results, a unit's scorecard
 * (desktop 1366×768 and phone 390×844) and the dashboard, on the seeded demo province. Saves
 * full-page PNGs under e2e/artifacts/portal/ for a person to look at.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, e2eSession } from './session.ts';

const PHONE = { width: 390, height: 844 };
/** Layout sizes are fractional and rounded to whole pixels: geometry is compared within one pixel. */
const PX = 1;
/** Every letter of the Vietnamese alphabet with a diacritic, lower and upper case. */
const VIETNAMESE_LETTERS = 'ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ';

interface ResultsDto {
  groups: { summary: { name: string }; units: { unitId: string; unitCode: string; unitName: string; indexRounded: string; classification: string; rank: number }[] }[];
}

/** A decimal as the Vietnamese page shows it: "86.30" → "86,30". */
const vi = (decimal: string) => decimal.replace('.', ',');

describe('public portal in Chromium', () => {
  const session = e2eSession('portal');
  const { errors } = session;
  let cycle2025: string;
  let cycle2024: string;

  beforeAll(async () => {
    const cycles = (await (await fetch(`${session.server.url}/api/cycles`)).json()) as { id: string; year: number }[];
    cycle2025 = cycles.find((c) => c.year === 2025)!.id;
    cycle2024 = cycles.find((c) => c.year === 2024)!.id;
  });

  async function open(pathname: string, viewport = DESKTOP): Promise<Page> {
    const page = await session.newPage(pathname, { viewport, acceptDownloads: true, consoleErrors: true });
    await page.goto(session.server.url + pathname, { waitUntil: 'networkidle' });
    return page;
  }

  /** Waits for the charts to be drawn (lazy chunk, then ECharts' 300 ms animation). */
  async function settle(page: Page, canvases: number) {
    if (canvases > 0) await page.waitForFunction((n) => document.querySelectorAll('canvas').length >= n, canvases, { timeout: 30_000 });
    await page.waitForTimeout(800);
  }

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(session.artifacts, `${name}.png`), fullPage: true });
    await page.close();
  }

  /** How far the document is wider than the screen (0 when nothing scrolls sideways). */
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  /** A phone-sized page must not scroll sideways (tables scroll inside their own frame). */
  async function expectNoSideScroll(page: Page) {
    expect(await overflow(page), 'the page must not scroll sideways on a phone').toBeLessThanOrEqual(PX);
  }

  const results = async (cycleId: string) => (await (await fetch(`${session.server.url}/api/cycles/${cycleId}/results`)).json()) as ResultsDto;

  async function unitId(cycleId: string, code: string): Promise<string> {
    return (await results(cycleId)).groups.flatMap((g) => g.units).find((u) => u.unitCode === code)!.unitId;
  }

  /**
   * Vietnamese letters the page's own font stack cannot draw: each is drawn on a canvas and
   * compared with an unassigned code point (the missing-glyph box) and with nothing drawn.
   */
  const undrawnLetters = (page: Page) =>
    page.evaluate((letters) => {
      const font = `32px ${getComputedStyle(document.body).fontFamily}`;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.canvas.width = ctx.canvas.height = 48;
      const draw = (ch: string) => {
        ctx.clearRect(0, 0, 48, 48);
        ctx.font = font;
        ctx.fillText(ch, 4, 36);
        return ctx.getImageData(0, 0, 48, 48).data.join(',');
      };
      const box = draw('\u{10FFFD}');
      const blank = draw(' ');
      return [...letters, ...letters.toUpperCase()].filter((ch) => [box, blank].includes(draw(ch)));
    }, VIETNAMESE_LETTERS);

  it('home: the newest published year, years, downloads, unit links', async () => {
    const page = await open('/');
    await settle(page, 3);
    await expect(page.title()).resolves.toContain('2025');
    await page.getByRole('heading', { level: 2, name: 'Kết quả Chỉ số CCHC năm 2025' }).waitFor({ state: 'visible' });
    await page.getByRole('navigation', { name: 'Các năm đã công bố' }).getByRole('link', { name: '2024' }).waitFor({ state: 'visible' });
    await expect(page.getByRole('link', { name: 'Excel (.xlsx)' }).getAttribute('href')).resolves.toBe(`/api/cycles/${cycle2025}/results/export?format=xlsx`);
    await expect(page.getByRole('link', { name: 'Sở Tư pháp' }).count()).resolves.toBeGreaterThan(0);
    // The browser draws every Vietnamese letter in the page's fonts (no boxes, nothing blank).
    expect(await undrawnLetters(page)).toEqual([]);
    await shot(page, 'home-desktop');

    const phone = await open('/', PHONE);
    await settle(phone, 3);
    await expectNoSideScroll(phone);
    await shot(phone, 'home-phone');
  });

  it('results of an earlier year (imported totals, pre-merger units)', async () => {
    const api2024 = await results(cycle2024);
    const units2024 = api2024.groups.flatMap((g) => g.units);
    const codes2025 = new Set((await results(cycle2025)).groups.flatMap((g) => g.units).map((u) => u.unitCode));
    const page = await open(`/cycles/${cycle2024}`);
    await settle(page, 3);
    await page.getByRole('heading', { level: 2, name: 'Kết quả Chỉ số CCHC năm 2024' }).waitFor({ state: 'visible' });

    // One table per group, one row per unit of the 2024 cycle.
    await expect.poll(() => page.locator('.results-table').count()).toBe(api2024.groups.length);
    await expect.poll(() => page.locator('.results-table tbody tr.ant-table-row').count()).toBe(units2024.length);
    // Each group's first unit: its index with a decimal comma, its class and rank, in its row.
    for (const group of api2024.groups) {
      const first = group.units[0];
      const row = page.locator('.results-table tbody tr.ant-table-row').filter({ has: page.getByRole('link', { name: first.unitName, exact: true }) });
      const cells = (await row.first().getByRole('cell').allTextContents()).map((c) => c.trim());
      expect(cells, `${group.summary.name}: ${first.unitName}`).toEqual(expect.arrayContaining([vi(first.indexRounded), first.classification, String(first.rank)]));
    }
    // Units merged away since 2024 are listed under their own names.
    const gone = units2024.filter((u) => !codes2025.has(u.unitCode));
    expect(gone.length).toBeGreaterThan(0);
    for (const u of gone) await expect(page.getByRole('link', { name: u.unitName, exact: true }).count(), u.unitName).resolves.toBe(1);
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
    await expectNoSideScroll(phone);
    await shot(phone, 'scorecard-phone');
  });

  it('a merged commune’s scorecard says its earlier years are a weighted average', async () => {
    const id = await unitId(cycle2025, 'phuong-tan-lap');
    const card = (await (await fetch(`${session.server.url}/api/cycles/${cycle2025}/units/${id}`)).json()) as { trend: { year: number; basis: string; indexRounded: string }[] };
    const weighted = card.trend.filter((p) => p.basis === 'weighted');
    expect(weighted.length).toBeGreaterThan(0);
    const page = await open(`/cycles/${cycle2025}/units/${id}`);
    await settle(page, 2);
    const trend = page.getByRole('region', { name: 'Diễn biến qua các năm' });
    await trend.getByText('Với đơn vị hình thành do hợp nhất, chỉ số các năm trước là bình quân có trọng số của các đơn vị cũ; không so sánh thứ hạng.').waitFor({ state: 'visible' });
    // One row per year: earlier years are the predecessors' weighted average, with the index and no rank.
    const rows = trend.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(card.trend.length);
    for (const p of weighted) {
      const cells = (await rows.filter({ has: page.getByRole('cell', { name: String(p.year), exact: true }) }).getByRole('cell').allTextContents()).map((c) => c.trim());
      expect(cells, String(p.year)).toEqual(expect.arrayContaining([vi(p.indexRounded), 'không so sánh', 'Bình quân có trọng số của các đơn vị trước hợp nhất']));
    }
    await expect(rows.filter({ hasText: 'Năm đang xem' }).getByRole('cell', { name: '2025', exact: true }).count()).resolves.toBe(1);
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
