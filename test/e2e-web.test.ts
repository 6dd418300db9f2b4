/**
 * The web application end to end (issue 6, docs/e2e.md): the demo federation
 * (`accord demo`, built CLI and SPA) driven in real headless Chromium through
 * the UI contract (docs/web.md "Views": paths, labels, roles, test ids) — sign
 * in at the UK as the admin, walk every view, then change the UK's outbound
 * agreement with AU in the UI and watch AU's explorer find what that change
 * lets through. With ACCORD_SCREENSHOTS=1 each view is saved to
 * docs/screenshots/VIEW.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Partner, SharingAgreement } from '../src/federation/model.ts';
import { decide, effectiveTlp } from '../src/federation/policy.ts';
import { parsePattern } from '../src/pattern/index.ts';
import type { AgreementView, GraphData, ObjectList, PartnerView } from '../src/server/api/contract.ts';
import type { StixObject } from '../src/stix/object.ts';
import { buildDemoScenario, demoAgreementId } from '../src/workflows/demo/scenario.ts';
import { newPage, pageErrors } from './support/browser.ts';
import {
  adminApi, pollUntil, syncRound, syncRunAfter, type DemoFederation, type DemoNode,
} from './support/demo-federation.ts';
import { heading, openWebSession, screenshot, signIn, textMatching, type WebSession } from './support/web-page.ts';

const scenario = buildDemoScenario();
const ukObjects = scenario.nodes.uk.objects;
const named = (object: StixObject): string => String(object.name);

/** The UK's intrusion set (GLASS HERON): what the explorer searches for and the graph starts from. */
const intrusionSet = ukObjects.find((object) => object.type === 'intrusion-set')!;
/** FIRST's TLP colours (text on black), as the ui-spec gives them. */
const TLP_TEXT_COLOUR: Record<string, string> = { clear: 'rgb(255, 255, 255)', green: 'rgb(51, 255, 0)', amber: 'rgb(255, 192, 0)', 'amber+strict': 'rgb(255, 192, 0)', red: 'rgb(255, 43, 43)' };

// ---- The agreement change: which UK object only the UK's outbound agreement with AU keeps from AU ----

const OUTBOUND_ID = demoAgreementId({ partner: 'au', arrangement: 'bilateral', direction: 'outbound' });
const AU_INBOUND_ID = demoAgreementId({ partner: 'uk', arrangement: 'bilateral', direction: 'inbound' });
const ADDED_LEVEL = 'amber+strict';

function ukAgreementsWithAu(widened: boolean): SharingAgreement[] {
  return scenario.agreements.uk.filter((agreement) => agreement.partner === 'au').map(({ arrangement, ...terms }) => {
    const id = demoAgreementId({ ...terms, arrangement });
    return { ...terms, id, updatedAt: scenario.now, tlp: widened && id === OUTBOUND_ID ? [...terms.tlp, ADDED_LEVEL] : terms.tlp };
  });
}

function allowedToAu(object: StixObject, agreements: SharingAgreement[]): boolean {
  const au: Partner = { name: 'au', kind: 'state', identityId: scenario.nodes.au.identity.id, accountName: 'au-node', createdAt: scenario.now };
  const context = {
    agreements, defaultMarking: 'amber' as const, collectionId: undefined, nodeIdentityId: scenario.nodes.uk.identity.id,
    provenanceOf: () => undefined, inboundAgreement: () => undefined,
  };
  return decide({ kind: 'partner', partner: au }, object, context).allow;
}

/**
 * An indicator the UK keeps from AU under the scenario's agreements and shares
 * once its bilateral outbound agreement also lists AMBER+STRICT (the policy
 * decides both), with a name of plain words (a clean full-text query).
 */
const withheld = ukObjects.find((object) => object.type === 'indicator' && /^[\w ]+$/.test(named(object))
  && effectiveTlp(object, 'amber') === ADDED_LEVEL
  && !allowedToAu(object, ukAgreementsWithAu(false)) && allowedToAu(object, ukAgreementsWithAu(true)))!;

// ---- Helpers ----

/** Runs the explorer query `q` at the page's node; resolves once the results say how many there are. */
async function explore(page: Page, node: DemoNode, q: string): Promise<Locator> {
  await page.goto(`${node.origin}/explore?q=${encodeURIComponent(q)}`);
  await heading(page, 'Explorer').waitFor();
  await textMatching(page.getByTestId('result-total'), /\d+ objects?/, 'the result total');
  return page.getByTestId('result-row');
}

/**
 * The explorer page on screen, once it shows exactly what the API answers for
 * the query in its URL: the ids of its rows (in order) and the total.
 */
async function shownPage(page: Page, node: DemoNode): Promise<{ ids: string[]; total: number }> {
  return pollUntil(`the explorer at ${page.url()} to show the API's answer`, async () => {
    const ids = await page.getByTestId('result-row').evaluateAll((rows) => rows.map((row) => {
      const href = row.querySelector('a[href^="/objects/"]')?.getAttribute('href') ?? '';
      return decodeURIComponent(href.slice('/objects/'.length));
    }));
    const total = Number((await page.getByTestId('result-total').innerText()).replace(/\D/g, ''));
    const query = new URL(page.url()).searchParams;
    query.set('limit', String(Math.max(ids.length, 1)));
    const answer = await adminApi<ObjectList>(node, `/api/objects?${query}`);
    const same = ids.length > 0 && answer.total === total && answer.items.map((item) => item.id).join() === ids.join();
    return same ? { ids, total } : undefined;
  }, 10_000, 200);
}

// ---- The tests ----

describe('the web app in Chromium, on the demo federation', () => {
  let session: WebSession;
  let demo: DemoFederation;
  let browser: Browser;
  let uk: DemoNode;
  let au: DemoNode;
  /** The UK admin's signed-in page, shared by the view tests. */
  let page: Page;
  let errors: string[];

  before(async () => {
    assert.ok(intrusionSet && withheld, 'the demo scenario has an intrusion set and an AMBER+STRICT indicator the UK keeps from AU');
    session = await openWebSession(async (started) => {
      // Two complete sync rounds: what the partners share (and pass on) has arrived, so the views hold still.
      await syncRound(started);
      await syncRound(started);
    });
    ({ demo, browser, page, errors } = session);
    ({ uk, au } = demo.nodes);
  });
  after(async () => session?.close());

  it('an unauthenticated visit goes to /login, which names the node', async () => {
    const { context: fresh, page: visitor } = await newPage(browser);
    try {
      await visitor.goto(`${uk.origin}/explore?q=heron`);
      await visitor.waitForURL((url) => url.pathname === '/login');
      await visitor.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      assert.match(await visitor.locator('body').innerText(), new RegExp(String(scenario.nodes.uk.identity.name).replace(/[()]/g, '\\$&')));
      await screenshot(visitor, 'login');
    } finally {
      await fresh.close();
    }
  });

  it('a wrong secret is refused with an alert', async () => {
    const { context: fresh, page: visitor } = await newPage(browser);
    try {
      await visitor.goto(`${uk.origin}/login`);
      await visitor.getByLabel('Account', { exact: true }).fill('admin');
      await visitor.getByLabel('Secret', { exact: true }).fill('not-the-secret');
      await visitor.getByRole('button', { name: 'Sign in', exact: true }).click();
      await textMatching(visitor.getByRole('alert'), /\S/, 'the login alert');
      assert.equal(new URL(visitor.url()).pathname, '/login');
    } finally {
      await fresh.close();
    }
  });

  it('signed in at the UK as the admin: the dashboard with its sections and the node name', async () => {
    await page.goto(`${uk.origin}/`);
    await textMatching(page.getByTestId('node-name'), new RegExp(String(scenario.nodes.uk.identity.name).replace(/[()]/g, '\\$&')), 'the node name');
    for (const section of ['Shared since your last visit', 'Sync health', 'Recent sightings', 'Needs action']) {
      await page.getByRole('heading', { name: section, exact: true }).waitFor();
    }
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of ['Dashboard', 'Explorer', 'Graph', 'Pattern bench', 'Partners', 'Audit log']) {
      await nav.getByRole('link', { name: link, exact: true }).waitFor();
    }
    await screenshot(page, 'dashboard');
  });

  it('keyboard: Tab reaches the main navigation, with a visible focus outline', async () => {
    await page.goto(`${uk.origin}/`);
    await heading(page, 'Dashboard').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    let inNav = false;
    for (let presses = 0; presses < 15 && !inNav; presses++) {
      await page.keyboard.press('Tab');
      inNav = await nav.evaluate((element) => element.contains(element.ownerDocument.activeElement));
    }
    assert.ok(inNav, 'Tab reaches a link in <nav aria-label="Main"> within 15 presses');
    const outline = await nav.evaluate((element) => {
      const style = element.ownerDocument.defaultView!.getComputedStyle(element.ownerDocument.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.notEqual(outline.style, 'none', 'the focused link has an outline');
    assert.ok(outline.width >= 1, `the outline is at least 1px wide (${outline.width}px)`);
  });

  it('explorer: a search finds the scenario\'s intrusion set; its detail shows a TLP banner in FIRST colours', async () => {
    await page.goto(`${uk.origin}/explore`);
    await heading(page, 'Explorer').waitFor();
    const query = named(intrusionSet).replace(/ \(demo\)$/, '');
    await page.getByLabel('Search', { exact: true }).fill(query);
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === query);
    const link = page.getByTestId('result-row').getByRole('link', { name: named(intrusionSet), exact: true });
    await link.waitFor();
    await textMatching(page.getByTestId('result-total'), /^\s*[\d,]+ objects?\s*$/, 'the result total');
    await screenshot(page, 'explorer');

    await link.click();
    await page.waitForURL((url) => url.pathname === `/objects/${encodeURIComponent(intrusionSet.id)}`);
    await heading(page, named(intrusionSet)).waitFor();
    const detail = page.getByTestId('object-detail');
    for (const section of ['Properties', 'Versions', 'Relationships', 'Provenance']) {
      await detail.getByRole('heading', { name: section, exact: true }).waitFor();
    }
    const level = effectiveTlp(intrusionSet, 'amber');
    const banner = page.getByTestId('tlp-banner').first();
    assert.equal(await banner.getAttribute('data-tlp'), level);
    assert.match(await banner.innerText(), new RegExp(`TLP:${level.toUpperCase().replace('+', '\\+')}`));
    assert.equal(await banner.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).color), TLP_TEXT_COLOUR[level]);
    await screenshot(page, 'object');
  });

  it('explorer: a filter, sorting and paging live in the URL, Back restores them, and every page shows what the API answers', async () => {
    await page.goto(`${uk.origin}/explore`);
    await heading(page, 'Explorer').waitFor();
    await page.getByLabel('Type', { exact: true }).selectOption('indicator');
    await page.waitForURL((url) => url.searchParams.get('type') === 'indicator');
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'name');
    assert.match(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort') ?? '', /^(ascending|descending)$/);
    const first = await shownPage(page, uk);
    assert.ok(first.total > first.ids.length, 'the demo has more indicators than one page holds');

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.waitForURL((url) => Number(url.searchParams.get('offset')) === first.ids.length);
    const second = await shownPage(page, uk);
    assert.equal(second.total, first.total);
    assert.ok(!second.ids.some((id) => first.ids.includes(id)), 'the next page shows other objects');

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('offset') || url.searchParams.get('offset') === '0');
    assert.deepEqual((await shownPage(page, uk)).ids, first.ids);
  });

  it('graph: the neighbourhood of the intrusion set grows when a node is expanded', async () => {
    await page.goto(`${uk.origin}/graph/${encodeURIComponent(intrusionSet.id)}`);
    await heading(page, 'Graph').waitFor();
    await page.getByTestId('graph').waitFor();
    const countText = await textMatching(page.getByTestId('graph-node-count'), /^\s*[1-9][\d,]* nodes?\s*$/, 'the node count');
    const before = Number(countText.replace(/\D/g, ''));
    // A neighbour whose own neighbourhood (as the API gives it) brings nodes not yet shown.
    const start = await adminApi<GraphData>(uk, `/api/graph/${encodeURIComponent(intrusionSet.id)}`);
    assert.equal(before, start.nodes.length, 'the graph shows the API\'s neighbourhood');
    const shown = new Set(start.nodes.map((node) => node.id));
    let grower: { name: string; added: string[] } | undefined;
    for (const neighbour of start.nodes.filter((node) => node.id !== intrusionSet.id)) {
      const around = await adminApi<GraphData>(uk, `/api/graph/${encodeURIComponent(neighbour.id)}`);
      const added = around.nodes.filter((node) => !shown.has(node.id)).map((node) => node.name);
      if (added.length > 0) {
        grower = { name: neighbour.name, added };
        break;
      }
    }
    assert.ok(grower, 'some neighbour of the intrusion set has further neighbours');
    await page.getByTestId('graph-node-list').getByRole('button', { name: `Expand ${grower.name}`, exact: true }).click();
    const after = await pollUntil('the node count to grow', async () => {
      const count = Number((await page.getByTestId('graph-node-count').innerText()).replace(/\D/g, ''));
      return count > before ? count : undefined;
    }, 10_000, 100);
    assert.ok(after > before);
    const listed = await page.getByTestId('graph-node-list').innerText();
    for (const name of grower.added) assert.ok(listed.includes(name), `the expanded neighbour's node "${name}" is listed`);
    await screenshot(page, 'graph');
  });

  it('pattern bench: a broken pattern shows the parser\'s position; a good one runs against observations', async () => {
    await page.goto(`${uk.origin}/patterns`);
    await heading(page, 'Pattern bench').waitFor();
    const broken = "[ipv4-addr:value = '198.51.100.7' AND]";
    const [problem] = parsePattern(broken).errors;
    assert.ok(problem, 'the parser finds the error');
    await page.getByLabel('Pattern', { exact: true }).fill(broken);
    await textMatching(page.getByTestId('pattern-errors'), new RegExp(`line ${problem.line}, column ${problem.column}:`), 'the pattern errors');
    await screenshot(page, 'patterns');

    await page.getByLabel('Pattern', { exact: true }).fill("[ipv4-addr:value = '198.51.100.7']");
    await pollUntil('the errors to clear', async () => ((await page.getByTestId('pattern-errors').locator('li').count()) === 0 ? true : undefined), 10_000, 100);
    const observations = [
      { timestamp: '2026-01-05T10:00:00Z', dst_ip: '203.0.113.9' },
      { timestamp: '2026-01-05T10:01:00Z', dst_ip: '198.51.100.7' },
    ];
    await page.getByLabel('Observations', { exact: true }).fill(JSON.stringify(observations, null, 2));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await textMatching(page.getByTestId('pattern-result'), /^\s*Matched/, 'the match result');
    observations.pop();
    await page.getByLabel('Observations', { exact: true }).fill(JSON.stringify(observations, null, 2));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await textMatching(page.getByTestId('pattern-result'), /^\s*No match/, 'the match result');
  });

  it('partners and agreements: both tables render with the demo\'s partners and agreements', async () => {
    await page.goto(`${uk.origin}/partners`);
    await heading(page, 'Partners and agreements').waitFor();
    const partners = await textMatching(page.getByTestId('partners'), /\bau\b[\s\S]*\bpl\b|\bpl\b[\s\S]*\bau\b/, 'the partners table');
    assert.match(partners, /state/);
    const rows = page.getByTestId('agreement-row');
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-agreement-id')));
    assert.deepEqual(new Set(ids), new Set(scenario.agreements.uk.map(demoAgreementId)));
    await screenshot(page, 'partners');
  });

  it("partners: an administrator's bad key change is refused with the node's reason, and nothing changes", async () => {
    await page.goto(`${uk.origin}/partners`);
    const before = (await adminApi<PartnerView[]>(uk, '/api/partners')).find((partner) => partner.name === 'pl')!;
    await page.getByRole('button', { name: 'Edit partner pl' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit partner pl' });
    await dialog.getByLabel('Public key').fill('not-a-key');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await textMatching(dialog.getByRole('alert'), /key/i, "the node's reason");
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const after = (await adminApi<PartnerView[]>(uk, '/api/partners')).find((partner) => partner.name === 'pl')!;
    assert.equal(after.publicKey, before.publicKey);
  });

  it('audit log: the chain is verified', async () => {
    await page.goto(`${uk.origin}/audit`);
    await heading(page, 'Audit log').waitFor();
    await textMatching(page.getByTestId('audit-verify'), /Chain verified \([\d,]+ entries\)/, 'the chain status');
    await page.getByTestId('audit').getByRole('row').nth(1).waitFor();
    await screenshot(page, 'audit');
  });

  it('an agreement change in the UK\'s UI changes what AU sees', { timeout: 120_000 }, async () => {
    const { context: auContext, page: auPage } = await newPage(browser);
    const auErrors = pageErrors(auPage);
    try {
      // AU's own inbound agreement must admit the level too (an agreement is two-sided);
      // opened first, so that afterwards only the UK's outbound agreement keeps the object from AU.
      const inbound = (await adminApi<AgreementView[]>(au, '/api/agreements')).find((agreement) => agreement.id === AU_INBOUND_ID)!;
      assert.ok(inbound, `AU has the agreement ${AU_INBOUND_ID}`);
      const { id: _, updatedAt: __, ...terms } = inbound;
      const opened = new Date().toISOString();
      await adminApi(au, `/api/agreements/${AU_INBOUND_ID}`, { method: 'PUT', body: JSON.stringify({ ...terms, tlp: [...terms.tlp, ADDED_LEVEL] }) });
      // Sync runs that started after that (AU pulls from the UK, the UK pushes to AU): the UK still withholds it.
      await syncRunAfter(au, 'uk', 'pull', opened);
      await syncRunAfter(uk, 'au', 'push', opened);
      const atAuBefore = await adminApi<ObjectList>(au, `/api/objects?q=${encodeURIComponent(named(withheld))}`);
      assert.ok(!atAuBefore.items.some((item) => item.id === withheld.id), 'AU does not hold the object before the change');

      await signIn(auPage, au);
      await textMatching(auPage.getByTestId('node-name'), /Australian/, 'AU\'s node name');
      const rowsBefore = await explore(auPage, au, named(withheld));
      assert.equal(await rowsBefore.getByRole('link', { name: named(withheld), exact: true }).count(), 0, 'AU\'s explorer does not find it yet');

      // The change, in the UK's UI.
      await page.goto(`${uk.origin}/partners`);
      await heading(page, 'Partners and agreements').waitFor();
      const row = page.locator(`[data-testid="agreement-row"][data-agreement-id="${OUTBOUND_ID}"]`);
      await row.getByRole('button', { name: 'Edit', exact: true }).click();
      const level = page.getByLabel(`TLP:${ADDED_LEVEL.toUpperCase()}`, { exact: true });
      assert.equal(await level.isChecked(), false);
      await level.check();
      await screenshot(page, 'agreement-edit', 'screen');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('button', { name: 'Save', exact: true }).waitFor({ state: 'detached' });
      const stored = (await adminApi<AgreementView[]>(uk, '/api/agreements')).find((agreement) => agreement.id === OUTBOUND_ID)!;
      assert.deepEqual(new Set(stored.tlp), new Set(ukAgreementsWithAu(true).find((agreement) => agreement.id === OUTBOUND_ID)!.tlp));
      await textMatching(row, /AMBER\+STRICT/i, 'the edited agreement row');

      // Sync brings it to AU (the change resets the UK's push cursor to AU), received from the UK.
      const received = await pollUntil('AU to receive the object', async () => {
        const list = await adminApi<ObjectList>(au, `/api/objects?q=${encodeURIComponent(named(withheld))}`);
        return list.items.find((item) => item.id === withheld.id);
      }, 30_000, 500);
      assert.equal(received.origin, 'uk');
      const rowsAfter = await explore(auPage, au, named(withheld));
      const found = rowsAfter.getByRole('link', { name: named(withheld), exact: true });
      await found.waitFor();
      await found.click();
      const banner = auPage.getByTestId('tlp-banner').first();
      await banner.waitFor();
      assert.equal(await banner.getAttribute('data-tlp'), ADDED_LEVEL);
      assert.deepEqual(auErrors, []);
    } finally {
      await auContext.close();
    }
  });

  it('signing out ends the session: the app is back at /login and stays there', async () => {
    const { context: own, page: mine } = await newPage(browser);
    try {
      await signIn(mine, uk);
      await mine.getByRole('button', { name: 'Sign out', exact: true }).click();
      await mine.waitForURL((url) => url.pathname === '/login');
      await mine.goto(`${uk.origin}/`);
      await mine.waitForURL((url) => url.pathname === '/login');
      const session = await mine.evaluate(async () => (await fetch('/api/session')).status);
      assert.equal(session, 401);
    } finally {
      await own.close();
    }
  });

  it('ran without an uncaught exception in the UK admin\'s page', () => {
    assert.deepEqual(errors, []);
  });
});
