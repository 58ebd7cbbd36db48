/**
 * The national indices in Chromium: the dashboard's section (rank vs target per index,
 * PAPI's 8 dimensions) on the demo province, desktop and phone, and the secretariat's entry page.
 * Full-page PNGs under e2e/artifacts/external/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type RunningServer, startServer, launchChromium } from './server.ts';

const ARTIFACTS = path.join(ROOT, 'e2e/artifacts/external');

describe('national indices in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(pathname: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1, locale: 'vi-VN' });
    page.on('pageerror', (e) => errors.push(`${pathname}: ${e.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`${pathname}: ${msg.text()}`);
    });
    await page.goto(server.url + pathname, { waitUntil: 'networkidle' });
    return page;
  }

  it('shows the external indices section on the dashboard', async () => {
    for (const [name, viewport] of [['dashboard-desktop', { width: 1366, height: 768 }], ['dashboard-phone', { width: 390, height: 844 }]] as const) {
      const page = await open('/dashboard', viewport);
      const section = page.getByTestId('external-indices');
      await section.waitFor({ timeout: 30_000 });
      await expect(section.getByRole('heading', { name: 'Vị trí của tỉnh trong các chỉ số quốc gia' }).count()).resolves.toBe(1);
      await expect(section.getByRole('heading', { name: /PAR Index: thứ hạng/ }).count()).resolves.toBe(1);
      await expect(section.getByRole('heading', { name: /PAPI 2024: 8 chỉ số nội dung/ }).count()).resolves.toBe(1);
      await expect(section.getByText('còn 4 bậc').count()).resolves.toBeGreaterThan(0);
      await page.waitForTimeout(1200);
      await section.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
      await page.close();
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
