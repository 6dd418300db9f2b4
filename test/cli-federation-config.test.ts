import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair } from '../src/federation/keys.ts';
import { openNode, type NodeStores } from '../src/store/data-dir.ts';
import { accord, temporaryDirectory, type CliRun } from './support/cli.ts';

/**
 * `accord init` (key and profile), `identity show`, `partner …` and `agreement …`
 * through the real command line: what they print, what they refuse (exit 64 with
 * a precise message), what they audit, and that no secret is ever printed.
 */

interface IdentityJson { id: string; name: string; identityClass: string; sectors: string[]; country: string | null; publicKey: string | null; fingerprint: string | null; keyCreatedAt: string | null }
interface PartnerJson { name: string; kind: string; url?: string; identityId?: string; publicKey?: string; fingerprint?: string; accountName?: string; credentials: string; agreements?: string[] }
interface AgreementJson { id: string; partner: string; direction: string; collections: string[]; objectTypes: string[]; tlp: string[]; onward: boolean; basis?: string; created?: boolean }

const CREDENTIALS = 'uk-node:correct-horse-battery-staple';
const ENV_CREDENTIALS = 'uk-node:from-the-environment-9f8e7d';

describe('accord identity, partner and agreement', () => {
  const uk = temporaryDirectory();
  const au = temporaryDirectory();
  after(() => {
    uk.cleanup();
    au.cleanup();
  });
  /** Every run's output, to prove no secret ever appears in any of it. */
  const outputs: string[] = [];
  const run = async (dir: string, ...argv: string[]): Promise<CliRun> => {
    const result = await accord('--data', dir, ...argv);
    outputs.push(result.stdout, result.stderr);
    return result;
  };
  const ukRun = (...argv: string[]) => run(uk.dir, ...argv);
  const json = async <T>(...argv: string[]): Promise<T> => {
    const result = await ukRun(...argv, '--json');
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as T;
  };
  /** Expects a usage error (exit 64) whose message matches. */
  const refused = async (message: RegExp, ...argv: string[]): Promise<void> => {
    const result = await ukRun(...argv);
    assert.equal(result.code, 64, `${argv.join(' ')}: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, message);
  };

  let auIdentity: IdentityJson;
  let ukIdentity: IdentityJson;

  before(async () => {
    assert.equal((await run(au.dir, 'init', '--title', 'ASD ACSC', '--country', 'AU')).code, 0);
    const shown = await run(au.dir, 'identity', 'show', '--json');
    auIdentity = JSON.parse(shown.stdout) as IdentityJson;
  });

  it('identity show before init: exit 3 and what to do', async () => {
    const result = await ukRun('identity', 'show');
    assert.equal(result.code, 3);
    assert.match(result.stderr, /no identity yet: run `accord init`/);
  });

  it('init makes the key pair once; the key is stable across init runs; identity show prints it with sectors and country', async () => {
    const first = await ukRun('init', '--title', 'NCSC', '--country', 'gb', '--sector', 'government-national', '--json');
    assert.equal(first.code, 0, first.stderr);
    const created = JSON.parse(first.stdout) as { fingerprint: string; identity: string };
    ukIdentity = await json<IdentityJson>('identity', 'show');
    const { publicKey, keyCreatedAt, ...profile } = ukIdentity;
    assert.deepEqual(profile, { id: created.identity, name: 'NCSC', identityClass: 'organization', sectors: ['government-national'], country: 'GB', fingerprint: created.fingerprint });
    assert.match(publicKey!, /^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, 'Ed25519 SPKI in base64');
    assert.match(keyCreatedAt!, /^\d{4}-\d\d-\d\dT/);
    assert.match(ukIdentity.fingerprint!, /^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    for (let i = 0; i < 2; i += 1) {
      const again = await ukRun('init', '--json');
      assert.equal(again.code, 0, again.stderr);
      assert.equal((JSON.parse(again.stdout) as { fingerprint: string }).fingerprint, created.fingerprint);
    }
    assert.deepEqual(await json<IdentityJson>('identity', 'show'), ukIdentity);
    const text = await ukRun('identity', 'show');
    assert.equal(text.code, 0);
    for (const line of [/^identity +identity--/m, /^name +NCSC$/m, /^class +organization$/m, /^sectors +government-national$/m, /^country +GB \(United Kingdom\)$/m, /^public key +MCowBQYDK2VwAyEA/m, /^fingerprint +[0-9A-F]{4} /m]) {
      assert.match(text.stdout, line);
    }
  });

  it('init refuses an unknown country or sector', async () => {
    await refused(/"UK" is not an ISO 3166-1 alpha-2 country code \(did you mean GB\?\)/, 'init', '--country', 'UK');
    await refused(/"goverment" is not an industry sector of STIX 2\.1/, 'init', '--sector', 'goverment');
  });

  it('partner add, list, show with --json; credentials are stored but shown only as set / not set', async () => {
    assert.equal((await ukRun('user', 'add', 'au-node', '--role', 'partner', '--kind', 'system')).code, 0);
    const added = await json<PartnerJson>('partner', 'add', 'au', '--url', 'http://127.0.0.1:7402/taxii2/accord', '--identity', auIdentity.id,
      '--public-key', auIdentity.publicKey!, '--account', 'au-node', '--credentials', CREDENTIALS);
    assert.deepEqual({ ...added, createdAt: undefined }, {
      name: 'au', kind: 'state', url: 'http://127.0.0.1:7402/taxii2/accord/', identityId: auIdentity.id, publicKey: auIdentity.publicKey,
      accountName: 'au-node', fingerprint: auIdentity.fingerprint, credentials: 'set', createdAt: undefined,
    });
    process.env.ACCORD_TEST_PL_CREDENTIALS = ENV_CREDENTIALS;
    try {
      const pl = await json<PartnerJson>('partner', 'add', 'pl', '--kind', 'state', '--url', 'https://taxii.cert.example.pl/taxii2/accord/', '--identity', 'identity--3a1c51ad-2b39-4bd4-8f7b-8e0fbe0c3c51',
        '--public-key', generateKeyPair().publicKey, '--credentials-env', 'ACCORD_TEST_PL_CREDENTIALS');
      assert.equal(pl.credentials, 'set');
    } finally {
      delete process.env.ACCORD_TEST_PL_CREDENTIALS;
    }
    const open = await json<PartnerJson>('partner', 'add', 'public', '--kind', 'public');
    assert.deepEqual([open.kind, open.credentials, open.url], ['public', 'not set', undefined]);

    const list = await json<PartnerJson[]>('partner', 'list');
    assert.deepEqual(list.map((partner) => [partner.name, partner.kind, partner.credentials]), [['au', 'state', 'set'], ['pl', 'state', 'set'], ['public', 'public', 'not set']]);
    const shown = await json<PartnerJson>('partner', 'show', 'au');
    assert.deepEqual(shown, { ...list[0], agreements: [] });
    const table = await ukRun('partner', 'list');
    assert.match(table.stdout, /^name +kind +url +identity +key fingerprint +account +credentials$/m);
    assert.match(table.stdout, /^au +state +http:\/\/127\.0\.0\.1:7402\/taxii2\/accord\/ /m);
    assert.match((await ukRun('partner', 'show', 'au')).stdout, /^credentials +set$/m);
    assert.equal((await ukRun('partner', 'show', 'nz')).code, 3);

    await inspect(uk.dir, (node) => {
      assert.equal(node.local.partnerCredentials('au'), CREDENTIALS, 'stored so that sync can sign in');
      assert.equal(node.local.partnerCredentials('pl'), ENV_CREDENTIALS);
    });
  });

  it('partner add refuses, each with a precise message (exit 64)', async () => {
    const key = generateKeyPair().publicKey;
    const base = ['partner', 'add', 'nz', '--url', 'https://taxii.example.govt.nz/taxii2/accord/', '--identity', 'identity--7d3f1c2e-9a4b-4c5d-8e6f-0a1b2c3d4e5f', '--public-key', key];
    await refused(/unknown partner kind "ally": expected state, industry, public/, ...base, '--kind', 'ally');
    await refused(/the URL "nz\.example" is not a URL/, ...base, '--url', 'nz.example');
    await refused(/plain http is allowed only to loopback/, ...base, '--url', 'http://taxii.example.govt.nz/taxii2/accord/');
    await refused(/the public has no node, so a public partner takes no a URL, credentials/, 'partner', 'add', 'everyone', '--kind', 'public', '--url', 'https://example.org/', '--credentials', 'a:b');
    await refused(/the identity "nz-cert" is not a STIX identity id: expected identity--<uuid>/, ...base, '--identity', 'nz-cert');
    await refused(/the public key is not base64/, ...base, '--public-key', 'not a key!');
    await refused(/the public key is not a DER-encoded SPKI public key/, ...base, '--public-key', generateKeyPair().privateKey);
    await refused(/there is no local account named "nz-node"/, ...base, '--account', 'nz-node');
    await refused(/credentials are neither USER:SECRET/, ...base, '--credentials', 'bare-secret');
    await refused(/a state partner needs --url .*\n.*needs --public-key/, 'partner', 'add', 'nz', '--identity', 'identity--7d3f1c2e-9a4b-4c5d-8e6f-0a1b2c3d4e5f');
    await refused(/the partner name "NZ" is not allowed/, ...base.slice(0, 2), 'NZ', ...base.slice(3));
    await refused(/a partner named "au" already exists/, ...base.slice(0, 2), 'au', ...base.slice(3));
    await refused(/the environment variable ACCORD_TEST_MISSING \(--credentials-env\) is not set/, ...base, '--credentials-env', 'ACCORD_TEST_MISSING');
    assert.equal((await ukRun('partner', 'show', 'nz')).code, 3, 'nothing was stored');
  });

  it('agreement set, list, show, remove with --json; a second set changes the same agreement', async () => {
    const outbound = await json<AgreementJson>('agreement', 'set', 'au', '--direction', 'outbound', '--tlp', 'clear,green,amber', '--types', 'indicator,malware', '--basis', 'UK-AU joint statement');
    assert.deepEqual({ ...outbound, updatedAt: undefined }, {
      id: 'au-outbound', partner: 'au', direction: 'outbound', collections: ['*'], objectTypes: ['indicator', 'malware'], tlp: ['clear', 'green', 'amber'], onward: false,
      basis: 'UK-AU joint statement', updatedAt: undefined, created: true,
    });
    const changed = await json<AgreementJson>('agreement', 'set', 'au', '--direction', 'outbound', '--tlp', 'clear,green');
    assert.deepEqual({ ...changed, updatedAt: undefined }, { ...outbound, tlp: ['clear', 'green'], updatedAt: undefined, created: false });
    const collection = (await json<{ id: string; title: string }[]>('collection', 'list'))[0]!;
    const joint = await json<AgreementJson>('agreement', 'set', 'au', '--direction', 'outbound', '--id', 'uk-au-pl-joint', '--collections', collection.id, '--onward', 'yes', '--basis', 'trilateral: joint cases only');
    assert.deepEqual([joint.id, joint.collections, joint.onward, joint.tlp], ['uk-au-pl-joint', [collection.id], true, ['clear', 'green']]);
    await json<AgreementJson>('agreement', 'set', 'pl', '--direction', 'inbound');
    await json<AgreementJson>('agreement', 'set', 'public', '--direction', 'outbound', '--types', 'indicator');

    const all = await json<AgreementJson[]>('agreement', 'list');
    assert.deepEqual(all.map((agreement) => agreement.id), ['au-outbound', 'uk-au-pl-joint', 'pl-inbound', 'public-outbound']);
    assert.deepEqual((await json<AgreementJson[]>('agreement', 'list', '--partner', 'au')).map((agreement) => agreement.id), ['au-outbound', 'uk-au-pl-joint']);
    const { created: _, ...stored } = joint;
    assert.deepEqual(await json<AgreementJson>('agreement', 'show', 'uk-au-pl-joint'), stored);
    const table = (await ukRun('agreement', 'list')).stdout;
    assert.match(table, /^agreement +partner +direction +what +TLP +onward +basis$/m);
    assert.match(table, /^au-outbound +au +outbound: we share +indicator, malware in every collection +CLEAR, GREEN +no +UK-AU joint statement$/m);
    assert.match(table, /^uk-au-pl-joint +au +outbound: we share +all objects in Default +CLEAR, GREEN +yes +trilateral: joint cases only$/m);
    assert.match(table, /^pl-inbound +pl +inbound: we accept +all objects in every collection +CLEAR, GREEN +no$/m);
    assert.match((await ukRun('agreement', 'show', 'uk-au-pl-joint')).stdout, /^onward +yes \(they may pass on CLEAR and GREEN only\)$/m);
    assert.deepEqual((await json<PartnerJson>('partner', 'show', 'au')).agreements, ['au-outbound', 'uk-au-pl-joint']);

    assert.equal((await ukRun('agreement', 'remove', 'uk-au-pl-joint')).code, 0);
    assert.equal((await ukRun('agreement', 'show', 'uk-au-pl-joint')).code, 3);
    assert.equal((await ukRun('agreement', 'remove', 'uk-au-pl-joint')).code, 3);
  });

  it('agreement set warns, and stores, onward=yes on an inbound agreement that includes AMBER or RED', async () => {
    const result = await ukRun('agreement', 'set', 'au', '--direction', 'inbound', '--tlp', 'clear,green,amber,red', '--onward', 'yes', '--json');
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as AgreementJson).onward, true);
    assert.match(result.stderr, /warning: onward sharing applies only to TLP:CLEAR and TLP:GREEN: what is marked TLP:AMBER, TLP:RED under au-inbound never travels onward/);
  });

  it('agreement set refuses, each with a precise message (exit 64)', async () => {
    await refused(/there is no partner named "nz"/, 'agreement', 'set', 'nz', '--direction', 'outbound');
    await refused(/unknown direction "sideways": expected outbound or inbound/, 'agreement', 'set', 'au', '--direction', 'sideways');
    await refused(/required option '--direction <direction>' not specified/, 'agreement', 'set', 'au');
    await refused(/unknown TLP level "white": expected some of clear, green, amber, amber\+strict, red/, 'agreement', 'set', 'au', '--direction', 'outbound', '--tlp', 'clear,white');
    await refused(/there is no collection "nope" on this node/, 'agreement', 'set', 'au', '--direction', 'outbound', '--collections', 'nope');
    await refused(/"indicatr" is not a STIX 2\.1 object type/, 'agreement', 'set', 'au', '--direction', 'outbound', '--types', 'indicatr');
    await refused(/--onward takes yes or no, not "sometimes"/, 'agreement', 'set', 'au', '--direction', 'outbound', '--onward', 'sometimes');
    await refused(/only TLP:CLEAR may go to the public \(TLP 2\.0\), not TLP:GREEN/, 'agreement', 'set', 'public', '--direction', 'outbound', '--tlp', 'clear,green');
    await refused(/it sends nothing, so it can have only an outbound agreement/, 'agreement', 'set', 'public', '--direction', 'inbound');
    await refused(/agreement au-outbound is the outbound agreement with au; choose another id/, 'agreement', 'set', 'pl', '--direction', 'outbound', '--id', 'au-outbound');
    await refused(/there is no partner named "nz"/, 'agreement', 'list', '--partner', 'nz');
  });

  it('partner remove: refused while agreements name the partner, then removed', async () => {
    await refused(/partner pl still has agreements \(pl-inbound\); remove them first/, 'partner', 'remove', 'pl');
    assert.equal((await ukRun('agreement', 'remove', 'pl-inbound')).code, 0);
    assert.equal((await ukRun('partner', 'remove', 'pl')).code, 0);
    assert.equal((await ukRun('partner', 'show', 'pl')).code, 3);
    assert.equal((await ukRun('partner', 'remove', 'pl')).code, 3);
  });

  it('audits the key creation and every partner and agreement change, without secrets', async () => {
    await inspect(uk.dir, (node) => {
      const entries = node.audit.list({ limit: 1000 }).filter((entry) => /^(node-key|partner|agreement)\./.test(entry.action));
      assert.deepEqual(entries.map((entry) => `${entry.action} ${entry.target}`), [
        `node-key.create ${ukIdentity.fingerprint}`,
        'partner.add au', 'partner.add pl', 'partner.add public',
        'agreement.set au-outbound', 'agreement.set au-outbound', 'agreement.set uk-au-pl-joint', 'agreement.set pl-inbound', 'agreement.set public-outbound',
        'agreement.remove uk-au-pl-joint', 'agreement.set au-inbound', 'agreement.remove pl-inbound', 'partner.remove pl',
      ]);
      assert.ok(entries.every((entry) => entry.actor === 'cli'));
      assert.deepEqual((entries[5]!.details as { previous: { tlp: string[] } }).previous.tlp, ['clear', 'green', 'amber'], 'a change keeps what it replaced');
      assert.ok(node.audit.verify().ok);
      const audited = JSON.stringify(entries);
      for (const secret of [CREDENTIALS, ENV_CREDENTIALS, 'correct-horse', node.local.nodeKey()!.privateKey]) assert.equal(audited.includes(secret), false);
    });
  });

  it('never printed a credential or the private key', async () => {
    const privateKeys = await Promise.all([uk.dir, au.dir].map((dir) => inspect(dir, (node) => node.local.nodeKey()!.privateKey)));
    const printed = outputs.join('\n');
    assert.ok(printed.includes(ukIdentity.publicKey!), 'the public key is printed');
    for (const secret of [CREDENTIALS, 'correct-horse', ENV_CREDENTIALS, ...privateKeys]) assert.equal(printed.includes(secret), false);
  });
});

/** Runs `look` on a node's databases, and closes them. */
async function inspect<T>(dir: string, look: (node: NodeStores) => T): Promise<T> {
  const node = await openNode(dir);
  try {
    return look(node);
  } finally {
    await node.close();
  }
}
