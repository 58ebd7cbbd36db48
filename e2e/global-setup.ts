/**
 * Runs once before vitest starts the browser test files: chooses the Chromium (e2e/browser.ts) —
 * or takes the one `npm test` chose — and hands it to the workers in PARINDEX_RESOLVED_BROWSER.
 * When none can start, no file runs and the error says what to install.
 */
import { BrowserUnavailableError, RESOLVED_BROWSER_ENV, chosenBrowser, describeBrowser } from './browser.ts';

export default async function setup(): Promise<void> {
  try {
    const browser = await chosenBrowser();
    process.env[RESOLVED_BROWSER_ENV] = JSON.stringify(browser);
    console.log(`[e2e] Trình duyệt: ${describeBrowser(browser)}`);
  } catch (e) {
    if (e instanceof BrowserUnavailableError) console.error(`\n[e2e] ${e.message}\n`);
    throw e;
  }
}
