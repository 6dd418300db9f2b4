/**
 * `accord verify FILE` and `POST /api/statements/verify` (issue 7): a joint
 * statement co-signed by three nodes verifies; any changed byte, a missing
 * identity or a key other than the registered one fails it; input that is not
 * a statement bundle is refused with a precise message.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, keyFingerprint, nodeSigningKey } from '../src/federation/keys.ts';
import { initNode } from '../src/server/node.ts';
import { uuidV5 } from '../src/stix/identifier.ts';
import { TLP2_CLEAR } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openNode } from '../src/store/data-dir.ts';
import { signStatement } from '../src/workflows/statements/signature.ts';
import { basic, Client, signedIn, startApiNode, type ApiNode } from './support/api-node.ts';
import { accord, temporaryDirectory, type CliRun } from './support/cli.ts';
import { repoRoot } from './support/shared.ts';

const NS = '8b7f1c2e-4d5a-4e6f-9a0b-1c2d3e4f5a6b';
const T0 = '2024-06-01T00:00:00.000Z';

function identity(name: string): StixObject {
  return { type: 'identity', spec_version: '2.1', id: `identity--${uuidV5(NS, name)}`, created: T0, modified: T0, name, identity_class: 'organization', object_marking_refs: [TLP2_CLEAR.id] };
}

const report: StixObject = {
  type: 'report', spec_version: '2.1', id: `report--${uuidV5(NS, 'statement')}`, created: T0, modified: T0, published: T0,
  name: 'Joint statement on APT Test', description: 'The governments of the United Kingdom, Australia and Poland attribute the campaign to APT Test.',
  report_types: ['threat-actor'], object_refs: [`intrusion-set--${uuidV5(NS, 'APT Test')}`], object_marking_refs: [TLP2_CLEAR.id],
};
const au = { identity: identity('AU node (test)'), ...generateKeyPair() };
const pl = { identity: identity('PL node (test)'), ...generateKeyPair() };

/** `accord verify -` in a child process, `input` on its standard input. */
async function verifyFromStdin(input: string, ...args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'verify', '-', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdin.end(input);
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

describe('accord verify and POST /api/statements/verify', () => {
  const tmp = temporaryDirectory('accord-verify-');
  const data = path.join(tmp.dir, 'uk');
  let uk: { identity: StixObject; key: string };
  let bundle: { type: 'bundle'; id: string; objects: StixObject[] };
  /** Writes `value` (JSON unless a string) to a file and returns its path. */
  let files = 0;
  const file = (value: unknown): string => {
    const target = path.join(tmp.dir, `bundle-${++files}.json`);
    writeFileSync(target, typeof value === 'string' ? value : JSON.stringify(value));
    return target;
  };
  const withObjects = (objects: StixObject[]) => ({ ...bundle, objects });

  before(async () => {
    // The UK node signs with its own node key; AU and PL sign with theirs; the UK registers both partners' keys.
    const node = await openNode(data);
    try {
      const init = await initNode(node.store, node.local, { name: 'UK node (test)' });
      uk = { identity: init.identity, key: init.key.publicKey };
      const ukSignature = signStatement(report, nodeSigningKey(node.local)!, uk.identity.id);
      bundle = {
        type: 'bundle', id: `bundle--${uuidV5(NS, 'bundle')}`,
        objects: [report, ukSignature, signStatement(report, au.privateKey, au.identity.id), signStatement(report, pl.privateKey, pl.identity.id), uk.identity, au.identity, pl.identity],
      };
      for (const partner of [au, pl]) {
        node.local.addPartner({ name: String(partner.identity.name).slice(0, 2).toLowerCase(), kind: 'state', identityId: partner.identity.id, publicKey: partner.publicKey, createdAt: T0 });
      }
    } finally {
      await node.close();
    }
  });
  after(() => tmp.cleanup());

  it('verifies a statement co-signed by three nodes: each signer, fingerprint and verdict, exit 0', async () => {
    const run = await accord('verify', file(bundle));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    for (const signer of [uk, au, pl].map((s) => s.identity)) assert.ok(run.stdout.includes(`${signer.name} (${signer.id})`), `${signer.name} listed`);
    for (const key of [uk.key, au.publicKey, pl.publicKey]) assert.ok(run.stdout.includes(keyFingerprint(key)));
    assert.equal(run.stdout.match(/^ {2}valid /gm)?.length, 3);
    assert.match(run.stdout, /verified: all 3 signatures valid/);

    const json = await accord('verify', file(bundle), '--json');
    assert.equal(json.code, 0);
    const result = JSON.parse(json.stdout);
    assert.equal(result.ok, true);
    assert.equal(result.statementId, report.id);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.signatures.map((s: { signer: string; valid: boolean }) => [s.signer, s.valid]), [[uk.identity.id, true], [au.identity.id, true], [pl.identity.id, true]]);
  });

  it('fails (exit 1) after any change to the statement or a signature, or without a signer\'s identity, naming the problem', async () => {
    const changedReport = { ...report, description: `${report.description as string} ` };
    const changedSignature = { ...bundle.objects[2]!, signature: (bundle.objects[3]! as StixObject).signature };
    const cases: [string, StixObject[], RegExp][] = [
      ['the statement text changed', [changedReport, ...bundle.objects.slice(1)], /does not verify/],
      ['one signature swapped', [report, bundle.objects[1]!, changedSignature, ...bundle.objects.slice(3)], /altered|does not verify/],
      ['a signer identity missing', bundle.objects.filter((object) => object.id !== pl.identity.id), /identity .* is not in the bundle/],
      ['no signature at all', bundle.objects.filter((object) => object.type !== 'accord-signature'), /no accord-signature/],
    ];
    for (const [what, objects, reason] of cases) {
      const run = await accord('verify', file(withObjects(objects)));
      assert.equal(run.code, 1, `${what}: ${run.stdout}`);
      assert.match(run.stdout, reason, what);
      assert.match(run.stdout, /NOT VERIFIED/, what);
      const json = JSON.parse((await accord('verify', file(withObjects(objects)), '--json')).stdout);
      assert.equal(json.ok, false, what);
      assert.ok(json.problems.length > 0, what);
    }
  });

  it('with --data, requires each signer\'s key to be the one registered on that node', async () => {
    const registered = await accord('--data', data, 'verify', file(bundle));
    assert.equal(registered.code, 0, registered.stdout + registered.stderr);
    assert.match(registered.stdout, /keys required to be those registered/);

    // The same statement signed for PL by a key the UK node does not know: valid by itself, refused against the registry.
    const impostor = generateKeyPair();
    const forged = withObjects(bundle.objects.map((object) => (object.type === 'accord-signature' && object.signer_ref === pl.identity.id ? signStatement(report, impostor.privateKey, pl.identity.id) : object)));
    assert.equal((await accord('verify', file(forged))).code, 0, 'the signature itself verifies');
    const refused = await accord('--data', data, 'verify', file(forged), '--json');
    assert.equal(refused.code, 1);
    const result = JSON.parse(refused.stdout);
    const plVerdict = result.signatures.find((s: { signer: string }) => s.signer === pl.identity.id);
    assert.equal(plVerdict.valid, false);
    assert.equal(plVerdict.fingerprint, keyFingerprint(impostor.publicKey));
    assert.ok(plVerdict.reason.includes(keyFingerprint(pl.publicKey)), plVerdict.reason);

    const nowhere = path.join(tmp.dir, 'no-such-node');
    const missing = await accord('--data', nowhere, 'verify', file(bundle));
    assert.equal(missing.code, 64);
    assert.match(missing.stderr, /is not a node's data directory/);
    assert.equal(existsSync(nowhere), false, 'a mistyped --data creates nothing');
  });

  it('refuses input that is not a statement bundle with a precise message (exit 2)', async () => {
    const cases: [string, string, RegExp][] = [
      ['not JSON', file('{"type": "bundle", "objects": ['), /is not JSON/],
      ['not a bundle', file({ type: 'report', id: report.id }), /is not a STIX bundle/],
      ['objects missing', file({ type: 'bundle', id: bundle.id }), /is not a STIX bundle/],
      ['no statement', file(withObjects(bundle.objects.filter((object) => object.type !== 'report'))), /holds no statement/],
      ['no such file', path.join(tmp.dir, 'absent.json'), /cannot read .*absent\.json: ENOENT/],
    ];
    for (const [what, target, message] of cases) {
      const run = await accord('verify', target);
      assert.equal(run.code, 2, `${what}: ${run.stderr}`);
      assert.match(run.stderr, message, what);
      assert.equal(run.stdout, '', what);
    }
    assert.equal((await accord('verify')).code, 64, 'the file is required');
  });

  it('reads the bundle from standard input with -', async () => {
    const good = await verifyFromStdin(JSON.stringify(bundle), '--json');
    assert.equal(good.code, 0, good.stderr);
    assert.equal(JSON.parse(good.stdout).ok, true);
    const bad = await verifyFromStdin('not json');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /standard input is not JSON/);
  });

  describe('the API', () => {
    let api: ApiNode;
    before(async () => {
      api = await startApiNode();
    });
    after(async () => api.close());

    it('answers the same verification to any signed-in account, and nothing to anyone else', async () => {
      const rita = await signedIn(api, 'rita');
      const good = await rita.call('POST', '/api/statements/verify', bundle);
      assert.equal(good.status, 200, good.text);
      assert.equal(good.body.ok, true);
      assert.deepEqual(good.body, JSON.parse((await accord('verify', file(bundle), '--json')).stdout), 'the API and the CLI agree');
      const changed = await rita.call('POST', '/api/statements/verify', withObjects([{ ...report, name: 'changed' }, ...bundle.objects.slice(1)]));
      assert.equal(changed.status, 200);
      assert.equal(changed.body.ok, false);
      assert.equal(changed.body.signatures.every((s: { valid: boolean }) => !s.valid), true);
      const notBundle = await rita.call('POST', '/api/statements/verify', { hello: 'world' });
      assert.equal(notBundle.status, 200);
      assert.equal(notBundle.body.ok, false);
      assert.match(notBundle.body.problems[0], /not a STIX bundle/);
      assert.equal((await rita.call('POST', '/api/statements/verify', '[1, 2]')).status, 400, 'the body must be an object');
      assert.equal((await rita.call('POST', '/api/statements/verify', '{not json')).status, 400);

      assert.equal((await new Client(api.base).call('POST', '/api/statements/verify', bundle)).status, 401, 'signed in only');
      assert.equal((await new Client(api.base, basic('pat', api.secrets.pat!)).call('POST', '/api/statements/verify', bundle)).status, 403, 'a partner machine account is refused');
      const noCsrf = new Client(api.base);
      noCsrf.cookie = rita.cookie;
      assert.equal((await noCsrf.call('POST', '/api/statements/verify', bundle)).status, 403, 'a cookie without the CSRF token is refused');
    });
  });
});
