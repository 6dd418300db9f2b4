import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Real headless Chromium for the end-to-end tests and the web bench: Debian's
 * `chromium` (scripts/ensure-chromium.sh installs it), driven by
 * playwright-core. Each `launch` runs in a fresh temporary profile that
 * Playwright removes on close; each context is a clean, cookie-less session.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** What a real user's screen looks like for the tests and the screenshots (a laptop). */
export const VIEWPORT = { width: 1280, height: 800 } as const;

const ARGS = [
  '--no-sandbox', // containers and CI run as root, where Chromium's sandbox cannot start
  '--disable-gpu',
  // Nothing but the app under test on the network, and nothing that changes between runs.
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/** A fresh context (no cookies, no cache) with the standard viewport, and its first page. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  return { context, page: await context.newPage() };
}

/**
 * Collects the uncaught exceptions of a page, so a test can assert the app ran
 * cleanly. (Console errors are not counted: Chromium logs every 401 — the
 * expected answer to a visitor who has not signed in — as one.)
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  return errors;
}
