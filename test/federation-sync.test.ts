/**
 * Sync between two real `accord serve` processes on loopback (issue 5): UK and AU,
 * each with its own data directory, partners of each other with each other's
 * public keys; UK shares CLEAR/GREEN/AMBER with AU and AU accepts the same.
 * Pull and push land what both agreements allow, with provenance, exactly once;
 * cursors make a second run empty; nothing goes back where it came from; a
 * tampered or wrongly signed envelope is refused and audited; a partner that was
 * down is caught up with nothing lost or duplicated.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { signEnvelope } from '../src/federation/signing.ts';
import { nodeSync } from '../src/cli/commands/sync.ts';
import { scheduleSync, type SyncReport } from '../src/federation/sync/sync.ts';
import { TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN, TLP2_RED } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openNode } from '../src/store/data-dir.ts';
import { TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { accord, temporaryDirectory } from './support/cli.ts';
import { spawnServe, type ServeProcess } from './support/serve-process.ts';

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
let serial = 0;

/** One identity object per marking: CLEAR, GREEN, AMBER (shared), AMBER+STRICT, RED (not). */
function batch(): { shared: StixObject[]; kept: StixObject[] } {
  const make = (marking: string): StixObject => {
    serial++;
    return {
      type: 'identity', spec_version: '2.1', id: `identity--5c5c5c5c-0000-4000-8000-${String(serial).padStart(12, '0')}`,
      created: new Date(T0).toISOString(), modified: new Date(T0).toISOString(), name: `org ${serial}`, identity_class: 'organization',
      object_marking_refs: [marking],
    };
  };
  return { shared: [make(TLP2_CLEAR.id), make(TLP2_GREEN.id), make(TLP2_AMBER.id)], kept: [make(TLP2_AMBER_STRICT.id), make(TLP2_RED.id)] };
}

async function run(...argv: string[]): Promise<string> {
  const result = await accord(...argv);
  assert.equal(result.code, 0, `accord ${argv.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('sync between two accord serve processes', () => {
  const uk = temporaryDirectory('accord-sync-uk-');
  const au = temporaryDirectory('accord-sync-au-');
  let ukServer: ServeProcess;
  let auServer: ServeProcess;
  const collection: Record<'uk' | 'au', string> = { uk: '', au: '' };
  const secret: Record<string, string> = {};

  /** Writes objects into UK's default collection (as a local analyst would). */
  const seedUk = async (objects: StixObject[]): Promise<void> => {
    const node = await openNode(uk.dir);
    try {
      await node.store.ingest(objects, { collections: [collection.uk] });
    } finally {
      await node.close();
    }
  };
  /** At AU: how many versions of `object` its default collection holds, and its provenance. */
  const atAu = async (object: StixObject): Promise<{ versions: number; from: string | undefined }> => {
    const node = await openNode(au.dir);
    try {
      const found = await node.store.query({ ids: [object.id], versions: ['all'], collection: collection.au }, { limit: 100 });
      return { versions: found.items.length, from: node.local.provenanceOf(object.id, object.modified!)?.partner };
    } finally {
      await node.close();
    }
  };
  const auditOf = async (dir: string, action: string) => {
    const node = await openNode(dir);
    try {
      return node.audit.list({ action });
    } finally {
      await node.close();
    }
  };
  const sync = async (dir: string, ...args: string[]): Promise<{ code: number; reports: SyncReport[] }> => {
    const result = await accord('--data', dir, 'sync', ...args, '--json');
    return { code: result.code, reports: JSON.parse(result.stdout) as SyncReport[] };
  };
  const expectLanded = async (shared: StixObject[], kept: StixObject[]): Promise<void> => {
    for (const object of shared) assert.deepEqual(await atAu(object), { versions: 1, from: 'uk' }, `${object.id} (${String(object.object_marking_refs)}) at AU once, from uk`);
    for (const object of kept) assert.equal((await atAu(object)).versions, 0, `${object.id} (${String(object.object_marking_refs)}) never reaches AU`);
  };

  const first = batch();

  before(async () => {
    for (const [name, dir, peer] of [['uk', uk.dir, 'au'], ['au', au.dir, 'uk']] as const) {
      const init = JSON.parse(await run('--data', dir, 'init', '--title', name.toUpperCase(), '--json')) as { collection: { id: string } };
      collection[name] = init.collection.id;
      secret[`${peer}-node@${name}`] = (JSON.parse(await run('--data', dir, 'user', 'add', `${peer}-node`, '--role', 'partner', '--kind', 'system', '--json')) as { secret: string }).secret;
      const node = await openNode(dir);
      node.local.putGrant({ ...node.local.grant(collection[name])!, readRoles: ['partner'], writeRoles: ['partner'] });
      await node.close();
    }
    await seedUk([...first.shared, ...first.kept]);
    [ukServer, auServer] = await Promise.all([spawnServe(uk.dir), spawnServe(au.dir)]);
    const identity = async (dir: string) => JSON.parse(await run('--data', dir, 'identity', 'show', '--json')) as { id: string; publicKey: string };
    const ids = { uk: await identity(uk.dir), au: await identity(au.dir) };
    for (const [name, dir, peer, url] of [['uk', uk.dir, 'au', auServer.url], ['au', au.dir, 'uk', ukServer.url]] as const) {
      await run('--data', dir, 'partner', 'add', peer, '--url', `${url}/taxii2/accord/`, '--identity', ids[peer].id, '--public-key', ids[peer].publicKey,
        '--account', `${peer}-node`, '--credentials', `${name}-node:${secret[`${name}-node@${peer}`]}`);
      for (const direction of ['outbound', 'inbound']) await run('--data', dir, 'agreement', 'set', peer, '--direction', direction, '--tlp', 'clear,green,amber');
    }
  });

  after(async () => {
    ukServer?.stop();
    auServer?.stop();
    await Promise.all([ukServer?.exited, auServer?.exited]);
    uk.cleanup();
    au.cleanup();
  });

  it('a pull AU←UK brings what both agreements allow, with provenance; a second pull brings nothing new', async () => {
    const pulled = await sync(au.dir, 'uk', '--pull-only');
    assert.equal(pulled.code, 0, JSON.stringify(pulled.reports));
    assert.ok(pulled.reports[0]!.accepted >= 3);
    await expectLanded(first.shared, first.kept);
    const again = await sync(au.dir, 'uk', '--pull-only');
    assert.equal(again.code, 0);
    assert.equal(again.reports[0]!.objects, 0, 'the cursor: nothing is fetched twice');
    assert.ok((await auditOf(au.dir, 'sync.pull')).length >= 2);
  });

  it('a push UK→AU lands with provenance and leaves AMBER+STRICT and RED at home', async () => {
    const second = batch();
    await seedUk([...second.shared, ...second.kept]);
    const pushed = await sync(uk.dir, 'au', '--push-only');
    assert.equal(pushed.code, 0, JSON.stringify(pushed.reports));
    assert.ok(pushed.reports[0]!.withheld >= 4, 'AMBER+STRICT and RED are withheld by decide');
    await expectLanded([...first.shared, ...second.shared], [...first.kept, ...second.kept]);
    const again = await sync(uk.dir, 'au', '--push-only');
    assert.equal(again.reports[0]!.objects, 0, 'the push cursor: nothing is sent twice');
    const audited = await auditOf(uk.dir, 'sync.push');
    assert.ok(audited.length >= 2);
    assert.ok(typeof audited[0]!.details?.objects === 'number');
  });

  it('re-delivery is idempotent: a push from the beginning duplicates nothing', async () => {
    const node = await openNode(uk.dir);
    for (const state of node.local.listSyncState('au').filter((row) => row.direction === 'push')) {
      delete state.cursor;
      node.local.putSyncState(state);
    }
    await node.close();
    const resent = await sync(uk.dir, 'au', '--push-only');
    assert.equal(resent.code, 0);
    assert.ok(resent.reports[0]!.objects >= 6, 'everything allowed is sent again');
    await expectLanded(first.shared, first.kept);
  });

  it('nothing goes back where it came from: AU pushing to UK sends none of what UK sent', async () => {
    const pushed = await sync(au.dir, 'uk', '--push-only');
    assert.equal(pushed.code, 0, JSON.stringify(pushed.reports));
    assert.ok(pushed.reports[0]!.withheld >= 6);
    const node = await openNode(uk.dir);
    try {
      for (const object of first.shared) assert.equal(node.local.provenanceOf(object.id, object.modified!), undefined, 'UK never receives its own object back');
    } finally {
      await node.close();
    }
  });

  it('a tampered envelope, a wrong key or no signature is refused with nothing written, and audited', async () => {
    const node = await openNode(uk.dir);
    const ukKey = node.local.nodeKey()!.privateKey;
    await node.close();
    const probe = batch().shared[1]!;
    const envelope = { objects: [probe] };
    const wrongKey = generateKeyPairSync('ed25519').privateKey;
    const post = (signature: string | undefined) => fetch(`${auServer.url}/taxii2/accord/collections/${collection.au}/objects/`, {
      method: 'POST',
      body: JSON.stringify(envelope),
      headers: {
        accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE,
        authorization: `Basic ${Buffer.from(`uk-node:${secret['uk-node@au']}`).toString('base64')}`,
        ...(signature !== undefined && { 'x-accord-signature': signature }),
      },
    });
    const before = (await auditOf(au.dir, 'sync.signature-rejected')).length;
    for (const [what, signature] of [
      ['tampered', signEnvelope({ objects: [{ ...probe, name: 'something else' }] }, ukKey)],
      ['wrong key', signEnvelope(envelope, wrongKey)],
      ['missing', undefined],
    ] as const) {
      const response = await post(signature);
      assert.equal(response.status, 403, what);
      const body = await response.json() as { description?: string };
      assert.match(body.description ?? '', /signature|x-accord-signature/i, what);
    }
    assert.equal((await atAu(probe)).versions, 0, 'nothing of a refused envelope is written');
    const rejected = await auditOf(au.dir, 'sync.signature-rejected');
    assert.equal(rejected.length - before, 3);
    assert.equal(rejected.at(-1)!.actor, 'partner:uk');
    // The same envelope properly signed is taken.
    assert.equal((await post(signEnvelope(envelope, ukKey))).status, 202);
    assert.deepEqual(await atAu(probe), { versions: 1, from: 'uk' });
  });

  it('a partner that is down: the error is recorded; after its restart the next sync catches up, nothing lost or duplicated', async () => {
    const third = batch();
    await seedUk([...third.shared, ...third.kept]);
    const port = new URL(auServer.url).port;
    auServer.stop();
    await auServer.exited;
    const failed = await sync(uk.dir, 'au', '--push-only');
    assert.equal(failed.code, 1);
    assert.ok(failed.reports[0]!.errors.length > 0);
    const status = JSON.parse(await run('--data', uk.dir, 'sync', 'status', '--json')) as { partner: string; direction: string; lastError: string | null; lastSuccessAt: string | null; lagSeconds: number | null }[];
    const link = status.find((entry) => entry.partner === 'au' && entry.direction === 'push')!;
    assert.match(link.lastError ?? '', /no answer|ECONNREFUSED/);
    assert.ok(link.lastSuccessAt !== null && link.lagSeconds !== null, 'the last success is still shown');

    auServer = await spawnServe(au.dir, ['--port', port]);
    const caughtUp = await sync(uk.dir, 'au', '--push-only');
    assert.equal(caughtUp.code, 0, JSON.stringify(caughtUp.reports));
    assert.equal(caughtUp.reports[0]!.accepted, 3);
    await expectLanded([...first.shared, ...third.shared], [...first.kept, ...third.kept]);
    const after = JSON.parse(await run('--data', uk.dir, 'sync', 'status', '--json')) as { partner: string; direction: string; lastError: string | null }[];
    assert.equal(after.find((entry) => entry.partner === 'au' && entry.direction === 'push')!.lastError, null);
  });

  it('a pulled page that does not verify against the partner\'s registered key is refused: nothing ingested, audited, cursor kept', async () => {
    const fourth = batch();
    await seedUk(fourth.shared);
    // The same node and credentials as `uk`, registered under a key that is not UK's.
    const wrong = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    await run('--data', au.dir, 'partner', 'add', 'uk-bad', '--url', `${ukServer.url}/taxii2/accord/`, '--public-key', wrong,
      '--identity', 'identity--5c5c5c5c-0000-4000-8000-ffffffffffff', '--credentials', `au-node:${secret['au-node@uk']}`);
    await run('--data', au.dir, 'agreement', 'set', 'uk-bad', '--direction', 'inbound', '--tlp', 'clear,green,amber');
    const before = (await auditOf(au.dir, 'sync.signature-rejected')).length;
    const pulled = await sync(au.dir, 'uk-bad', '--pull-only');
    assert.equal(pulled.code, 1);
    assert.match(pulled.reports[0]!.errors[0]!.message, /does not verify/);
    assert.equal(pulled.reports[0]!.objects, 0);
    for (const object of fourth.shared) assert.equal((await atAu(object)).versions, 0);
    const rejected = await auditOf(au.dir, 'sync.signature-rejected');
    assert.equal(rejected.length - before, 1);
    assert.equal(rejected.at(-1)!.details?.direction, 'pull');
    const node = await openNode(au.dir);
    try {
      assert.ok(node.local.listSyncState('uk-bad').every((row) => row.cursor === undefined), 'the cursor does not move past a refused page');
    } finally {
      await node.close();
    }
    // The real partner's pull takes them.
    assert.equal((await sync(au.dir, 'uk', '--pull-only')).code, 0);
    await expectLanded(fourth.shared, []);
  });

  it('on a schedule: runs repeat without overlapping until stopped, and what is added meanwhile arrives', async () => {
    const fifth = batch();
    const node = await openNode(au.dir);
    const runs: SyncReport[][] = [];
    const schedule = scheduleSync(nodeSync(node), { partner: 'uk', directions: ['pull'], intervalMs: 20, onReports: (reports) => runs.push(reports) });
    try {
      while (runs.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      await seedUk([...fifth.shared, ...fifth.kept]);
      const seen = runs.length;
      while (runs.length < seen + 2) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      await schedule.stop();
      await node.close();
    }
    assert.ok(runs.every((reports) => reports.length === 1 && reports[0]!.errors.length === 0), JSON.stringify(runs));
    await expectLanded(fifth.shared, fifth.kept);
  });
});
