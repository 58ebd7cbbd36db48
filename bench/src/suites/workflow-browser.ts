/**
 * A unit's self-assessment page (≈ 90 leaves) in Chromium (the one e2e/browser.ts picks): from navigation until the
 * first leaf's inputs can be used — `workflow.sheet.browser_ms` (target ≤ 1,000 ms), median of
 * five loads with a warm browser cache, as an officer reopening the page would see it.
 */
import { launchChromium, startServer } from '../../../e2e/server.ts';
import { median } from '../measure.ts';
import type { SuiteContext } from '../suites.ts';

export async function workflowBrowserSuite({ add, uses }: SuiteContext): Promise<void> {
  uses('embedded');
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('Tên đăng nhập').fill('tuphap.daumoi');
    await page.getByLabel('Mật khẩu').fill('SonHa-CCHC-2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/work\/cycles\/.+\/units\//, { timeout: 60_000 });
    const sheetUrl = page.url();
    const firstInput = page.getByLabel('Thuyết minh, giải thích').first();
    await firstInput.waitFor({ state: 'visible', timeout: 60_000 });
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = Date.now();
      await page.goto(sheetUrl);
      await firstInput.waitFor({ state: 'visible' });
      if (!(await firstInput.isEnabled())) throw new Error('the first leaf is not editable');
      if (i > 0) times.push(Date.now() - t0);
    }
    add('workflow.sheet.browser_ms', median(times), 'ms');
  } finally {
    await browser.close();
    await server.stop();
  }
}
