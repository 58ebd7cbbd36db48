/**
 * The read-only work pages on a phone (390×844) in Chromium, on the seeded demo province:
 * the provincial leader (lanhdao, read-only) opens the status board and a unit's sheet and a
 * leaf's history. The document never scrolls sideways; the wide board table scrolls inside its
 * own box and its last column can be reached; the history drawer fits the screen. Then the same
 * sheet in English. Screenshots: e2e/artifacts/work-phone/.
 * Run: npx vitest run --config e2e/vitest.config.ts e2e/work-phone.e2e.test.ts
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, e2eSession } from './session.ts';

const PHONE = { width: 390, height: 844 };
/** Layout sizes are fractional (390.00003 for a full-width drawer) and rounded to whole pixels: geometry is compared within one pixel. */
const PX = 1;

describe('read-only work pages on a phone', () => {
  const session = e2eSession('work-phone');
  const { errors, shot } = session;

  /** How far the document is wider than the screen (0 when nothing scrolls sideways). */
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it('shows the leader the status board, a unit sheet and a history without sideways page scroll', async () => {
    const context = await session.browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${session.server.url}/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('Tên đăng nhập').fill('lanhdao');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/work\/cycles\/[^/]+\/board$/, { timeout: 20_000 });

    // 1. The status board: a unit's row is there, the page itself does not scroll sideways.
    await page.getByRole('heading', { name: 'Theo dõi tiến độ — năm 2026' }).waitFor();
    const unitLink = page.getByRole('link', { name: 'Sở Công Thương', exact: true });
    await unitLink.waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(PX);
    // The reminders button is not a second "Thông báo" (that name is the announcements).
    await page.getByRole('button', { name: /^Nhắc việc/ }).waitFor();
    await shot(page, '01-board');

    // The table is wider than the phone and scrolls inside its own box, so its last column is reachable.
    const box = page.locator('.board .ant-table-content');
    const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    const lastHeader = page.getByRole('columnheader', { name: 'Cập nhật gần nhất' });
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => box.evaluate((el) => el.scrollWidth - el.clientWidth - el.scrollLeft)).toBeLessThanOrEqual(PX);
    const header = await lastHeader.boundingBox();
    expect(header).not.toBeNull();
    expect(header!.x).toBeGreaterThanOrEqual(-PX);
    expect(header!.x + header!.width).toBeLessThanOrEqual(PHONE.width + PX);
    expect(await overflow(page)).toBeLessThanOrEqual(PX);
    await shot(page, '02-board-scrolled');

    // 2. The unit's sheet, read-only, every field open.
    await box.evaluate((el) => el.scrollTo({ left: 0 }));
    await unitLink.click();
    await page.getByRole('heading', { name: 'Tự đánh giá Chỉ số CCHC năm 2026 — Sở Công Thương' }).waitFor();
    await page.getByRole('button', { name: 'Mở tất cả' }).click();
    const leaf = page.getByRole('article', { name: /^1\.1\.1 / });
    await leaf.waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(PX);
    // A leader cannot change a unit's note.
    await expect(leaf.getByLabel('Thuyết minh, giải thích').isDisabled()).resolves.toBe(true);
    await shot(page, '03-sheet');

    // 3. A leaf's history: the drawer fits the phone.
    await page.getByRole('button', { name: 'Lịch sử 1.1.1' }).click();
    const drawer = page.getByRole('dialog', { name: 'Lịch sử tiêu chí 1.1.1' });
    await drawer.getByText('Điểm qua từng giai đoạn').waitFor();
    const d = await drawer.boundingBox();
    expect(d).not.toBeNull();
    expect(d!.x).toBeGreaterThanOrEqual(-PX);
    expect(d!.width).toBeLessThanOrEqual(PHONE.width + PX);
    expect(await overflow(page)).toBeLessThanOrEqual(PX);
    await shot(page, '04-history');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // 4. In English the sheet and the work bar change language, and still fit.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'PAR Index 2026 self-assessment — Sở Công Thương' }).waitFor();
    await page.getByRole('button', { name: /^Reminders/ }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(PX);
    await shot(page, '05-sheet-en');

    expect(errors).toEqual([]);
    await context.close();
  });
});
