/**
 * The issue-8 web views end to end (docs/web.md "Law, norms, responses,
 * lessons"): the demo federation (`accord demo`, built CLI and SPA) driven in
 * headless Chromium — at the UK: the legal assessment wizard filled with a
 * hack-and-leak aimed at an election, attached to the demo's case in
 * consultation; the conclusions with "cannot determine" naming the deciding
 * fact; the assessment stored and a conclusion overridden with a reason,
 * shown beside the engine's verdict; a norm confirmed on an incident; the
 * norms matrix counting it; a démarche on the response board; a lessons
 * review recorded and found; a state's record with a measure and its gaps.
 * Every expectation is read from the node's API. With ACCORD_SCREENSHOTS=1
 * the wizard and the matrix are saved to docs/screenshots/{legal,norms}.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { CaseList, IncidentList, IncidentNorms, NormMatrixView, StateRecordView } from '../src/server/api/contract.ts';
import { LEGAL_FACTS_SCHEMA } from '../src/workflows/legal/index.ts';
import { NEXT_RESPONSE_STATUSES } from '../src/workflows/responses/status-flow.ts';
import type { WireAssessment } from '../web/src/lib/law-assessment.ts';
import { FACT_FIELDS, factsFromForm, schemaOptions } from '../web/src/lib/law-facts.ts';
import { NEXT_STATUSES } from '../web/src/lib/law-positions.ts';
import { adminApi, type DemoFederation, type DemoNode } from './support/demo-federation.ts';
import { heading, openWebSession, screenshot, textMatching, type WebSession } from './support/web-page.ts';

// ---- The SPA's form and flow must be the node's ----

describe("the web app's legal vocabularies are the node's", () => {
  it('every fact of the wizard is a property of the facts schema, and every property is in the wizard', () => {
    const schemaPaths: string[] = [];
    const walk = (node: { properties?: Record<string, unknown> }, prefix: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const inner = child as { type?: string; properties?: Record<string, unknown> };
        if (inner.type === 'object' && inner.properties) walk(inner, `${prefix}${key}.`);
        else schemaPaths.push(`${prefix}${key}`);
      }
    };
    walk(LEGAL_FACTS_SCHEMA as never, '');
    const formPaths = FACT_FIELDS.map((f) => f.path);
    // The incident's description is free text the engine only carries; the wizard asks for the name alone.
    assert.deepEqual(formPaths.filter((p) => !schemaPaths.includes(p)), []);
    assert.deepEqual(schemaPaths.filter((p) => !formPaths.includes(p)), ['incident.description']);
    for (const field of FACT_FIELDS.filter((f) => f.kind === 'choice' || f.kind === 'choices')) {
      assert.ok(schemaOptions(LEGAL_FACTS_SCHEMA, field.path).length > 0, `${field.path} has its options in the schema`);
    }
  });

  it("the response status flow is the node's", () => {
    assert.deepEqual(NEXT_STATUSES, NEXT_RESPONSE_STATUSES);
  });
});

// ---- The browser ----

/** The facts the test types into the wizard: the engine's "hack-and-leak before an election" scenario, coercion left unknown. */
const ANSWERS = {
  'incident.name': 'Leak of trade documents before the general election',
  'effects.physical_damage': 'no', 'effects.injury_or_death': 'no', 'effects.loss_of_functionality': 'no',
  'effects.data': ['exfiltrated', 'leaked'], 'effects.sectors': ['elections', 'government'],
  'target.states': 'GB',
  'operation.kind': 'hack-and-leak', 'operation.coercion_domain': 'elections',
  'attribution.responsible_state': 'RU', 'attribution.state_nexus': 'state-organ', 'attribution.confidence': 'almost-certain',
  'armed_conflict.exists': 'no',
} as const;

async function answer(page: Page, label: string, value: string | readonly string[], kind: string): Promise<void> {
  if (kind === 'boolean') await page.getByRole('group', { name: label, exact: true }).getByLabel(value === 'yes' ? 'Yes' : value === 'no' ? 'No' : 'Unknown', { exact: true }).check();
  else if (kind === 'choices') for (const v of value as readonly string[]) await page.getByRole('group', { name: label, exact: true }).getByLabel(v.replace(/-/g, ' '), { exact: true }).check();
  else if (kind === 'choice' || kind === 'confidence') await page.getByLabel(label, { exact: true }).selectOption(value as string);
  else await page.getByLabel(label, { exact: true }).fill(value as string);
}

describe('the legal wizard and the norms views in Chromium, on the demo federation', () => {
  let session: WebSession;
  let demo: DemoFederation;
  let uk: DemoNode;
  let page: Page;
  let errors: string[];
  let caseId: string;

  before(async () => {
    session = await openWebSession(async (started) => {
      const cases = await adminApi<CaseList>(started.nodes.uk, '/api/cases');
      caseId = cases.items.find((c) => c.status === 'consultation')!.summary.id;
    });
    ({ demo, page, errors } = session);
    uk = demo.nodes.uk;
  });
  after(async () => session?.close());

  it("the wizard lists the case's stored assessments and shows one with its conclusions", async () => {
    const stored = await adminApi<WireAssessment[]>(uk, `/api/legal/assessments?case=${encodeURIComponent(caseId)}`);
    assert.ok(stored.length > 0, 'the demo seeds a legal assessment for the case in consultation');
    await page.goto(`${uk.origin}/legal?case=${encodeURIComponent(caseId)}`);
    const section = page.getByTestId('stored-assessments');
    await section.waitFor();
    assert.equal(await section.getByRole('button').count(), stored.length);
    await section.getByRole('button').first().click();
    const attribution = stored[0]!.conclusions.find((c) => c.id === 'attribution')!;
    const card = page.locator('[data-testid="conclusion"][data-conclusion="attribution"]');
    assert.equal(await card.getByTestId('engine-verdict').getAttribute('data-value'), attribution.verdict);
  });

  it('the wizard: facts step by step, then conclusions with "cannot determine" naming the deciding fact', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Legal', exact: true }).waitFor();
    await page.goto(`${uk.origin}/legal?case=${encodeURIComponent(caseId)}`);
    await heading(page, 'Legal assessment').waitFor();
    await page.getByRole('note').filter({ hasText: 'Decision support, not legal advice.' }).first().waitFor();
    for (let step = 0; ; step++) {
      const title = await page.locator('#step-heading').innerText();
      for (const field of FACT_FIELDS) {
        const value = ANSWERS[field.path as keyof typeof ANSWERS];
        if (value !== undefined && await page.getByText(field.label, { exact: true }).first().isVisible()) await answer(page, field.label, value, field.kind);
      }
      const next = page.getByRole('button', { name: 'Next step', exact: true });
      if (await next.isDisabled()) break;
      await next.click();
      await textMatching(page.locator('#step-heading'), new RegExp(`^Step ${step + 2} `), `step ${step + 2} after "${title}"`);
    }
    await page.getByRole('button', { name: 'Assess', exact: true }).click();

    // What the engine answers for exactly these facts.
    const expected = await adminApi<WireAssessment>(uk, '/api/legal/assess', { method: 'POST', body: JSON.stringify(factsFromForm(ANSWERS).facts) });
    const intervention = expected.conclusions.find((c) => c.id === 'intervention')!;
    assert.equal(intervention.verdict, 'cannot-determine', 'the engine cannot tell coercion from influence on these facts');
    assert.deepEqual(intervention.decided_by?.map((d) => d.path), ['$.operation.coercive']);

    const conclusions = page.getByTestId('conclusion');
    await conclusions.first().waitFor();
    assert.deepEqual(await conclusions.evaluateAll((els) => els.map((e) => e.getAttribute('data-conclusion'))), expected.conclusions.map((c) => c.id));
    for (const conclusion of expected.conclusions) {
      const card = page.locator(`[data-testid="conclusion"][data-conclusion="${conclusion.id}"]`);
      assert.equal(await card.getByTestId('engine-verdict').getAttribute('data-value'), conclusion.verdict, conclusion.id);
      for (const citation of conclusion.citations) await card.getByText(citation, { exact: false }).first().waitFor();
    }
    const card = page.locator('[data-testid="conclusion"][data-conclusion="intervention"]');
    await textMatching(card.getByTestId('engine-verdict'), /^Cannot determine$/, 'the intervention verdict');
    await textMatching(card.getByTestId('deciding-facts'), /Coercive\s+\$\.operation\.coercive/, 'the deciding fact');
    await page.getByTestId('legal-disclaimer').waitFor();
  });

  it('stores the assessment and keeps an override with its reason beside the engine', async () => {
    await page.getByRole('button', { name: 'Store assessment', exact: true }).click();
    await textMatching(page.getByTestId('stored'), /Assessment stored/, 'the store confirmation');
    const card = page.locator('[data-testid="conclusion"][data-conclusion="intervention"]');
    await card.getByRole('button', { name: /^Override: / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Verdict', { exact: true }).selectOption('yes');
    const reason = 'The leak was timed to compel a change of trade policy: coercive in our assessment.';
    await dialog.getByLabel('Reason', { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await textMatching(card.getByTestId('override-reason'), new RegExp(reason.replace(/[.:]/g, '\\$&')), 'the override reason');
    assert.equal(await card.getByTestId('override-verdict').getAttribute('data-value'), 'yes');
    assert.equal(await card.getByTestId('engine-verdict').getAttribute('data-value'), 'cannot-determine', "the engine's verdict stays beside the override");
    await screenshot(page, 'legal');
  });

  it('confirms a suggested norm on an incident, and the norms matrix counts it', async () => {
    const incidents = await adminApi<IncidentList>(uk, '/api/incidents?limit=50');
    let chosen: { id: string; norm: string } | undefined;
    for (const item of incidents.items) {
      const norms = await adminApi<IncidentNorms>(uk, `/api/incidents/${encodeURIComponent(item.summary.id)}/norms`);
      if (norms.suggestions.length > 0) {
        chosen = { id: item.summary.id, norm: norms.suggestions[0]!.norm };
        break;
      }
    }
    assert.ok(chosen, 'the engine suggests a norm for one of the demo incidents');
    await page.goto(`${uk.origin}/incidents/${encodeURIComponent(chosen.id)}/norms`);
    await heading(page, 'Norms of an incident').waitFor();
    const suggestion = page.locator(`[data-testid="norm-suggestion"][data-norm="${chosen.norm}"]`);
    await suggestion.getByText(/Rules? that fired:/).waitFor();
    await suggestion.getByLabel(`Reason for ${chosen.norm}`, { exact: true }).fill('Confirmed in the incident review.');
    await suggestion.getByRole('button', { name: `Confirm ${chosen.norm}`, exact: true }).click();
    await page.locator(`[data-testid="norm-suggestion"][data-norm="${chosen.norm}"][data-status="confirmed"]`).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Norms', exact: true }).click();
    await heading(page, 'Norms').waitFor();
    await page.getByLabel('Group by', { exact: true }).selectOption('state');
    await page.waitForURL((url) => url.searchParams.get('by') === 'state');
    const matrix = await adminApi<NormMatrixView>(uk, '/api/norms/matrix?by=state&period=year');
    const row = matrix.rows.find((r) => r.norm === chosen.norm)!;
    assert.ok(row.cells.some((c) => c.incidents.some((i) => i.id === chosen.id)), 'the node counts the confirmed incident');
    for (const cell of row.cells) {
      const shown = page.locator(`[data-testid="matrix-row"][data-norm="${chosen.norm}"] [data-testid="matrix-cell"]`).nth(matrix.periods.indexOf(cell.period));
      assert.equal(await shown.getAttribute('data-count'), String(cell.incidents.length), `${chosen.norm} in ${cell.period}`);
    }
    assert.equal(await page.getByTestId('matrix-row').count(), 11, 'all eleven norms');
    const cell = page.locator(`[data-testid="matrix-row"][data-norm="${chosen.norm}"] [data-testid="matrix-cell"]:not([data-count="0"])`).first();
    await cell.locator('summary').click();
    await cell.getByRole('link').first().waitFor();
    await screenshot(page, 'norms');
  });

  it('the response board: a démarche proposed on the stored assessment is lawful as retorsion, and our position is counted', async () => {
    await page.goto(`${uk.origin}/cases/${encodeURIComponent(caseId)}/responses`);
    await heading(page, 'Response board').waitFor();
    await page.getByLabel('Measure', { exact: true }).selectOption('demarche');
    await page.getByLabel('Description', { exact: true }).fill('Summon the ambassador over the leak.');
    await page.getByRole('button', { name: 'Propose', exact: true }).click();
    const option = page.locator('[data-testid="response-option"][data-kind="demarche"]').first();
    await textMatching(option.getByTestId('standing'), /^Lawful as retorsion$/, 'the legal standing');
    await textMatching(option.getByTestId('response-status'), /^proposed$/, 'the status');
    await option.getByRole('button', { name: 'State position', exact: true }).click();
    await textMatching(option.getByTestId('tally'), /^1 support, 0 oppose, 0 abstain/, 'the tally');
  });

  it('lessons learned: a review recorded from the form, then found by the search', async () => {
    const incidents = await adminApi<IncidentList>(uk, '/api/incidents?limit=1');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lessons', exact: true }).click();
    await heading(page, 'Lessons learned').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Election leak review');
    await page.getByLabel('What happened', { exact: true }).fill('Documents were leaked before the vote.');
    await page.getByLabel('Recommendations', { exact: true }).fill('Brief campaign staff | ncsc-ops | 2026-12-01 | open');
    await page.getByLabel('Incidents', { exact: true }).fill(incidents.items[0]!.summary.id);
    await page.getByRole('button', { name: 'Record review', exact: true }).click();
    await heading(page, 'Election leak review').waitFor();
    await page.getByTestId('recommendations').getByText('ncsc-ops').waitFor();
    await page.getByRole('link', { name: 'All lessons learned', exact: true }).click();
    await page.getByLabel('Owner', { exact: true }).fill('ncsc-ops');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await textMatching(page.getByTestId('lessons-total'), /^1 review$/, 'the search result');
  });

  it("a state's record: a measure recorded with evidence and date, the other norms shown as gaps", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Norms', exact: true }).click();
    await heading(page, 'Norms').waitFor();
    await page.getByLabel('State', { exact: true }).fill('GB');
    await page.getByRole('button', { name: 'Open record', exact: true }).click();
    await heading(page, 'Norms record: GB').waitFor();
    await page.getByLabel('Norm', { exact: true }).selectOption('13g');
    await page.getByLabel('Measure', { exact: true }).fill('Critical infrastructure protection strategy published');
    await page.getByLabel('Evidence', { exact: true }).fill('https://www.gov.uk/ci-strategy');
    await page.getByLabel('Date', { exact: true }).fill('2025-06-30');
    await page.getByRole('button', { name: 'Record measure', exact: true }).click();
    await page.locator('[data-testid="state-norm"][data-norm="13g"][data-gap="false"]').getByText('Critical infrastructure protection strategy published').waitFor();
    const record = await adminApi<StateRecordView>(uk, '/api/norms/states/GB');
    const gaps = record.norms.filter((n) => n.measures.length === 0).length;
    await textMatching(page.getByTestId('state-summary'), new RegExp(`^${record.total} measures? recorded; ${gaps} of 11 norms without a measure\\.$`), 'the record summary');
    assert.equal(await page.locator('[data-testid="state-norm"][data-gap="true"]').count(), gaps);
    assert.deepEqual(errors, [], 'no errors in the page');
  });
});
