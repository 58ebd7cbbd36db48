/**
 * Which Chromium the browser tests get (e2e/browser.ts), as a contributor on a fresh machine meets
 * it: a wrong CHROMIUM_PATH stops at once naming the path; PARINDEX_BROWSER=packaged starts the
 * Chromium shipped in the @sparticuz/chromium devDependency and renders Vietnamese; a missing
 * browser names what to install.
 */
import { describe, expect, it } from 'vitest';
import { BrowserUnavailableError, describeBrowser, resolveBrowser } from './browser.ts';

describe('choosing the browser for the browser tests', () => {
  it('refuses a CHROMIUM_PATH that points nowhere, naming it, without trying anything else', async () => {
    const started = Date.now();
    const e = await resolveBrowser({ PATH: process.env.PATH, CHROMIUM_PATH: '/nonexistent/chromium' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BrowserUnavailableError);
    expect((e as Error).message).toContain('CHROMIUM_PATH=/nonexistent/chromium: không có tệp nào ở đường dẫn này');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an unknown PARINDEX_BROWSER value', async () => {
    await expect(resolveBrowser({ PATH: process.env.PATH, PARINDEX_BROWSER: 'firefox' })).rejects.toThrow('PARINDEX_BROWSER=firefox: chỉ nhận "packaged" hoặc "system"');
  });

  it('with PARINDEX_BROWSER=system and an empty PATH: Debian’s /usr/bin/chromium when installed, else a message saying what to install', async () => {
    // An empty PATH hides every system browser but Debian's fixed path; skip the case where that exists.
    const { existsSync } = await import('node:fs');
    if (existsSync('/usr/bin/chromium')) {
      const b = await resolveBrowser({ PATH: '', PARINDEX_BROWSER: 'system' });
      expect(b).toMatchObject({ source: 'system', executablePath: '/usr/bin/chromium' });
      return;
    }
    const e = await resolveBrowser({ PATH: '', PARINDEX_BROWSER: 'system' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BrowserUnavailableError);
    expect((e as Error).message).toContain('apt-get install chromium');
  });

  it('PARINDEX_BROWSER=packaged starts the Chromium of the npm package and shows Vietnamese', async () => {
    const b = await resolveBrowser({ PATH: process.env.PATH, PARINDEX_BROWSER: 'packaged' });
    expect(b.source).toBe('packaged');
    expect(b.executablePath).not.toBe('/usr/bin/chromium');
    expect(b.version).toMatch(/^\d+\./);
    expect(describeBrowser(b)).toContain('đóng gói trong @sparticuz/chromium');
  }, 90_000);
});
