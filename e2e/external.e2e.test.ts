/**
 * The national indices in Chromium: the dashboard's section (rank vs target per index,
 * PAPI's 8 dimensions) on the demo province, desktop and phone, and the secretariat's entry page.
 * Full-page PNGs under e2e/artifacts/external/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, e2eSession } from './session.ts';


describe('national indices in Chromium', () => {
  const session = e2eSession('external');
  const { errors } = session;

  async function open(pathname: string, viewport = DESKTOP): Promise<Page> {
    const page = await session.newPage(pathname, { viewport, consoleErrors: true });
    await page.goto(session.server.url + pathname, { waitUntil: 'networkidle' });
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
      await section.screenshot({ path: path.join(session.artifacts, `${name}.png`) });
      await page.close();
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
