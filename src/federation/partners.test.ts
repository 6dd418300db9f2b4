import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateKeyPair } from './keys.ts';
import { checkPartner, checkPartnerUpdate, checkPartnerUrl, parseCredentials, type PartnerInput } from './partners.ts';

const key = generateKeyPair().publicKey;
const identity = 'identity--b60793ff-4691-4875-a80e-523f2b90cfff';
const context = { accountExists: (name: string) => name === 'au-node', now: '2024-01-01T00:00:00.000Z' };
const node: PartnerInput = { name: 'au', url: 'https://taxii.example.gov.au/taxii2/accord', identity, publicKey: key };

function problems(input: PartnerInput): string[] {
  const checked = checkPartner(input, context);
  assert.equal(checked.ok, false, 'refused');
  return checked.ok ? [] : checked.problems;
}

describe('checkPartner', () => {
  it('accepts a state partner with its node, defaults the kind to state and ends the URL with a slash', () => {
    const checked = checkPartner({ ...node, account: 'au-node', credentials: 'uk-node:s3cret' }, context);
    assert.ok(checked.ok);
    assert.deepEqual(checked.value, {
      partner: { name: 'au', kind: 'state', createdAt: '2024-01-01T00:00:00.000Z', url: 'https://taxii.example.gov.au/taxii2/accord/', identityId: identity, publicKey: key, accountName: 'au-node' },
      credentials: 'uk-node:s3cret',
    });
  });

  it('accepts the public with nothing but a name', () => {
    const checked = checkPartner({ name: 'public', kind: 'public' }, context);
    assert.ok(checked.ok);
    assert.deepEqual(checked.value.partner, { name: 'public', kind: 'public', createdAt: '2024-01-01T00:00:00.000Z' });
  });

  it('refuses, each with a precise message', () => {
    assert.match(problems({ ...node, name: 'AU' })[0]!, /partner name "AU" is not allowed: use 1-32 lower-case letters/);
    assert.match(problems({ ...node, name: '-au' })[0]!, /not allowed/);
    assert.match(problems({ ...node, kind: 'ally' })[0]!, /unknown partner kind "ally": expected state, industry, public/);
    assert.match(problems({ ...node, url: 'not a url' })[0]!, /the URL "not a url" is not a URL: expected the partner's TAXII API root/);
    assert.match(problems({ ...node, url: 'ftp://example.org/taxii2/' })[0]!, /cannot be used: ftp: is not http\(s\)/);
    assert.match(problems({ ...node, url: 'http://taxii.example.org/taxii2/' })[0]!, /cannot be used: .*plain http is allowed only to loopback/);
    assert.match(problems({ ...node, url: 'https://u:p@example.org/taxii2/' })[0]!, /credentials belong in the credentials option/);
    assert.match(problems({ ...node, url: 'https://example.org/taxii2/?x=1' })[0]!, /has a query or fragment/);
    assert.match(problems({ ...node, identity: 'indicator--b60793ff-4691-4875-a80e-523f2b90cfff' })[0]!, /is not a STIX identity id: expected identity--<uuid>/);
    assert.match(problems({ ...node, identity: 'identity--123' })[0]!, /is not a STIX identity id/);
    assert.match(problems({ ...node, publicKey: 'AAAA' })[0]!, /the public key is not a DER-encoded SPKI public key/);
    assert.match(problems({ ...node, account: 'nobody' })[0]!, /there is no local account named "nobody": create it first with `accord user add nobody --role partner --kind system`/);
    assert.match(problems({ ...node, credentials: 'just-a-secret' })[0]!, /credentials are neither USER:SECRET .* nor an Accord API key/);
  });

  it('requires URL, identity and public key of a partner with a node, and reports every problem at once', () => {
    const found = problems({ name: 'pl', kind: 'industry' });
    assert.equal(found.length, 3);
    assert.match(found[0]!, /an? industry partner needs --url/);
    assert.match(found[1]!, /needs --identity/);
    assert.match(found[2]!, /needs --public-key/);
  });

  it('refuses a public partner with anything a node would have', () => {
    assert.match(problems({ name: 'public', kind: 'public', url: 'https://example.org/' })[0]!, /the public has no node, so a public partner takes no a URL: it reads only the public pages/);
    assert.match(problems({ name: 'public', kind: 'public', credentials: 'a:b', publicKey: key })[0]!, /takes no a public key, credentials/);
  });
});

describe('checkPartnerUrl and parseCredentials', () => {
  it('keeps loopback http for local nodes and the demo', () => {
    assert.deepEqual(checkPartnerUrl('http://127.0.0.1:7402/taxii2/accord'), { url: 'http://127.0.0.1:7402/taxii2/accord/' });
    assert.deepEqual(checkPartnerUrl('http://localhost:7402/taxii2/accord/'), { url: 'http://localhost:7402/taxii2/accord/' });
  });

  it('reads USER:SECRET as Basic and an Accord API key as Bearer', () => {
    assert.deepEqual(parseCredentials('uk-node:pa:ss'), { scheme: 'basic', username: 'uk-node', password: 'pa:ss' });
    const apiKey = `accord_abcdefgh_${'x'.repeat(43)}`;
    assert.deepEqual(parseCredentials(apiKey), { scheme: 'bearer', token: apiKey });
    for (const bad of ['', ':secret', 'user:', 'secret']) assert.ok('problem' in parseCredentials(bad), bad);
  });
});

describe('checkPartnerUpdate', () => {
  const stored = (() => {
    const checked = checkPartner({ ...node, account: 'au-node', pushCollection: 'inbox' }, context);
    assert.ok(checked.ok);
    return checked.value.partner;
  })();

  it('lays the change over the stored partner, keeps name, kind, creation time and the credentials not changed', () => {
    const rotated = generateKeyPair().publicKey;
    const checked = checkPartnerUpdate(stored, 'uk-node:s3cret', { publicKey: rotated }, { ...context, now: '2030-01-01T00:00:00.000Z' });
    assert.ok(checked.ok);
    assert.deepEqual(checked.value, { partner: { ...stored, publicKey: rotated }, credentials: 'uk-node:s3cret' });
  });

  it('refuses what add refuses, every problem at once, and an empty change', () => {
    const checked = checkPartnerUpdate(stored, undefined, { url: 'ftp://x/', publicKey: 'nope', pushCollection: 'a b' }, context);
    assert.equal(checked.ok, false);
    assert.equal(checked.ok ? 0 : checked.problems.length, 3);
    const empty = checkPartnerUpdate(stored, undefined, {}, context);
    assert.deepEqual(empty.ok ? [] : empty.problems, ['nothing to change: give at least one of --url, --identity, --public-key, --account, --credentials, --push-collection']);
  });

  it('gives the public no node fields', () => {
    const checked = checkPartnerUpdate({ name: 'public', kind: 'public', createdAt: context.now }, undefined, { url: 'https://x.example/' }, context);
    assert.match(checked.ok ? '' : checked.problems[0]!, /the public has no node, so a public partner takes no a URL/);
  });
});
