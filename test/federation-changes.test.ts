/**
 * Changing federation configuration between two real `accord serve` processes
 * (UK and AU; docs/federation.md): a widened outbound agreement re-delivers what
 * the push cursor had passed, a widened inbound one re-fetches what a pull refused; a partner's key rotated with `accord partner
 * update` is then required (the old key's signatures are refused); pushes go to
 * the partner collection `--push-collection` names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signEnvelope } from '../src/federation/signing.ts';
import { generateKeyPair } from '../src/federation/keys.ts';
import { TLP2_AMBER, TLP2_GREEN } from '../src/stix/markings.ts';
import { TAXII_MEDIA_TYPE } from '../src/taxii/index.ts';
import { accord } from './support/cli.ts';
import { Federation, markedObject, run, versionKey } from './support/federation-nodes.ts';

describe('federation configuration changes between two accord serve processes', () => {
  let federation: Federation;
  const dir = (name: string): string => federation.nodes[name]!.dir;

  before(async () => {
    federation = await Federation.start(['uk', 'au']);
    await federation.link('uk', 'au');
    // UK shares only CLEAR and GREEN with AU at first; AU accepts up to AMBER.
    await run('--data', dir('uk'), 'agreement', 'set', 'au', '--direction', 'outbound', '--tlp', 'clear,green');
    await run('--data', dir('au'), 'agreement', 'set', 'uk', '--direction', 'inbound', '--tlp', 'clear,green,amber');
  });

  after(async () => {
    await federation?.close();
  });

  it('a widened outbound agreement takes effect on the next sync: what the push cursor passed is delivered, nothing twice', async () => {
    const green = markedObject([TLP2_GREEN.id]);
    const amber = markedObject([TLP2_AMBER.id]);
    await federation.seed('uk', [green, amber]);
    const first = await federation.sync('uk', 'au', '--push-only');
    assert.equal(first.code, 0, JSON.stringify(first.reports));
    let held = await federation.holdings('au');
    assert.ok(held.has(versionKey(green)));
    assert.ok(!held.has(versionKey(amber)), 'AMBER is outside the agreement');
    assert.equal((await federation.sync('uk', 'au', '--push-only')).reports[0]!.objects, 0, 'the cursor has passed both versions');

    await run('--data', dir('uk'), 'agreement', 'set', 'au', '--direction', 'outbound', '--tlp', 'clear,green,amber');
    const audited = await federation.with('uk', (node) => node.audit.list({ action: 'agreement.set' }).at(-1)!);
    assert.ok(Number(audited.details?.cursorsReset) >= 1, 'the change reset the push cursor and says so');
    const widened = await federation.sync('uk', 'au', '--push-only');
    assert.equal(widened.code, 0, JSON.stringify(widened.reports));
    held = await federation.holdings('au');
    assert.ok(held.has(versionKey(amber)), 'AMBER arrives once the agreement covers it');
    const counts = await federation.with('au', async (node) => {
      const found = await node.store.query({ ids: [green.id, amber.id], versions: ['all'], collection: federation.nodes.au!.collection }, { limit: 10 });
      return found.items.length;
    });
    assert.equal(counts, 2, 're-delivery stores nothing twice');

    // Narrowing again: nothing more flows, and what was sent stays sent.
    await run('--data', dir('uk'), 'agreement', 'set', 'au', '--direction', 'outbound', '--tlp', 'clear,green');
    const amber2 = markedObject([TLP2_AMBER.id]);
    await federation.seed('uk', [amber2]);
    const narrowed = await federation.sync('uk', 'au', '--push-only');
    assert.equal(narrowed.code, 0);
    assert.ok(!(await federation.holdings('au')).has(versionKey(amber2)));
  });

  it('a widened inbound agreement takes effect on the next pull: what was refused before is fetched again and taken', async () => {
    await run('--data', dir('uk'), 'agreement', 'set', 'au', '--direction', 'outbound', '--tlp', 'clear,green,amber');
    await run('--data', dir('au'), 'agreement', 'set', 'uk', '--direction', 'inbound', '--tlp', 'clear,green');
    await federation.sync('au', 'uk', '--pull-only');
    const amber = markedObject([TLP2_AMBER.id]);
    await federation.seed('uk', [amber]);
    const refused = await federation.sync('au', 'uk', '--pull-only');
    assert.equal(refused.code, 0, JSON.stringify(refused.reports));
    assert.ok(refused.reports[0]!.refused >= 1, 'AU\'s inbound agreement refuses AMBER');
    assert.ok(!(await federation.holdings('au')).has(versionKey(amber)));
    assert.equal((await federation.sync('au', 'uk', '--pull-only')).reports[0]!.objects, 0, 'the pull cursor has passed it');

    await run('--data', dir('au'), 'agreement', 'set', 'uk', '--direction', 'inbound', '--tlp', 'clear,green,amber');
    const widened = await federation.sync('au', 'uk', '--pull-only');
    assert.equal(widened.code, 0, JSON.stringify(widened.reports));
    assert.ok((await federation.holdings('au')).has(versionKey(amber)), 'AMBER is taken once AU\'s agreement lists it');
  });

  it('partner update: a rotated key is then required — the old key\'s signatures are refused, the new key\'s taken; audited without the credentials', async () => {
    const oldKey = await federation.with('uk', (node) => node.local.nodeKey()!.privateKey);
    const rotated = generateKeyPair();
    const post = async (privateKey: string) => {
      const envelope = { objects: [markedObject([TLP2_GREEN.id])] };
      const response = await fetch(`${federation.nodes.au!.server.url}/taxii2/accord/collections/${federation.nodes.au!.collection}/objects/`, {
        method: 'POST',
        body: JSON.stringify(envelope),
        headers: {
          accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE,
          authorization: `Basic ${Buffer.from(`uk-node:${federation.nodes.au!.secrets.uk}`).toString('base64')}`,
          'x-accord-signature': signEnvelope(envelope, privateKey),
        },
      });
      return response.status;
    };
    assert.equal(await post(oldKey), 202, 'before the rotation the registered key verifies');

    const updated = await accord('--data', dir('au'), 'partner', 'update', 'uk', '--public-key', rotated.publicKey, '--json');
    assert.equal(updated.code, 0, updated.stderr);
    assert.equal((JSON.parse(updated.stdout) as { publicKey: string }).publicKey, rotated.publicKey);
    assert.equal(await post(oldKey), 403, 'the old key\'s signature is refused');
    assert.equal(await post(rotated.privateKey), 202, 'the new key\'s is taken');

    const entry = await federation.with('au', (node) => node.audit.list({ action: 'partner.update' }).at(-1)!);
    const details = entry.details as { before: { publicKey: string; credentials: string }; after: { publicKey: string; credentials: string }; credentialsChanged: boolean };
    assert.equal(entry.target, 'uk');
    assert.equal(details.before.publicKey, federation.nodes.uk!.identity.publicKey);
    assert.equal(details.after.publicKey, rotated.publicKey);
    assert.equal(details.after.credentials, 'set');
    assert.equal(details.credentialsChanged, false);
    assert.ok(!JSON.stringify(entry).includes(federation.nodes.uk!.secrets.au!), 'the credentials never appear in the audit trail');

    // Put UK's real key back for the tests that follow.
    await run('--data', dir('au'), 'partner', 'update', 'uk', '--public-key', federation.nodes.uk!.identity.publicKey);
  });

  it('partner update refuses what add would refuse, names every problem, changes nothing', async () => {
    const before = await federation.with('au', (node) => node.local.partner('uk'));
    const refused = await accord('--data', dir('au'), 'partner', 'update', 'uk', '--url', 'ftp://example.org/', '--public-key', 'not-a-key', '--account', 'nobody', '--identity', 'malware--x');
    assert.equal(refused.code, 64, refused.stderr);
    for (const expected of [/ftp:\/\/example\.org/, /public key/, /no local account named "nobody"/, /not a STIX identity id/]) assert.match(refused.stderr, expected);
    assert.deepEqual(await federation.with('au', (node) => node.local.partner('uk')), before);
    const nothing = await accord('--data', dir('au'), 'partner', 'update', 'uk');
    assert.equal(nothing.code, 64);
    assert.match(nothing.stderr, /nothing to change/);
    const unknown = await accord('--data', dir('au'), 'partner', 'update', 'nz', '--url', 'https://nz.example.org/taxii2/accord/');
    assert.equal(unknown.code, 3);
    assert.match(unknown.stderr, /no partner named "nz"/);
    const credentials = await accord('--data', dir('au'), 'partner', 'update', 'uk', '--credentials', 'oops');
    assert.equal(credentials.code, 64);
    assert.match(credentials.stderr, /neither USER:SECRET/);
  });

  it('partner update --credentials: sync signs in with the new ones (a wrong secret fails, the right one works again)', async () => {
    const good = `au-node:${federation.nodes.uk!.secrets.au}`;
    await run('--data', dir('au'), 'partner', 'update', 'uk', '--credentials', 'au-node:wrong-secret');
    const failed = await federation.sync('au', 'uk', '--pull-only');
    assert.equal(failed.code, 1);
    assert.match(failed.reports[0]!.errors[0]!.message, /401|unauthori[sz]ed|credentials|sign/i);
    await run('--data', dir('au'), 'partner', 'update', 'uk', '--credentials', good);
    assert.equal((await federation.sync('au', 'uk', '--pull-only')).code, 0);
    const entries = await federation.with('au', (node) => node.audit.list({ action: 'partner.update' }));
    assert.ok(entries.slice(-2).every((entry) => entry.details?.credentialsChanged === true));
    assert.ok(!JSON.stringify(entries).includes('wrong-secret') && !JSON.stringify(entries).includes(good));
  });

  it('--push-collection: pushes land in the partner collection it names; an unknown one is a clear sync error', async () => {
    const inbox = JSON.parse(await run('--data', dir('au'), 'collection', 'create', '--title', 'from partners', '--read', 'partner', '--write', 'partner', '--json')) as { id: string };
    await run('--data', dir('uk'), 'partner', 'update', 'au', '--push-collection', inbox.id);
    const shown = JSON.parse(await run('--data', dir('uk'), 'partner', 'show', 'au', '--json')) as { pushCollection?: string };
    assert.equal(shown.pushCollection, inbox.id);
    const green = markedObject([TLP2_GREEN.id]);
    await federation.seed('uk', [green]);
    const pushed = await federation.sync('uk', 'au', '--push-only');
    assert.equal(pushed.code, 0, JSON.stringify(pushed.reports));
    const where = await federation.with('au', async (node) => ({
      inbox: (await node.store.query({ ids: [green.id], collection: inbox.id }, { limit: 5 })).items.length,
      default: (await node.store.query({ ids: [green.id], collection: federation.nodes.au!.collection }, { limit: 5 })).items.length,
    }));
    assert.deepEqual(where, { inbox: 1, default: 0 });

    await run('--data', dir('uk'), 'partner', 'update', 'au', '--push-collection', 'no-such-collection');
    const failed = await federation.sync('uk', 'au', '--push-only');
    assert.equal(failed.code, 1);
    assert.match(failed.reports[0]!.errors[0]!.message, /push collection no-such-collection is not among the collections/);
    const bad = await accord('--data', dir('uk'), 'partner', 'update', 'au', '--push-collection', 'has space');
    assert.equal(bad.code, 64);
    assert.match(bad.stderr, /push collection "has space" is not a collection id/);
  });

  it('partner add --push-collection is stored; the public takes none', async () => {
    const added = JSON.parse(await run('--data', dir('uk'), 'partner', 'add', 'nz', '--url', 'https://nz.example.org/taxii2/accord/', '--identity', federation.nodes.au!.identity.id,
      '--public-key', federation.nodes.au!.identity.publicKey, '--push-collection', 'inbox-1', '--json')) as { pushCollection?: string };
    assert.equal(added.pushCollection, 'inbox-1');
    const publicPartner = await accord('--data', dir('uk'), 'partner', 'add', 'everyone', '--kind', 'public', '--push-collection', 'x');
    assert.equal(publicPartner.code, 64);
    assert.match(publicPartner.stderr, /takes no a push collection/);
  });
});
