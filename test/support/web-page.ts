import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPage, pageErrors, VIEWPORT } from './browser.ts';
import { demoAccount, pollUntil, startDemoFederation, type DemoFederation, type DemoNode } from './demo-federation.ts';
import { repoRoot } from './shared.ts';

/**
 * What the browser tests do on a page of the web app, through the UI
 * contract (docs/web.md): sign in, wait for a heading or a text, and save a
 * screenshot when ACCORD_SCREENSHOTS=1.
 */

export const SCREENSHOTS = process.env.ACCORD_SCREENSHOTS === '1';
/** A full page, cut at three screens: a long table would otherwise make a picture of megabytes. */
const SCREENSHOT_MAX_HEIGHT = 3 * VIEWPORT.height;

/** Saves docs/screenshots/VIEW.png when ACCORD_SCREENSHOTS=1. `screen`: the window only (a modal's backdrop covers the window, not the page). */
export async function screenshot(page: Page, view: string, extent: 'page' | 'screen' = 'page'): Promise<void> {
  if (!SCREENSHOTS) return;
  const dir = path.join(repoRoot, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const height = extent === 'page' ? Math.min(await page.evaluate('document.documentElement.scrollHeight') as number, SCREENSHOT_MAX_HEIGHT) : VIEWPORT.height;
  await page.screenshot({ path: path.join(dir, `${view}.png`), fullPage: extent === 'page', clip: { x: 0, y: 0, width: VIEWPORT.width, height } });
}

/** Waits until the locator's text matches (the app renders data asynchronously); returns the text. */
export function textMatching(locator: Locator, pattern: RegExp, what: string, timeoutMs = 10_000): Promise<string> {
  return pollUntil(`${what} to match ${pattern}`, async () => {
    const text = await locator.innerText({ timeout: timeoutMs });
    return pattern.test(text) ? text : undefined;
  }, timeoutMs, 100);
}

/** The page's h1 with exactly this text. */
export const heading = (page: Page, name: string): Locator => page.getByRole('heading', { level: 1, name, exact: true });

/** Signs in at `node` through the login form; resolves on the dashboard. */
export async function signIn(page: Page, node: DemoNode, account = demoAccount(node)): Promise<void> {
  await page.goto(`${node.origin}/login`);
  await page.getByLabel('Account', { exact: true }).fill(account.name);
  await page.getByLabel('Secret', { exact: true }).fill(account.secret);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, 'Dashboard').waitFor();
}

/** A running demo federation and one browser page signed in at its UK node: where each browser test file starts. */
export interface WebSession {
  demo: DemoFederation;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page (pageErrors). */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Starts the demo federation, lets `prepare` look at it (or sync it) before a
 * browser opens, then signs in at the UK node. `close` stops both, whatever
 * state they are in.
 */
export async function openWebSession(prepare: (demo: DemoFederation) => Promise<void> = async () => {}): Promise<WebSession> {
  assert.ok(existsSync(path.join(repoRoot, 'dist', 'web', 'index.html')), 'the web app is built into dist/web: npm run build');
  const demo = await startDemoFederation();
  let browser: Browser | undefined;
  try {
    await prepare(demo);
    browser = await launchBrowser();
    const { page } = await newPage(browser);
    const errors = pageErrors(page);
    await signIn(page, demo.nodes.uk);
    const opened = browser;
    return { demo, browser: opened, page, errors, close: async () => { await opened.close(); await demo.stop(); } };
  } catch (error) {
    await browser?.close();
    await demo.stop();
    throw error;
  }
}
