/**
 * `npm run bench -- web [--loads 10] [--nodes 2000] [--seconds 3] [--runs 5]` (issue 6, Performance)
 *
 * Needs the built CLI and web app (`npm run build`). Starts the demo
 * federation (`accord demo`, as the browser tests do) and drives the UK node in
 * headless Chromium (test/support/browser.ts: Debian's chromium, playwright-core):
 *
 *   (a) first load: the static files of the app as the server sends them with
 *       `Accept-Encoding: gzip` (plain Node HTTP, no browser), next to their gzip
 *       size (zlib, level 9) when the server does not compress, and the
 *       build's chunks that load only when a view first needs them; then LOADS cold
 *       loads, each in a fresh browser context (empty cache, no cookies):
 *       navigation start → the login page interactive (its Sign in button in the
 *       DOM: React has rendered, so its handlers are attached), bytes the
 *       browser received (bodies as transferred, plus headers); the sign-in
 *       (submit → the dashboard's data rendered); and a cold load of `/` with a
 *       session cookie, navigation start → the dashboard's data rendered
 *       (its "Sync health" section, which is drawn from the /api/dashboard answer).
 *   (b) graph of NODES nodes: the app's own graph view (/graph/:id, its
 *       cytoscape component, its layout), with the browser's answer to
 *       `/api/graph/:id` replaced (Playwright `page.route`) by a synthetic
 *       neighbourhood of NODES nodes — a hub, 40 groups, the rest leaves — since
 *       the API caps a neighbourhood and the demo holds a few hundred objects.
 *       Once laid out, RUNS times: `cy.panBy` on every animation frame for
 *       SECONDS, counting requestAnimationFrame callbacks.
 *
 * Limits in the same run: the same static bytes fetched by plain Node HTTP
 * (no parsing, no rendering); the frame rate of an empty page panned the same
 * way (the headless browser's own frame clock).
 */
import { request } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { GraphData, ObjectSummary } from '../src/server/api/contract.ts';
import { buildDemoScenario } from '../src/workflows/demo/scenario.ts';
import { launchBrowser, newPage, VIEWPORT } from '../test/support/browser.ts';
import { demoAccount, startDemoFederation, type DemoNode } from '../test/support/demo-federation.ts';
import { option } from './match.ts';

const webRoot = fileURLToPath(new URL('../dist/web/', import.meta.url));

/** Marks set in the page, in ms since its navigation start, as the app reaches each point (checked on every DOM change). */
const MARKS_SCRIPT = `
window.__marks = {};
const seen = (selector, text) => [...document.querySelectorAll(selector)].some((element) => element.textContent.trim() === text);
const check = () => {
  const marks = window.__marks;
  if (marks.login === undefined && seen('button', 'Sign in')) marks.login = performance.now();
  if (marks.dashboard === undefined && seen('h2', 'Sync health')) marks.dashboard = performance.now();
};
new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
document.addEventListener('submit', () => { window.__marks.submit = performance.now(); }, true);
`;

/** Pans `cy` (or nothing: the empty-page limit) on every frame for `seconds`; answers each frame's interval in ms. */
const PAN_SCRIPT = `async ({ seconds, graph }) => {
  const cy = graph ? [...document.querySelectorAll('[data-testid="graph"], [data-testid="graph"] *')].map((element) => element._cyreg?.cy).find(Boolean) : undefined;
  if (graph && !cy) throw new Error('no cytoscape instance in [data-testid="graph"]');
  const intervals = [];
  await new Promise((resolve) => {
    let start, last, frame = 0;
    const step = (now) => {
      if (start === undefined) start = last = now;
      else { intervals.push(now - last); last = now; }
      // A slow circle: every frame moves the view, as a drag does.
      if (cy) cy.panBy({ x: 6 * Math.cos(frame / 30), y: 6 * Math.sin(frame / 30) });
      frame++;
      if (now - start < seconds * 1000) requestAnimationFrame(step); else resolve();
    };
    requestAnimationFrame(step);
  });
  return intervals;
}`;

interface Marks {
  login?: number;
  dashboard?: number;
  submit?: number;
}

interface StaticFile {
  path: string;
  status: number;
  encoding: string;
  /** Body bytes as sent. */
  wire: number;
  /** Body bytes decoded. */
  raw: number;
  /** What gzip -9 would make of the body. */
  gzip: number;
}

interface LoadSample {
  loginMs: number;
  loginBytes: number;
  loginRequests: number;
  signInMs: number;
  dashboardColdMs: number;
  dashboardBytes: number;
}

export async function main(args: string[]): Promise<void> {
  const loads = Number(option(args, '--loads', '10'));
  const nodeCount = Number(option(args, '--nodes', '2000'));
  const seconds = Number(option(args, '--seconds', '3'));
  const runs = Number(option(args, '--runs', '5'));
  if (![loads, nodeCount, runs].every(Number.isInteger) || loads < 1 || nodeCount < 42 || runs < 1 || !(seconds > 0)) {
    console.error('usage: npm run bench -- web [--loads 10] [--nodes 2000] [--seconds 3] [--runs 5]  (nodes ≥ 42)');
    process.exitCode = 64;
    return;
  }
  if (!existsSync(path.join(webRoot, 'index.html'))) {
    console.error('dist/web/index.html is missing: npm run build');
    process.exitCode = 1;
    return;
  }
  console.error('starting the demo federation…');
  const demo = await startDemoFederation({ syncInterval: 10 });
  let browser: Browser | undefined;
  try {
    const uk = demo.nodes.uk;
    console.error('(a) static files over plain HTTP…');
    const files = await staticFiles(uk.origin);
    const floor = await plainFetchMs(uk.origin, files.first.map((file) => file.path));
    browser = await launchBrowser();
    const samples: LoadSample[] = [];
    for (let i = 0; i < loads; i++) {
      console.error(`(a) cold load ${i + 1}/${loads}…`);
      samples.push(await coldLoad(browser, uk));
    }
    console.error(`(b) graph of ${nodeCount} nodes, ${runs} × ${seconds} s of panning…`);
    const graph = await graphFps(browser, uk, nodeCount, seconds, runs);
    const empty = await emptyPageFps(browser, seconds);
    printReport(args, browser.version(), files, floor, samples, graph, empty, { nodeCount, seconds, runs });
  } finally {
    await browser?.close();
    await demo.stop();
  }
}

// ---- (a) first load ---------------------------------------------------------------

/** GET with `Accept-Encoding: gzip`, nothing decoded: the body as the server sends it. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': 'gzip', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject).end();
  });
}

/**
 * `first`: index.html and every file it loads (scripts, styles, module
 * preloads, icons); `onDemand`: the build's other assets (chunks of views
 * loaded when first opened, e.g. the graph's cytoscape); each as served.
 */
async function staticFiles(origin: string): Promise<{ first: StaticFile[]; onDemand: StaticFile[] }> {
  const html = (await staticFile(origin, '/')).body.toString('utf8');
  const first = ['/', ...new Set([...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]!))];
  // The .br/.gz copies beside each file (scripts/precompress.js) are encodings of it, not files of their own.
  const built = readdirSync(path.join(webRoot, 'assets')).filter((file) => !/\.(?:br|gz)$/.test(file)).map((file) => `/assets/${file}`).filter((file) => !first.includes(file));
  return {
    first: await Promise.all(first.map(async (file) => (await staticFile(origin, file)).file)),
    onDemand: await Promise.all(built.map(async (file) => (await staticFile(origin, file)).file)),
  };
}

async function staticFile(origin: string, file: string): Promise<{ file: StaticFile; body: Buffer }> {
  const response = await rawGet(`${origin}${file}`, { accept: 'text/html,*/*' });
  if (response.status !== 200) throw new Error(`GET ${file}: ${response.status}`);
  const encoding = String(response.headers['content-encoding'] ?? 'identity');
  const body = decode(response.body, encoding);
  return { file: { path: file, status: response.status, encoding, wire: response.body.length, raw: body.length, gzip: gzipSync(body, { level: 9 }).length }, body };
}

function decode(body: Buffer, encoding: string): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === '' || encoding === 'identity') return body;
  throw new Error(`unexpected content-encoding ${encoding}`);
}

/** The physical limit: the same files fetched by Node over loopback, all at once, nothing parsed (median of 10). */
async function plainFetchMs(origin: string, paths: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await Promise.all(paths.map((file) => rawGet(`${origin}${file}`)));
    times.push(performance.now() - started);
  }
  return median(times);
}

async function signedInCookie(node: DemoNode): Promise<{ name: string; value: string }> {
  const account = demoAccount(node);
  const response = await fetch(`${node.origin}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: account.name, secret: account.secret }),
  });
  const cookie = /^([^=]+)=([^;]*)/.exec(response.headers.get('set-cookie') ?? '');
  if (!response.ok || cookie === null) throw new Error(`POST /api/session: ${response.status} ${await response.text()}`);
  return { name: cookie[1]!, value: cookie[2]! };
}

/** Bytes the browser received for every request of the page (bodies as transferred, plus headers). */
function transferred(page: Page): { bytes: () => number; requests: () => number; settled: () => Promise<void> } {
  let bytes = 0;
  let requests = 0;
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (finished) => {
    pending.push(finished.sizes().then((sizes) => {
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      requests++;
    }));
  });
  return { bytes: () => bytes, requests: () => requests, settled: async () => { await Promise.all(pending); } };
}

/** Waits for the page's mark `name`; answers all its marks. (A function, not a string: the app's CSP forbids the eval a string predicate needs.) */
async function marks(page: Page, name: keyof Marks): Promise<Marks> {
  const handle = await page.waitForFunction((mark) => {
    const all = (globalThis as { __marks?: Marks }).__marks;
    return all?.[mark] === undefined ? undefined : all;
  }, name, { timeout: 30_000, polling: 50 });
  return await handle.jsonValue() as Marks;
}

async function coldLoad(browser: Browser, node: DemoNode): Promise<LoadSample> {
  const { context, page } = await newPage(browser);
  try {
    await context.addInitScript({ content: MARKS_SCRIPT });
    const traffic = transferred(page);
    await page.goto(`${node.origin}/login`, { waitUntil: 'commit' });
    const login = await marks(page, 'login');
    await page.waitForLoadState('networkidle');
    await traffic.settled();
    const loginBytes = traffic.bytes();
    const loginRequests = traffic.requests();
    const account = demoAccount(node);
    await page.getByLabel('Account', { exact: true }).fill(account.name);
    await page.getByLabel('Secret', { exact: true }).fill(account.secret);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const signedIn = await marks(page, 'dashboard');
    const signInMs = signedIn.dashboard! - signedIn.submit!;

    // A cold load of the dashboard with a session: a fresh context holding only the cookie.
    const { context: cold, page: dashboardPage } = await newPage(browser);
    try {
      await cold.addInitScript({ content: MARKS_SCRIPT });
      await cold.addCookies([{ ...(await signedInCookie(node)), url: node.origin }]);
      const dashboardTraffic = transferred(dashboardPage);
      await dashboardPage.goto(`${node.origin}/`, { waitUntil: 'commit' });
      const dashboard = await marks(dashboardPage, 'dashboard');
      await dashboardPage.waitForLoadState('networkidle');
      await dashboardTraffic.settled();
      return { loginMs: login.login!, loginBytes, loginRequests, signInMs, dashboardColdMs: dashboard.dashboard!, dashboardBytes: dashboardTraffic.bytes() };
    } finally {
      await cold.close();
    }
  } finally {
    await context.close();
  }
}

// ---- (b) graph of NODES nodes -------------------------------------------------------

/** A hub (the real start object), 40 groups around it, the remaining nodes as leaves of the groups. */
function syntheticGraph(hub: ObjectSummary, nodeCount: number): GraphData {
  const groups = 40;
  const nodes: ObjectSummary[] = [hub];
  const edges: GraphData['edges'] = [];
  const types = ['indicator', 'malware', 'infrastructure', 'campaign', 'attack-pattern', 'sighting'];
  for (let i = 1; i < nodeCount; i++) {
    const id = `${types[i % types.length]}--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    nodes.push({ ...hub, id, type: id.split('--')[0]!, name: `Synthetic node ${i}`, tlp: 'green', marked: true, labels: [] });
    const parent = i <= groups ? hub.id : nodes[1 + ((i - groups - 1) % groups)]!.id;
    edges.push({ source: parent, target: id, kind: 'related-to' });
  }
  return { nodes, edges, truncated: false };
}

async function graphFps(browser: Browser, node: DemoNode, nodeCount: number, seconds: number, runs: number): Promise<{ loadMs: number; intervals: number[][] }> {
  const intrusionSet = buildDemoScenario().nodes.uk.objects.find((object) => object.type === 'intrusion-set')!;
  const { context, page } = await newPage(browser);
  try {
    await context.addCookies([{ ...(await signedInCookie(node)), url: node.origin }]);
    const hub = (await (await context.request.get(`${node.origin}/api/objects/${encodeURIComponent(intrusionSet.id)}`)).json() as { summary: ObjectSummary }).summary;
    const graph = syntheticGraph(hub, nodeCount);
    await page.route('**/api/graph/**', (route) => route.fulfill({ json: graph }));
    const started = performance.now();
    await page.goto(`${node.origin}/graph/${encodeURIComponent(intrusionSet.id)}`);
    await page.getByTestId('graph-node-count').filter({ hasText: new RegExp(`^\\s*${nodeCount.toLocaleString('en-GB')} nodes|^\\s*${nodeCount} nodes`) }).waitFor({ timeout: 120_000 });
    await layoutSettled(page);
    const loadMs = performance.now() - started;
    const intervals: number[][] = [];
    for (let run = 0; run < runs; run++) intervals.push(await page.evaluate(`(${PAN_SCRIPT})(${JSON.stringify({ seconds, graph: true })})`) as number[]);
    return { loadMs, intervals };
  } finally {
    await context.close();
  }
}

/** Waits until cytoscape's node positions stop changing (an animated or iterative layout has finished). */
async function layoutSettled(page: Page): Promise<void> {
  const snapshot = `(() => {
    const cy = [...document.querySelectorAll('[data-testid="graph"], [data-testid="graph"] *')].map((element) => element._cyreg?.cy).find(Boolean);
    return cy ? JSON.stringify(cy.nodes().slice(0, 50).map((node) => node.position())) : '';
  })()`;
  let previous = '';
  for (let i = 0; i < 600; i++) {
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))');
    const current = await page.evaluate(snapshot) as string;
    if (current !== '' && current === previous) return;
    previous = current;
  }
  throw new Error('the graph layout did not settle');
}

async function emptyPageFps(browser: Browser, seconds: number): Promise<number[]> {
  const { context, page } = await newPage(browser);
  try {
    await page.setContent('<!doctype html><title>empty</title>');
    return await page.evaluate(`(${PAN_SCRIPT})(${JSON.stringify({ seconds, graph: false })})`) as number[];
  } finally {
    await context.close();
  }
}

// ---- report --------------------------------------------------------------------------

function printReport(args: string[], browserVersion: string, { first: files, onDemand }: { first: StaticFile[]; onDemand: StaticFile[] }, floorMs: number, samples: LoadSample[], graph: { loadMs: number; intervals: number[][] },
  empty: number[], options: { nodeCount: number; seconds: number; runs: number }): void {
  const say = (line: string) => console.log(line);
  const sum = (pick: (file: StaticFile) => number, of = files) => of.reduce((total, file) => total + pick(file), 0);
  const compressed = files.some((file) => file.encoding === 'gzip');
  const fps = (intervals: number[]) => 1000 / mean(intervals);
  const runFps = graph.intervals.map(fps);
  const allIntervals = graph.intervals.flat();
  const cpus = os.cpus();

  say('');
  say('| file | as sent | encoding | decoded | gzip -9 |');
  say('|---|---:|---|---:|---:|');
  for (const file of files) say(`| ${file.path} | ${kb(file.wire)} | ${file.encoding} | ${kb(file.raw)} | ${kb(file.gzip)} |`);
  say(`| **first load** | ${kb(sum((file) => file.wire))} | | ${kb(sum((file) => file.raw))} | ${kb(sum((file) => file.gzip))} |`);
  for (const file of onDemand) say(`| ${file.path} (on demand) | ${kb(file.wire)} | ${file.encoding} | ${kb(file.raw)} | ${kb(file.gzip)} |`);
  say('');
  say('```markdown');
  say(`Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, Chromium ${browserVersion} headless (software rendering, --disable-gpu), viewport ${VIEWPORT.width}×${VIEWPORT.height}; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  say(`Date: ${new Date().toISOString().slice(0, 10)}; command: npm run bench -- web${args.length > 0 ? ` ${args.join(' ')}` : ''} (demo federation, UK node)`);
  say('');
  say('| what | figure |');
  say('|---|---:|');
  say(`| first load, static files (index.html + ${files.length - 1} assets) as the server sends them with \`Accept-Encoding: gzip\` | ${kb(sum((file) => file.wire))} (${compressed ? 'compressed by the server' : '**not compressed by the server**'}) |`);
  say(`| the same files decoded · gzip -9 of each (computed here${compressed ? '' : ': what compression would send'}) | ${kb(sum((file) => file.raw))} · ${kb(sum((file) => file.gzip))} |`);
  say(`| loaded on demand, not at first load (${onDemand.map((file) => path.basename(file.path)).join(', ')}): as sent · gzip -9 | ${kb(sum((file) => file.wire, onDemand))} · ${kb(sum((file) => file.gzip, onDemand))} |`);
  say(`| bytes the browser received for the login page (bodies as transferred + headers, ${median(samples.map((s) => s.loginRequests))} requests), median of ${samples.length} cold loads | ${kb(median(samples.map((s) => s.loginBytes)))} |`);
  say(`| time to interactive, login page: navigation start → Sign in rendered, median · worst of ${samples.length} cold loads (fresh context each) | ${msText(median(samples.map((s) => s.loginMs)))} · ${msText(Math.max(...samples.map((s) => s.loginMs)))} |`);
  say(`| sign-in: submit → dashboard data rendered, median · worst | ${msText(median(samples.map((s) => s.signInMs)))} · ${msText(Math.max(...samples.map((s) => s.signInMs)))} |`);
  say(`| cold load of the dashboard with a session: navigation start → dashboard data rendered, median · worst (${kb(median(samples.map((s) => s.dashboardBytes)))} received) | ${msText(median(samples.map((s) => s.dashboardColdMs)))} · ${msText(Math.max(...samples.map((s) => s.dashboardColdMs)))} |`);
  say(`| limit: the same static files fetched by plain Node HTTP over loopback, all at once (median of 10) | ${msText(floorMs)} |`);
  say(`| graph of ${options.nodeCount.toLocaleString('en-GB')} nodes: navigation → laid out and still | ${msText(graph.loadMs)} |`);
  say(`| panning it (\`cy.panBy\` every frame, ${options.runs} runs × ${options.seconds} s): fps median · worst run · longest frame | ${median(runFps).toFixed(1)} · ${Math.min(...runFps).toFixed(1)} · ${msText(Math.max(...allIntervals))} |`);
  say(`| limit: an empty page, the same frame loop: fps · longest frame | ${fps(empty).toFixed(1)} · ${msText(Math.max(...empty))} |`);
  say('```');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const msText = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
