/**
 * `accord demo` as a real child process (issue 5): three seeded partner nodes
 * on loopback, driven through DIR/demo.json over real HTTP. What a partner's
 * account reads at the UK is exactly what `decide` allows it under the UK's
 * agreements; SIGTERM stops the demo with exit 0 and frees the ports; a second
 * start on the same folder reuses the nodes.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_FILE, type DemoFile, type DemoFileNode } from '../src/cli/commands/demo.ts';
import type { Partner, SharingAgreement } from '../src/federation/model.ts';
import { decide } from '../src/federation/policy.ts';
import { TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_RED } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openNode } from '../src/store/data-dir.ts';
import { TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { buildDemoScenario, demoAgreementId, type DemoNodeName } from '../src/workflows/demo/scenario.ts';
import { WORKFLOW_EXTENSION_IDS } from '../src/workflows/extensions/index.ts';
import { currentNormTags, type NormTag } from '../src/workflows/norms/index.ts';
import { accord, temporaryDirectory } from './support/cli.ts';
import { repoRoot } from './support/shared.ts';

interface DemoProcess {
  child: ChildProcess;
  exited: Promise<unknown[]>;
  stdout: () => string;
  stderr: () => string;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port whose next two ports are free too. */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    if ((await portFree(base)) && (await portFree(base + 1)) && (await portFree(base + 2))) return base;
  }
  throw new Error('no three consecutive free ports');
}

async function startDemo(dir: string, basePort: number, syncArgs: readonly string[] = ['--no-sync']): Promise<DemoProcess> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'),
    '--data', dir, 'demo', '--base-port', String(basePort), '--log-level', 'silent', ...syncArgs,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 60 s: ${stdout}${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('accord demo: ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`accord demo exited ${code}: ${stdout}${stderr}`));
    });
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

function stopDemo(demo: DemoProcess | undefined): void {
  if (demo !== undefined && demo.child.exitCode === null && demo.child.signalCode === null) demo.child.kill('SIGKILL');
}

function basic(node: DemoFileNode, account: string): string {
  const found = node.accounts.find((candidate) => candidate.name === account);
  assert.ok(found, `${node.name} has an account ${account}`);
  return `Basic ${Buffer.from(`${found.name}:${found.secret}`).toString('base64')}`;
}

async function getJson(url: string, authorization: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { accept: TAXII_MEDIA_TYPE, authorization } });
  assert.equal(response.status, 200, `GET ${url}: ${response.status}`);
  return await response.json() as Record<string, unknown>;
}

/** Every object version of the node's default collection as `account` reads it, page by page. */
async function readDefaultCollection(node: DemoFileNode, account: string): Promise<{ collectionId: string; objects: StixObject[] }> {
  const authorization = basic(node, account);
  const { collections } = await getJson(`${node.url}collections/`, authorization) as { collections: { id: string; title: string }[] };
  const collection = collections.find((found) => found.title === 'Default');
  assert.ok(collection, `${node.name} serves its default collection to ${account}`);
  const objects: StixObject[] = [];
  let next: string | undefined;
  do {
    const page = await getJson(`${node.url}collections/${collection.id}/objects/?limit=100${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`, authorization) as { objects?: StixObject[]; more?: boolean; next?: string };
    objects.push(...page.objects ?? []);
    next = page.more ? page.next : undefined;
  } while (next !== undefined);
  return { collectionId: collection.id, objects };
}

const scenario = buildDemoScenario();
const ukObjects = scenario.nodes.uk.objects;
/** The ids of the scenario's objects; a node's collection holds its own and, from the seeded joint cases, the partners' identities and the cases' objects. */
const scenarioIds = new Set(Object.values(scenario.nodes).flatMap((found) => found.objects.map((object) => object.id)));
/** What of `objects` (read at `name`) is `name`'s own scenario. */
const fromScenario = (name: DemoNodeName, objects: readonly StixObject[]): StixObject[] => {
  const own = new Set(scenario.nodes[name].objects.map((object) => object.id));
  return objects.filter((object) => own.has(object.id));
};

/** What `decide` lets `partner`'s node read of the UK's scenario under the UK's agreements. */
function expectedAtUk(partner: DemoNodeName, collectionId: string): Set<string> {
  return allowedAtUk(partner, collectionId, ukObjects);
}

/** Which of `objects` (the UK's own) `decide` lets `partner`'s node read under the UK's agreements. */
function allowedAtUk(partner: DemoNodeName, collectionId: string, objects: readonly StixObject[]): Set<string> {
  const agreements: SharingAgreement[] = scenario.agreements.uk
    .filter((agreement) => agreement.partner === partner)
    .map(({ arrangement, ...agreement }) => ({ ...agreement, id: demoAgreementId({ ...agreement, arrangement }), updatedAt: scenario.now }));
  const reader: Partner = { name: partner, kind: 'state', identityId: scenario.nodes[partner].identity.id, accountName: `${partner}-node`, createdAt: scenario.now };
  const context = {
    agreements, defaultMarking: 'amber' as const, collectionId, nodeIdentityId: scenario.nodes.uk.identity.id,
    provenanceOf: () => undefined, inboundAgreement: () => undefined,
  };
  return new Set(objects.filter((object) => decide({ kind: 'partner', partner: reader }, object, context).allow).map((object) => object.id));
}

/** The latest version of each object of `type` among `objects` (a collection read gives every version). */
function latestOfType(objects: readonly StixObject[], type: string): StixObject[] {
  const latest = new Map<string, StixObject>();
  for (const object of objects) {
    if (object.type !== type) continue;
    const held = latest.get(object.id);
    if (held === undefined || String(object.modified) > String(held.modified)) latest.set(object.id, object);
  }
  return [...latest.values()];
}

/** `GET` of the node's `/api/…` path as `account`. */
async function api<T>(node: DemoFileNode, pathname: string, account = 'admin'): Promise<T> {
  const url = new URL(pathname, node.url).href;
  const response = await fetch(url, { headers: { accept: 'application/json', authorization: basic(node, account) } });
  assert.equal(response.status, 200, `GET ${url}: ${response.status} ${await response.clone().text()}`);
  return await response.json() as T;
}

interface BoardView { caseId: string; options: { option: StixObject; positions: StixObject[]; tally: { support: number; oppose: number; abstain: number; silent: string[] } }[] }

const markingOf = (object: StixObject): readonly string[] => (object.object_marking_refs as string[] | undefined) ?? [];

describe('accord demo (seeded nodes, --no-sync)', () => {
  const { dir, cleanup } = temporaryDirectory('accord-demo-test-');
  let basePort: number;
  let demo: DemoProcess | undefined;
  let file: DemoFile;
  const node = (name: DemoNodeName): DemoFileNode => file.nodes.find((found) => found.name === name)!;

  before(async () => {
    basePort = await freeBasePort();
    demo = await startDemo(dir, basePort);
    file = JSON.parse(readFileSync(path.join(dir, DEMO_FILE), 'utf8')) as DemoFile;
  });
  after(() => {
    stopDemo(demo);
    cleanup();
  });

  it('writes demo.json: each node\'s name, url, identity and accounts', () => {
    assert.deepEqual(file.nodes.map((found) => found.name), ['uk', 'au', 'pl']);
    for (const [index, found] of file.nodes.entries()) {
      assert.equal(found.url, `http://127.0.0.1:${basePort + index}/taxii2/accord/`);
      assert.equal(found.identity, scenario.nodes[found.name].identity.id);
      const others = file.nodes.filter((other) => other !== found).map((other) => `${other.name}-node`);
      assert.deepEqual(found.accounts.map(({ name, role }) => [name, role]), [['admin', 'admin'], ...others.map((name) => [name, 'partner'])]);
      for (const account of found.accounts) assert.match(account.secret, /^\S{20,}$/);
      assert.ok(demo!.stdout().includes(found.url), 'the URL is printed');
    }
  });

  it('every node answers discovery with its own title', async () => {
    for (const found of file.nodes) {
      const discovery = await getJson(new URL('/taxii2/', found.url).href, basic(found, 'admin'));
      assert.equal(discovery.title, scenario.nodes[found.name].identity.name);
      assert.equal(discovery.default, '/taxii2/accord/');
    }
  });

  it('the UK admin sees every UK scenario object', async () => {
    const { objects } = await readDefaultCollection(node('uk'), 'admin');
    assert.deepEqual(new Set(fromScenario('uk', objects).map((object) => object.id)), new Set(ukObjects.map((object) => object.id)));
  });

  it('AU\'s account at the UK reads exactly what the UK–AU agreements allow: the AMBER incident, no AMBER+STRICT, no RED', async () => {
    const { collectionId, objects } = await readDefaultCollection(node('uk'), 'au-node');
    const seen = new Set(fromScenario('uk', objects).map((object) => object.id));
    assert.deepEqual(seen, expectedAtUk('au', collectionId));
    const incident = ukObjects.find((object) => object.type === 'incident')!;
    assert.ok(markingOf(incident).includes(TLP2_AMBER.id), 'the incident is TLP:AMBER');
    assert.ok(seen.has(incident.id), 'AU reads the AMBER incident');
    for (const object of objects) {
      assert.ok(!markingOf(object).includes(TLP2_AMBER_STRICT.id), `${object.id} is AMBER+STRICT`);
      assert.ok(!markingOf(object).includes(TLP2_RED.id), `${object.id} is RED`);
    }
    assert.ok(seen.size < ukObjects.length, 'something stays at the UK');
  });

  it('PL\'s account at the UK does not see what the UK–PL agreements exclude', async () => {
    const { collectionId, objects } = await readDefaultCollection(node('uk'), 'pl-node');
    const seen = new Set(fromScenario('uk', objects).map((object) => object.id));
    const expected = expectedAtUk('pl', collectionId);
    assert.deepEqual(seen, expected);
    const withheld = ukObjects.filter((object) => !expected.has(object.id));
    assert.ok(withheld.length > 0);
    for (const object of withheld) assert.ok(!seen.has(object.id), `${object.id} is withheld from PL`);
  });

  it("the agreed case's co-signed statement is on every node's public pages, and its bundle passes accord verify", async () => {
    const { objects } = await readDefaultCollection(node('uk'), 'admin');
    const published = objects.find((object) => object.type === 'accord-attribution-case' && object.status === 'published');
    assert.ok(published, 'the UK holds a published case');
    const statementId = String(published.statement_ref);
    const signers = file.nodes.map((found) => found.identity).sort();
    for (const found of file.nodes) {
      const origin = new URL(found.url).origin;
      const list = await fetch(`${origin}/public/statements/`);
      assert.equal(list.status, 200);
      assert.ok((await list.text()).includes(statementId), `${found.name}'s public pages list the statement`);
      const response = await fetch(`${origin}/public/statements/${statementId}/bundle.json`);
      assert.equal(response.status, 200, `${found.name} serves the statement's bundle`);
      const bundle = await response.json() as { objects: StixObject[] };
      const signatures = bundle.objects.filter((object) => object.type === 'accord-signature');
      assert.deepEqual(signatures.map((signature) => signature.signer_ref).sort(), signers, `UK, AU and PL co-signed (bundle from ${found.name})`);
      const saved = path.join(dir, `statement-${found.name}.json`);
      writeFileSync(saved, JSON.stringify(bundle));
      const verified = await accord('verify', saved);
      assert.equal(verified.code, 0, `accord verify of ${found.name}'s bundle: ${verified.stdout}${verified.stderr}`);
      const tampered = path.join(dir, `statement-${found.name}-tampered.json`);
      writeFileSync(tampered, JSON.stringify({ ...bundle, objects: bundle.objects.map((object) => (object.id === statementId ? { ...object, description: `${String(object.description)} ` } : object)) }));
      assert.equal((await accord('verify', tampered)).code, 1, `a changed statement from ${found.name} fails to verify`);
    }
  });

  it('the second case is in consultation with PL\'s dissent, on every node; the incidents carry the incident extension', async () => {
    const pl = node('pl').identity;
    for (const found of file.nodes) {
      const { objects } = await readDefaultCollection(found, 'admin');
      const consulting = objects.filter((object) => object.type === 'accord-attribution-case' && object.status === 'consultation');
      assert.equal(consulting.length, 1, `${found.name} holds the case in consultation`);
      assert.deepEqual(consulting[0]!.concurrence_rule, { kind: 'all' });
      const dissent = objects.find((object) => object.type === 'opinion' && object.created_by_ref === pl && (object.object_refs as string[]).includes(consulting[0]!.id));
      assert.equal(dissent?.opinion, 'disagree', `${found.name} holds PL's dissent`);
      assert.match(String(dissent?.explanation), /\S{10}/, 'with its reasons');
      const incidents = objects.filter((object) => object.type === 'incident' && !scenarioIds.has(object.id));
      assert.equal(incidents.length, 2, `${found.name} holds both cases' incidents`);
      for (const incident of incidents) assert.ok((incident.extensions as Record<string, unknown>)[WORKFLOW_EXTENSION_IDS['accord-incident']], `${incident.id} carries the incident extension`);
    }
  });

  it('the response boards of both cases, at every node: each option with its status, legal check and every position the partners recorded', async () => {
    const { objects } = await readDefaultCollection(node('uk'), 'admin');
    const cases = latestOfType(objects, 'accord-attribution-case');
    const assessments = latestOfType(objects, 'accord-legal-assessment');
    const positions = latestOfType(objects, 'accord-response-position');
    const attributionVerdict = (id: unknown): unknown => (assessments.find((found) => found.id === id)?.conclusions as { id: string; verdict: string }[] | undefined)?.find((conclusion) => conclusion.id === 'attribution')?.verdict;
    for (const entry of cases) {
      const options = latestOfType(objects, 'accord-response-option').filter((option) => option.case_ref === entry.id);
      assert.ok(options.length > 0, `case ${String(entry.name)} has response options`);
      for (const found of file.nodes) {
        const board = await api<BoardView>(found, `/api/cases/${entry.id}/responses`);
        assert.deepEqual(board.options.map(({ option }) => [option.id, option.status]).sort(), options.map((option) => [option.id, option.status]).sort(), `${found.name} shows the case's options`);
        for (const { option, positions: shown, tally } of board.options) {
          const recorded = positions.filter((position) => position.option_ref === option.id);
          assert.deepEqual(shown.map((position) => [position.created_by_ref, position.position]).sort(), recorded.map((position) => [position.created_by_ref, position.position]).sort(), `${found.name}: the positions on ${String(option.name)}`);
          const participants = entry.participant_refs as string[];
          assert.deepEqual(tally.silent.sort(), participants.filter((participant) => !recorded.some((position) => position.created_by_ref === participant)).sort());
          for (const position of shown) if (position.position !== 'support') assert.match(String(position.reason), /\S.{9,}/, 'an opposition or abstention has its reasons');
          assert.equal((option.legal_check as { standing: string }).standing, 'lawful-in-itself', 'the measures proposed are retorsion');
        }
      }
      // The check rests on the UK's stored assessment of the case: attribution yes for the agreed case, undetermined for the disputed one.
      const expected = entry.status === 'published' ? 'yes' : 'cannot-determine';
      for (const option of options) assert.equal(attributionVerdict(option.assessment_ref), expected, `${String(option.name)} is checked on the case's assessment`);
    }
    const published = cases.find((entry) => entry.status === 'published')!;
    const kinds = latestOfType(objects, 'accord-response-option').filter((option) => option.case_ref === published.id).map((option) => [option.kind, option.status]).sort();
    assert.deepEqual(kinds, [['demarche', 'agreed'], ['joint-statement', 'done']]);
    const pl = node('pl').identity;
    const plOnFlood = positions.filter((position) => position.created_by_ref === pl && latestOfType(objects, 'accord-response-option').some((option) => option.id === position.option_ref && option.case_ref !== published.id));
    assert.deepEqual(plOnFlood.map((position) => position.position), ['oppose'], 'PL opposes the sanctions proposal on the disputed case');
  });

  it('the UK\'s norms matrix counts exactly its analyst\'s confirmed norms; rejected and suggested ones stay out', async () => {
    const { objects } = await readDefaultCollection(node('uk'), 'admin');
    const tags = [...currentNormTags(latestOfType(objects, 'accord-norm-tag') as unknown as NormTag[]).values()];
    const confirmed = tags.filter((tag) => tag.status === 'confirmed');
    assert.ok(confirmed.length > 0 && tags.some((tag) => tag.status === 'rejected'), 'the analyst confirmed and rejected norms');
    for (const tag of tags.filter((found) => found.status !== 'suggested')) assert.match(String(tag.reason), /\S.{9,}/, `the decision on ${tag.norm} has its reason`);
    const matrix = await api<{ rows: { norm: string; cells: { incidents: { id: string }[] }[] }[] }>(node('uk'), '/api/norms/matrix');
    const shown = matrix.rows.flatMap((row) => row.cells.flatMap((cell) => cell.incidents.map((incident) => `${incident.id} ${row.norm}`))).sort();
    assert.deepEqual(shown, confirmed.map((tag) => `${tag.incident_ref} ${tag.norm}`).sort());
  });

  it('every state\'s implementation record, as each node recorded it, reads at the UK', async () => {
    const { objects } = await readDefaultCollection(node('uk'), 'admin');
    const records = latestOfType(objects, 'accord-norm-implementation');
    for (const found of file.nodes) {
      const state = scenario.nodes[found.name].country;
      const own = records.filter((record) => record.state === state);
      assert.ok(own.length > 0 && own.every((record) => record.created_by_ref === found.identity), `${state}'s records are ${found.name}'s own`);
      for (const record of own) for (const evidence of record.evidence as string[]) assert.match(evidence, /^https:\/\/example\.org\//, 'illustrative evidence');
      const view = await api<{ total: number; norms: { measures: { id: string }[] }[] }>(node('uk'), `/api/norms/states/${state}`);
      assert.equal(view.total, own.length);
      assert.deepEqual(view.norms.flatMap((norm) => norm.measures.map((measure) => measure.id)).sort(), own.map((record) => record.id).sort());
    }
  });

  it('the UK\'s lessons-learned review is at the UK and AU; PL reads it at the UK exactly as the UK–PL agreements allow', async () => {
    const { collectionId, objects } = await readDefaultCollection(node('uk'), 'admin');
    const reviews = latestOfType(objects, 'accord-lessons-learned');
    assert.equal(reviews.length, 1);
    const review = reviews[0]!;
    assert.equal((review.recommendations as unknown[]).length, 2);
    for (const name of ['uk', 'au'] as const) {
      assert.deepEqual((await api<StixObject[]>(node(name), '/api/lessons')).map((found) => found.id), [review.id], `${name} holds the review`);
    }
    assert.deepEqual(await api<StixObject[]>(node('pl'), '/api/lessons'), [], 'the seeding gives PL no review of its own');
    const atUkForPl = (await readDefaultCollection(node('uk'), 'pl-node')).objects.some((object) => object.id === review.id);
    assert.equal(atUkForPl, allowedAtUk('pl', collectionId, [review]).has(review.id), 'PL reads the review at the UK only as the agreements allow');
  });

  it('SIGTERM stops it with exit 0 and frees the ports; a second start reuses the nodes', async () => {
    demo!.child.kill('SIGTERM');
    const [code, signal] = await demo!.exited;
    assert.deepEqual([code, signal], [0, null]);
    for (let port = basePort; port < basePort + 3; port++) assert.ok(await portFree(port), `port ${port} is free`);

    demo = await startDemo(dir, basePort);
    assert.match(demo.stdout(), /reused/);
    const again = JSON.parse(readFileSync(path.join(dir, DEMO_FILE), 'utf8')) as DemoFile;
    assert.deepEqual(again, file, 'demo.json is kept');
    for (const name of ['uk', 'au', 'pl'] as const) {
      const { objects } = await readDefaultCollection(node(name), 'admin');
      assert.equal(fromScenario(name, objects).length, scenario.nodes[name].objects.length, `${name} is not seeded twice`);
      assert.equal(objects.filter((object) => object.type === 'accord-attribution-case').length, 2, `${name} holds the two joint cases once`);
    }
    demo.child.kill('SIGTERM');
    assert.deepEqual(await demo.exited, [0, null]);
  });
});

describe('accord demo syncs the partner nodes', () => {
  const { dir, cleanup } = temporaryDirectory('accord-demo-sync-test-');
  let demo: DemoProcess | undefined;
  after(() => {
    stopDemo(demo);
    cleanup();
  });

  it('AU receives the UK\'s AMBER incident with its provenance, and never what the UK keeps from it', async () => {
    demo = await startDemo(dir, await freeBasePort(), ['--sync-interval', '2']);
    const file = JSON.parse(readFileSync(path.join(dir, DEMO_FILE), 'utf8')) as DemoFile;
    const au = file.nodes.find((found) => found.name === 'au')!;
    const incident = ukObjects.find((object) => object.type === 'incident')!;
    let objects: StixObject[] = [];
    let collectionId = '';
    for (let waited = 0; waited < 60_000 && !objects.some((object) => object.id === incident.id); waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      ({ collectionId, objects } = await readDefaultCollection(au, 'admin'));
    }
    assert.ok(objects.some((object) => object.id === incident.id), `the incident reached AU: ${demo.stderr()}`);
    const allowed = expectedAtUk('au', collectionId);
    const received = objects.filter((object) => ukObjects.some((uk) => uk.id === object.id));
    for (const object of received) assert.ok(allowed.has(object.id), `${object.id} reached AU although the UK's policy withholds it`);
    // The demo built its scenario at its own start: versions are read from AU, not from this test's build.
    const atAu = objects.find((object) => object.id === incident.id)!;
    demo.child.kill('SIGTERM');
    assert.deepEqual(await demo.exited, [0, null]);
    const node = await openNode(path.join(dir, 'au'));
    try {
      assert.equal(node.local.provenanceOf(atAu.id, String(atAu.modified))?.partner, 'uk', 'AU records that the incident came from the UK');
      assert.equal(node.audit.verify().ok, true);
    } finally {
      await node.close();
    }
  });
});
