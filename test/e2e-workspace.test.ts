/**
 * The incident and attribution views end to end (issue 7, docs/web.md): the
 * demo federation (`accord demo`, built CLI and SPA; it seeds two joint cases
 * worked through by UK, AU and PL) driven in headless Chromium — at the UK:
 * the incident list and an incident with its correlation suggestions, the
 * workspace of the case in consultation (the partners' assessments side by
 * side, PL's dissent flagged, "agreed" refused with the node's reason), the
 * published case's statement with its three signatures and the public page
 * that shows it, a form of the workspace, and the record of public
 * attributions. Every expectation is read from the node's API, not written
 * into the test. With ACCORD_SCREENSHOTS=1 the views are saved to
 * docs/screenshots/{incidents,incident,workspace,attributions}.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type {
  CaseDetail, CaseList, CaseRow, CorrelationSuggestion, IncidentCorrelations, IncidentDetail, IncidentList, PublicAttributionList,
} from '../src/server/api/contract.ts';
import { INFORMATION_CREDIBILITY, SOURCE_RELIABILITY } from '../src/workflows/attribution/admiralty.ts';
import { likelihoodOf, PHIA_TERMS } from '../src/workflows/attribution/probability.ts';
import { INCIDENT_CATEGORIES } from '../src/workflows/incidents/model.ts';
import * as webAdmiralty from '../web/src/lib/admiralty.ts';
import { CATEGORY_LABEL } from '../web/src/lib/incident-format.ts';
import { PHIA_SCALE } from '../web/src/lib/likelihood.ts';
import { newPage, VIEWPORT } from './support/browser.ts';
import { adminApi, type DemoFederation, type DemoNode } from './support/demo-federation.ts';
import { heading, openWebSession, screenshot, textMatching, type WebSession } from './support/web-page.ts';

// ---- The SPA repeats a few of the node's tables for its forms (it may import only the API's types): they must agree ----

describe("the web app's vocabularies are the node's", () => {
  it('the PHIA scale, its ICD 203 terms and ranges', () => {
    assert.deepEqual(PHIA_SCALE.map((t) => ({ id: t.id, term: t.term, icd203: t.icd203, range: [...t.range] })), PHIA_TERMS.map((t) => {
      const { icd203, probability } = likelihoodOf(t.id);
      return { id: t.id, term: t.term, icd203: icd203.term, range: probability };
    }));
  });

  it("the Admiralty grades: each short name is how the node's meaning begins", () => {
    assert.deepEqual(Object.keys(webAdmiralty.SOURCE_RELIABILITY), Object.keys(SOURCE_RELIABILITY));
    assert.deepEqual(Object.keys(webAdmiralty.INFORMATION_CREDIBILITY), Object.keys(INFORMATION_CREDIBILITY));
    const pairs: [string, string][] = [
      ...Object.entries(SOURCE_RELIABILITY).map(([grade, meaning]): [string, string] => [webAdmiralty.SOURCE_RELIABILITY[grade as keyof typeof SOURCE_RELIABILITY], meaning]),
      ...Object.entries(INFORMATION_CREDIBILITY).map(([grade, meaning]): [string, string] => [webAdmiralty.INFORMATION_CREDIBILITY[Number(grade) as keyof typeof INFORMATION_CREDIBILITY], meaning]),
    ];
    for (const [short, meaning] of pairs) assert.ok(meaning.startsWith(short), `"${meaning}" begins with "${short}"`);
  });

  it('every incident category has a label', () => {
    assert.deepEqual(Object.keys(CATEGORY_LABEL), [...INCIDENT_CATEGORIES]);
  });
});

// ---- Helpers ----

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a case can be opened against. */
const isCandidate = (suggestion: CorrelationSuggestion): boolean => suggestion.target.type === 'intrusion-set' || suggestion.target.type === 'threat-actor';

/** The elements' attribute `name`, in page order. */
const attributes = (locator: Locator, name: string): Promise<(string | null)[]> => locator.evaluateAll((elements, attribute) => elements.map((e) => e.getAttribute(attribute)), name);

// ---- The tests ----

describe('incidents and the attribution workspace in Chromium, on the demo federation', () => {
  let session: WebSession;
  let demo: DemoFederation;
  let browser: Browser;
  let uk: DemoNode;
  let page: Page;
  let errors: string[];
  /** The demo's two joint cases as the UK lists them. */
  let consultation: CaseRow;
  let published: CaseRow;

  before(async () => {
    session = await openWebSession(async (started) => {
      const cases = await adminApi<CaseList>(started.nodes.uk, '/api/cases');
      const byStatus = (status: CaseRow['status']) => cases.items.filter((c) => c.status === status);
      assert.equal(byStatus('consultation').length, 1, 'the demo seeds one case in consultation at the UK');
      assert.equal(byStatus('published').length, 1, 'the demo seeds one published case at the UK');
      [consultation, published] = [byStatus('consultation')[0]!, byStatus('published')[0]!];
    });
    ({ demo, browser, page, errors } = session);
    uk = demo.nodes.uk;
  });
  after(async () => session?.close());

  it('the main navigation keeps its six links and adds Incidents, Attribution, Legal, Norms and Lessons', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of ['Dashboard', 'Explorer', 'Graph', 'Pattern bench', 'Incidents', 'Attribution', 'Legal', 'Norms', 'Lessons', 'Partners', 'Audit log']) {
      await nav.getByRole('link', { name: link, exact: true }).waitFor();
    }
    // Every link still fits a 1024-pixel-wide window: nothing scrolls sideways.
    await page.setViewportSize({ width: 1024, height: VIEWPORT.height });
    try {
      const widths = await nav.evaluate((element) => ({ page: element.ownerDocument.documentElement.scrollWidth, nav: element.getBoundingClientRect().right }));
      assert.ok(widths.page <= 1024 && widths.nav <= 1024, `the page is ${widths.page} px wide, the navigation ends at ${widths.nav} px`);
    } finally {
      await page.setViewportSize(VIEWPORT);
    }
  });

  it('incidents: the list shows what the API answers, with TLP banners, and a category filter lives in the URL', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents', exact: true }).click();
    await heading(page, 'Incidents').waitFor();
    const all = await adminApi<IncidentList>(uk, '/api/incidents?limit=50');
    assert.ok(all.total >= 2, 'the demo holds the two joint cases\' incidents at least');
    await textMatching(page.getByTestId('incident-total'), new RegExp(`^${all.total} incidents?$`), 'the incident total');
    const rows = page.getByTestId('incident-row');
    assert.equal(await rows.count(), all.items.length);
    for (const item of all.items) await rows.getByRole('link', { name: item.summary.name, exact: true }).waitFor();
    assert.equal(await page.getByTestId('incidents').getByTestId('tlp-banner').count(), all.items.length, 'a TLP banner per row');
    await screenshot(page, 'incidents');

    await page.getByLabel('Category', { exact: true }).selectOption('election-interference');
    await page.waitForURL((url) => url.searchParams.get('category') === 'election-interference');
    const filtered = await adminApi<IncidentList>(uk, '/api/incidents?category=election-interference');
    assert.ok(filtered.total >= 1 && filtered.total < all.total, 'the filter narrows the list');
    await textMatching(page.getByTestId('incident-total'), new RegExp(`^${filtered.total} incidents?$`), 'the filtered total');
    assert.deepEqual(await rows.locator('td:nth-child(2)').allInnerTexts(), filtered.items.map(() => CATEGORY_LABEL['election-interference']));
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('category'));
    await textMatching(page.getByTestId('incident-total'), new RegExp(`^${all.total} incidents?$`), 'the total after Back');
  });

  it("an incident: its extension's fields and its ranked correlation suggestions, explained, with their partner", async () => {
    // The first incident (newest first) that correlates with a candidate actor.
    const incidents = await adminApi<IncidentList>(uk, '/api/incidents?limit=50');
    let found: { id: string; correlations: IncidentCorrelations } | undefined;
    for (const row of incidents.items) {
      const correlations = await adminApi<IncidentCorrelations>(uk, `/api/incidents/${encodeURIComponent(row.summary.id)}/correlations`);
      if (correlations.suggestions.some(isCandidate)) {
        found = { id: row.summary.id, correlations };
        break;
      }
    }
    assert.ok(found, 'a demo incident correlates with an intrusion set or threat actor');
    const { correlations } = found;
    const incident = await adminApi<IncidentDetail>(uk, `/api/incidents/${encodeURIComponent(found.id)}`);

    await page.goto(`${uk.origin}/incidents`);
    await page.getByTestId('incident-row').getByRole('link', { name: incident.name, exact: true }).click();
    await heading(page, incident.name).waitFor();
    const detail = page.getByTestId('incident-detail');
    assert.equal(await detail.getByTestId('tlp-banner').first().getAttribute('data-tlp'), incident.summary.tlp);
    for (const section of ['Overview', 'Impact', 'Timeline', 'Victims', 'Related intelligence', 'Attribution cases', 'Correlation suggestions']) {
      await detail.getByRole('heading', { level: 2, name: section, exact: true }).waitFor();
    }
    assert.equal(await detail.getByTestId('timeline').locator('li').count(), incident.timeline.length);
    for (const entry of incident.timeline) assert.match(await detail.getByTestId('timeline').innerText(), new RegExp(escape(entry.event)));
    for (const related of incident.related) await detail.getByTestId('related').getByRole('link', { name: related.name, exact: true }).waitFor();
    const impact = await detail.getByRole('region', { name: 'Impact' }).innerText();
    for (const data of incident.impact?.data ?? []) assert.match(impact, new RegExp(data));
    if (incident.impact?.disruption_hours !== undefined) assert.match(impact, new RegExp(`${incident.impact.disruption_hours} hours`));
    for (const attributionCase of incident.cases) await detail.getByRole('region', { name: 'Attribution cases' }).getByRole('link', { name: attributionCase.name, exact: true }).waitFor();

    // The suggestions in the node's order, each with its explanation sentence and partner.
    const shown = detail.getByTestId('correlation');
    await shown.first().waitFor();
    assert.deepEqual(await attributes(shown, 'data-target-id'), correlations.suggestions.map((s) => s.target.id));
    const first = correlations.suggestions[0]!;
    const firstText = await shown.first().innerText();
    assert.ok(firstText.includes(first.explanation), `the explanation "${first.explanation}" is shown`);
    assert.ok(firstText.includes(first.origin ? `from ${first.origin}` : 'from this node'));
    for (const reason of first.reasons) assert.ok(firstText.includes(`: ${reason.count}`), `the ${reason.kind} count is shown`);
    const candidate = correlations.suggestions.find(isCandidate)!;
    await detail.getByRole('button', { name: `Open attribution case against ${candidate.target.name}`, exact: true }).waitFor();
    await screenshot(page, 'incident');
  });

  it("the workspace of the case in consultation: partners' assessments side by side, PL's dissent flagged, agreement refused with the reason", async () => {
    const detail = await adminApi<CaseDetail>(uk, `/api/cases/${encodeURIComponent(consultation.summary.id)}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Attribution', exact: true }).click();
    await heading(page, 'Attribution cases').waitFor();
    await page.getByTestId('case-row').getByRole('link', { name: consultation.name, exact: true }).click();
    await heading(page, consultation.name).waitFor();
    const workspace = page.getByTestId('workspace');
    await textMatching(workspace.getByTestId('case-status'), /^In consultation$/, 'the status');
    assert.equal(await workspace.getByTestId('status-history').locator('li').count(), detail.case.status_history.length);

    // One column per participant, in the case's order, each with its stance.
    const columns = workspace.getByTestId('participant');
    assert.deepEqual(await attributes(columns, 'data-participant'), detail.participants.map((p) => p.identityId));
    assert.deepEqual(await attributes(columns, 'data-stance'), detail.participants.map((p) => p.stance));
    for (const participant of detail.participants) {
      const column = workspace.locator(`[data-testid="participant"][data-participant="${participant.identityId}"]`);
      const text = await column.innerText();
      assert.ok(text.includes(participant.name ?? participant.identityId));
      assert.equal(await column.getByTestId('assessment').count(), participant.assessments.length);
      for (const assessment of participant.assessments) {
        // PHIA words, the ICD 203 term and the range, as the node derived them.
        const [low, high] = assessment.probability;
        assert.ok(text.includes(`ICD 203: ${assessment.icd203_term}; ${low}–${high} %`), `${participant.name}: ICD 203 term and range`);
        assert.ok(text.includes(assessment.likelihood.replace(/-/g, ' ')), `${participant.name}: PHIA words`);
        assert.ok(text.includes(assessment.rationale), `${participant.name}: rationale`);
      }
    }
    const dissenter = detail.participants.find((p) => p.stance === 'dissents');
    assert.ok(dissenter?.dissent, 'the demo case has a dissent');
    const flagged = workspace.locator(`[data-testid="participant"][data-participant="${dissenter.identityId}"]`).getByTestId('dissent');
    assert.ok((await flagged.innerText()).includes(dissenter.dissent.explanation), 'the dissent shows its reasons');
    assert.match(await workspace.getByTestId('dissent-summary').innerText(), new RegExp(escape(dissenter.name ?? dissenter.identityId)));
    assert.match(await workspace.getByTestId('concurrence').innerText(), /^Concurrence: Not met: /);

    // "Mark agreed" is refused, with the node's reason beside it.
    const agreed = detail.transitions.find((t) => t.to === 'agreed');
    assert.ok(agreed && !agreed.allowed && agreed.reason);
    const button = workspace.getByRole('button', { name: 'Mark agreed', exact: true });
    assert.equal(await button.isDisabled(), true);
    // The node's reason, with the participants named rather than given as identity ids.
    const reason = detail.participants.reduce((text, p) => text.replaceAll(p.identityId, p.name ?? p.identityId), agreed.reason);
    const shownReason = await workspace.locator('[data-testid="transition"][data-to="agreed"]').innerText();
    assert.ok(shownReason.includes(reason), `"${shownReason}" gives the reason "${reason}"`);
    assert.doesNotMatch(shownReason, /identity--/);
    await screenshot(page, 'workspace');
  });

  it('the workspace forms: a dissent without reasons is stopped before sending; evidence added as this node shows with its grade', async () => {
    const caseId = consultation.summary.id;
    const before = await adminApi<CaseDetail>(uk, `/api/cases/${encodeURIComponent(caseId)}`);
    await page.goto(`${uk.origin}/cases/${encodeURIComponent(caseId)}`);
    await heading(page, consultation.name).waitFor();

    await page.getByLabel('Opinion', { exact: true }).selectOption('strongly-disagree');
    await page.getByRole('button', { name: 'Record opinion', exact: true }).click();
    await textMatching(page.getByRole('alert'), /a dissent must give its reasons/, 'the form problem');
    const unchanged = await adminApi<CaseDetail>(uk, `/api/cases/${encodeURIComponent(caseId)}`);
    assert.deepEqual(unchanged.participants.map((p) => p.latestOpinion?.id), before.participants.map((p) => p.latestOpinion?.id), 'nothing was sent');

    assert.ok(before.candidate, 'the UK sees the candidate');
    await page.getByLabel('Intelligence', { exact: true }).fill(before.candidate.id);
    await page.getByLabel('Description', { exact: true }).fill('The candidate as the UK has long tracked it (browser test).');
    await page.getByLabel('Source reliability', { exact: true }).selectOption('C');
    await page.getByLabel('Information credibility', { exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Add evidence', exact: true }).click();
    const row = page.getByTestId('evidence-row').filter({ hasText: 'browser test' });
    await row.waitFor();
    const after = await adminApi<CaseDetail>(uk, `/api/cases/${encodeURIComponent(caseId)}`);
    const added = after.evidence.find((e) => e.evidence.description.includes('browser test'));
    assert.ok(added, 'the node stored the evidence');
    assert.equal(added.grade.code, 'C3');
    assert.equal(added.evidence.contributed_by_ref, after.nodeIdentityId);
    const text = await row.innerText();
    assert.ok(text.includes('C3'));
    assert.ok(text.includes(webAdmiralty.splitMeaning(added.grade.reliability).name) && text.includes(webAdmiralty.splitMeaning(added.grade.credibility).name), 'both meanings shown');
    assert.ok(text.includes(added.contributorName ?? after.nodeIdentityId), 'the contributor shown');
  });

  it("the published case: the statement's text, three valid signatures, and the node's public page showing it", async () => {
    const detail = await adminApi<CaseDetail>(uk, `/api/cases/${encodeURIComponent(published.summary.id)}`);
    assert.ok(detail.statement, 'the published case has a statement');
    assert.equal(detail.signatures.length, 3, 'UK, AU and PL co-signed');
    await page.goto(`${uk.origin}/cases/${encodeURIComponent(published.summary.id)}`);
    await heading(page, published.name).waitFor();
    const statement = page.getByTestId('statement');
    await textMatching(page.getByTestId('case-status'), /^Published$/, 'the status');
    assert.equal((await statement.getByTestId('statement-text').innerText()).trim(), detail.statement.text.trim());
    assert.equal(await statement.getByTestId('tlp-banner').first().getAttribute('data-tlp'), 'clear');
    const rows = statement.getByTestId('signature-row');
    assert.equal(await rows.count(), 3);
    assert.equal(await statement.getByTestId('signature-valid').count(), 3, 'every signature verifies');
    const signatures = await statement.getByTestId('signatures').innerText();
    for (const signature of detail.signatures) assert.ok(signatures.includes(signature.signerName ?? signature.signer));
    assert.match(await statement.getByTestId('publishing').innerText(), /^Published/);

    await statement.getByTestId('public-link').click();
    await page.waitForURL((url) => url.pathname === `/public/statements/${encodeURIComponent(detail.statement!.summary.id)}`);
    const body = await page.locator('body').innerText();
    const firstSentence = detail.statement.text.split('\n')[0]!.trim();
    assert.ok(body.includes(firstSentence), 'the public page shows the statement');
    for (const signature of detail.signatures) assert.ok(body.includes(signature.signerName ?? signature.signer), `the public page names ${signature.signerName}`);
    // No login on the public page: a fresh visitor sees the same.
    const { context: fresh, page: visitor } = await newPage(browser);
    try {
      const response = await visitor.goto(page.url());
      assert.equal(response?.status(), 200);
      assert.ok((await visitor.locator('body').innerText()).includes(firstSentence));
    } finally {
      await fresh.close();
    }
  });

  it('the record of public attributions: searched by actor and year, in the URL, as the API answers', async () => {
    await page.goto(`${uk.origin}/cases`);
    await page.getByRole('link', { name: 'record of public attributions', exact: true }).click();
    await heading(page, 'Public attributions').waitFor();
    const all = await adminApi<PublicAttributionList>(uk, '/api/attributions');
    await textMatching(page.getByTestId('attribution-total'), new RegExp(`^${all.total} attributions?$`), 'the total');

    const record = all.items[0]!;
    const actorWord = record.actor.split(/\s+/)[0]!;
    const year = record.date.slice(0, 4);
    await page.getByLabel('Actor', { exact: true }).fill(actorWord);
    await page.getByLabel('Year', { exact: true }).fill(year);
    await page.waitForURL((url) => url.searchParams.get('actor') === actorWord && url.searchParams.get('year') === year);
    const found = await adminApi<PublicAttributionList>(uk, `/api/attributions?actor=${encodeURIComponent(actorWord)}&year=${year}`);
    assert.ok(found.total >= 1 && found.items.some((item) => item.key === record.key));
    await textMatching(page.getByTestId('attribution-total'), new RegExp(`^${found.total} attributions?$`), 'the searched total');
    assert.deepEqual(await page.getByTestId('attribution-row').locator('td:nth-child(2)').allInnerTexts(), found.items.map((item) => item.actor));
    await screenshot(page, 'attributions');
  });

  it("ran without an uncaught exception in the UK admin's page", () => {
    assert.deepEqual(errors, []);
  });
});
