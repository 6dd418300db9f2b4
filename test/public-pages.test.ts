/**
 * The node's public pages and Atom feed (issue 7, docs/public.md), over real
 * HTTP and without a login: published joint statements (TLP:CLEAR reports of
 * type threat-actor with co-signatures) are shown; nothing that is not
 * TLP:CLEAR ever is, on any page or in the feed; hostile text stays text.
 * The statements are built here by the spec's shapes, signed with the
 * federation's own signing code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateKeyPair, keyFingerprint } from '../src/federation/keys.ts';
import { signEnvelope, verifyEnvelope } from '../src/federation/signing.ts';
import { uuidV5 } from '../src/stix/identifier.ts';
import { TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_CLEAR, TLP2_GREEN, TLP2_RED } from '../src/stix/markings.ts';
import type { StixObject } from '../src/stix/object.ts';
import { startApiNode, type ApiNode } from './support/api-node.ts';

const NS = '3e0c7a52-8f1d-4c39-b0a4-5d6e7f809a1b';
const id = (type: string, name: string): string => `${type}--${uuidV5(NS, name)}`;
const T0 = '2024-01-01T00:00:00.000Z';
const clear = { object_marking_refs: [TLP2_CLEAR.id] };
const HOSTILE = 'We attribute </p><script>alert("owned")</script> & <img src=x onerror=alert(1)> to "APT Test" \u0001.';

interface Signer {
  identity: StixObject;
  publicKey: string;
  privateKey: string;
}

function signer(name: string, marking: Record<string, unknown> = clear): Signer {
  const keys = generateKeyPair();
  const identity = { type: 'identity', spec_version: '2.1', id: id('identity', name), created: T0, modified: T0, name, identity_class: 'organization', ...marking } as StixObject;
  return { identity, ...keys };
}

function statement(name: string, published: string, fields: Record<string, unknown> = clear): StixObject {
  return {
    type: 'report', spec_version: '2.1', id: id('report', name), created: published, modified: published, published, name,
    description: `${name}: the governments of three partner states attribute this campaign together.`,
    report_types: ['threat-actor'], object_refs: [id('intrusion-set', 'APT Test')], ...fields,
  } as StixObject;
}

/** A detached co-signature (the spec's `accord-signature`) of exactly this report version. */
function signature(report: StixObject, by: Signer, fields: Record<string, unknown> = clear): StixObject {
  return {
    type: 'accord-signature', spec_version: '2.1', id: id('accord-signature', `${report.id} ${report.modified} ${by.identity.id}`),
    created: '2024-06-02T00:00:00.000Z', modified: '2024-06-02T00:00:00.000Z', created_by_ref: by.identity.id,
    object_ref: report.id, object_modified: report.modified, signer_ref: by.identity.id, algorithm: 'Ed25519', canonicalization: 'RFC8785',
    public_key: by.publicKey, key_fingerprint: keyFingerprint(by.publicKey), signature: signEnvelope(report, by.privateKey), ...fields,
  } as StixObject;
}

const uk = signer('UK NCSC (test)');
const au = signer('AU ASD (test)');
const pl = signer('PL CSIRT (test)', {});

const published = statement('Joint statement on APT Test', '2024-06-01T00:00:00.000Z', { ...clear, description: HOSTILE, name: 'Joint <b>statement</b> on APT Test' });
const older = statement('Earlier joint statement', '2023-03-01T00:00:00.000Z');
/** Statements that must never show: each marked (or unmarked) other than TLP:CLEAR, yet signed. */
const withheld = [
  statement('Green statement', '2024-07-01T00:00:00.000Z', { object_marking_refs: [TLP2_GREEN.id] }),
  statement('Amber statement', '2024-07-02T00:00:00.000Z', { object_marking_refs: [TLP2_AMBER.id] }),
  statement('Amber strict statement', '2024-07-03T00:00:00.000Z', { object_marking_refs: [TLP2_AMBER_STRICT.id] }),
  statement('Red statement', '2024-07-04T00:00:00.000Z', { object_marking_refs: [TLP2_RED.id] }),
  statement('Unmarked statement', '2024-07-05T00:00:00.000Z', {}),
  statement('Clear with a red paragraph', '2024-07-06T00:00:00.000Z', { ...clear, granular_markings: [{ marking_ref: TLP2_RED.id, selectors: ['description'] }] }),
];
/** CLEAR and signed, but not a published statement. */
const notStatements = [
  statement('A threat report', '2024-08-01T00:00:00.000Z', { ...clear, report_types: ['threat-report'] }),
  statement('Revoked statement', '2024-08-02T00:00:00.000Z', { ...clear, revoked: true }),
];
const unsigned = statement('Unsigned draft', '2024-08-03T00:00:00.000Z');
const resigned = statement('Changed after signing', '2024-08-04T00:00:00.000Z');
const resignedV2 = { ...resigned, modified: '2024-08-05T00:00:00.000Z', description: 'changed after it was signed' } as StixObject;
const amberSignature = signature(published, au, { object_marking_refs: [TLP2_AMBER.id] });

/** What the public may never see: names and ids of everything withheld. */
const secrets = [...withheld, ...notStatements, unsigned].flatMap((report) => [report.id, String(report.name)]).concat(amberSignature.id, 'changed after it was signed');

describe('public pages and Atom feed', () => {
  let api: ApiNode;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(path, api.base), { headers });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  before(async () => {
    api = await startApiNode(async (node) => {
      const signatures = [published, older, ...withheld, ...notStatements].flatMap((report) => [signature(report, uk), signature(report, pl)]);
      await node.store.ingest([uk.identity, au.identity, pl.identity, published, older, ...withheld, ...notStatements, unsigned, resigned, ...signatures, amberSignature, signature(resigned, uk)]);
      await node.store.ingest([resignedV2]);
    });
  });
  after(async () => api.close());

  const pages = () => ['/public/', '/public/statements/', `/public/statements/${published.id}`, `/public/statements/${older.id}`, '/public/feed.atom',
    `/public/statements/${published.id}/bundle.json`, `/public/statements/${older.id}/bundle.json`];

  it('shows no object that is not TLP:CLEAR on any page, in any bundle, or in the feed', async () => {
    for (const path of pages()) {
      const answer = await get(path);
      assert.equal(answer.status, 200, path);
      for (const secret of secrets) assert.ok(!answer.text.includes(secret), `${path} shows ${secret}`);
    }
  });

  it('answers a withheld, unsigned, superseded or missing statement exactly as a missing one (404)', async () => {
    const missing = await get(`/public/statements/${id('report', 'never stored')}`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type')!, /^text\/html; charset=utf-8/);
    assert.equal(missing.headers.get('cache-control'), 'no-cache');
    for (const report of [...withheld, ...notStatements, unsigned, resigned, uk.identity]) {
      for (const suffix of ['', '/bundle.json']) {
        const answer = await get(`/public/statements/${report.id}${suffix}`);
        assert.equal(answer.status, 404, `${report.name}${suffix}`);
        assert.equal(answer.text, missing.text, `${report.name}${suffix}: told apart from a missing statement`);
      }
    }
    for (const path of ['/public/nothing-here', '/public/statements/not-an-id', '/public/statements/x/y/z']) {
      const answer = await get(path, { accept: 'text/html' });
      assert.equal(answer.status, 404, path);
      assert.equal(answer.text, missing.text, `${path} is the public 404, not the web app`);
    }
  });

  it('lists the published statements newest first, with their text and signers, and shows each one with its signatures and fingerprints', async () => {
    const list = await get('/public/statements/');
    const first = list.text.indexOf(published.id);
    assert.ok(first > 0 && list.text.indexOf(older.id) > first, 'newest first');
    assert.match(list.text, /signed by UK NCSC \(test\), identity--/, 'a signer whose identity is not public is named by its id');
    assert.ok(list.text.includes(older.description as string));
    assert.ok(list.text.includes(`/public/statements/${older.id}/bundle.json`));
    assert.match(list.text, /accord verify/);

    const page = await get(`/public/statements/${published.id}`);
    assert.ok(page.text.includes('UK NCSC (test)'));
    assert.ok(!page.text.includes('PL CSIRT (test)'), 'an identity that is not CLEAR is not shown');
    assert.ok(page.text.includes(pl.identity.id));
    for (const key of [uk.publicKey, pl.publicKey]) assert.ok(page.text.includes(keyFingerprint(key)), 'each signature shows its key fingerprint');
    assert.ok(!page.text.includes(keyFingerprint(au.publicKey)), 'the AMBER signature is not shown');
    assert.match(page.text, /2 co-signatures/);

    const home = await get('/public/');
    assert.ok(home.text.includes(published.id) && home.text.includes(older.id));
    assert.match(home.text, /All 2 statements/);
  });

  it('escapes hostile text: a statement cannot inject markup into the pages or the feed', async () => {
    for (const path of ['/public/', '/public/statements/', `/public/statements/${published.id}`]) {
      const { text } = await get(path);
      assert.ok(!/<script|<img|<b>|onerror=alert\(1\)>/i.test(text), `${path} carries the hostile markup`);
    }
    const { text } = await get(`/public/statements/${published.id}`);
    assert.ok(text.includes('&lt;/p&gt;&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(text.includes('Joint &lt;b&gt;statement&lt;/b&gt; on APT Test'));
    const feed = await get('/public/feed.atom');
    assert.ok(!feed.text.includes('<script'));
    assert.ok(!feed.text.includes('\u0001'), 'a character XML forbids is left out');
  });

  it('serves a valid Atom feed (RFC 4287) of the published statements', async () => {
    const answer = await get('/public/feed.atom');
    assert.equal(answer.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    const feed = parseXml(answer.text);
    assert.equal(feed.name, 'feed');
    assert.equal(feed.attributes.xmlns, 'http://www.w3.org/2005/Atom');
    const child = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
    const text = (element: XmlElement, name: string) => child(element, name)[0]?.text;
    assert.match(text(feed, 'id')!, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.equal(text(feed, 'updated'), published.modified);
    assert.ok(child(feed, 'title').length === 1 && child(feed, 'author').length === 1);
    const self = child(feed, 'link').find((link) => link.attributes.rel === 'self');
    assert.equal(self?.attributes.href, `${api.base}/public/feed.atom`);
    const entries = child(feed, 'entry');
    assert.deepEqual(entries.map((entry) => text(entry, 'id')), [published, older].map((report) => `urn:uuid:${report.id.slice('report--'.length)}`));
    const [first] = entries;
    assert.equal(text(first!, 'title'), published.name, 'the title, unescaped by the parser, is the text as published');
    assert.equal(text(first!, 'published'), published.published);
    assert.equal(text(first!, 'updated'), published.modified);
    assert.equal(child(first!, 'link').find((link) => link.attributes.rel === 'alternate')?.attributes.href, `${api.base}/public/statements/${published.id}`);
    assert.equal(text(first!, 'content'), HOSTILE.replace('\u0001', ''));
    assert.ok(text(first!, 'summary')!.startsWith('We attribute </p><script>'));
    assert.deepEqual(child(first!, 'author').map((author) => text(author, 'name')), ['UK NCSC (test)', pl.identity.id]);
  });

  it('hands out each statement as a bundle that verifies: the report, its public signatures and the signers\' public identities', async () => {
    const answer = await get(`/public/statements/${published.id}/bundle.json`);
    assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.match(answer.headers.get('content-disposition')!, /^attachment; filename="statement-[0-9a-f-]{36}\.json"$/);
    const bundle = JSON.parse(answer.text) as { type: string; id: string; objects: StixObject[] };
    assert.equal(bundle.type, 'bundle');
    assert.deepEqual(bundle.objects.map((object) => object.id).sort(), [published.id, signature(published, uk).id, signature(published, pl).id, uk.identity.id].sort());
    const report = bundle.objects.find((object) => object.type === 'report')!;
    for (const signed of bundle.objects.filter((object) => object.type === 'accord-signature')) {
      assert.equal(verifyEnvelope(report, signed.signature, signed.public_key as string), true, 'the signature verifies over the report as served');
    }
    assert.equal((await get(`/public/statements/${published.id}/bundle.json`)).text, answer.text, 'the same statement gives the same bundle');
  });

  it('needs no login, keeps the node\'s CSP, loads nothing external, and caches with validators', async () => {
    for (const path of ['/public/', '/public/statements/', `/public/statements/${published.id}`]) {
      const answer = await get(path);
      assert.equal(answer.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(answer.headers.get('content-security-policy')!, /script-src 'self'/);
      assert.equal(answer.headers.get('cache-control'), 'public, max-age=300');
      for (const [, url] of answer.text.matchAll(/(?:href|src)="([^"]*)"/g)) assert.match(url!, /^(\/public\/|#)/, `${path} links ${url}`);
      assert.ok(!/ style=|<style/.test(answer.text), 'no inline styles');
      assert.match(answer.text, /<html lang="en">/);
      assert.match(answer.text, /<meta name="viewport"/);
      const etag = answer.headers.get('etag')!;
      assert.match(etag, /^"[\w-]+"$/);
      const again = await get(path, { 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.text, '');
    }
    const style = await get('/public/style.css');
    assert.equal(style.status, 200);
    assert.equal(style.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(style.headers.get('cache-control'), 'public, max-age=86400');
    assert.ok(!/url\(|@import/.test(style.text), 'the stylesheet loads nothing');
  });

  it('starts empty on a node that has published nothing', async () => {
    const empty = await startApiNode();
    try {
      const feed = parseXml(await (await fetch(`${empty.base}/public/feed.atom`)).text());
      assert.equal(feed.children.filter((c) => c.name === 'entry').length, 0);
      assert.ok(feed.children.some((c) => c.name === 'updated' && /^\d{4}-\d\d-\d\dT/.test(c.text)));
      const list = await (await fetch(`${empty.base}/public/statements/`)).text();
      assert.match(list, /No statement has been published yet/);
    } finally {
      await empty.close();
    }
  });
});

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, entities resolved. */
  text: string;
}

/**
 * A strict reader of well-formed XML 1.0 (what a feed reader needs): one root,
 * properly nested tags, quoted attributes, only the predefined and numeric
 * entity references, no raw `<` or `&` in text, no forbidden characters.
 * Throws on anything else. (No DTDs, comments or CDATA: the feed has none.)
 */
function parseXml(source: string): XmlElement {
  assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(source), 'a character XML 1.0 forbids');
  const unescape = (raw: string): string => {
    assert.ok(!/[<]/.test(raw), `raw < in ${JSON.stringify(raw)}`);
    return raw.replace(/&([^;]*);?/g, (whole, name: string) => {
      assert.ok(whole.endsWith(';'), `an unterminated entity reference in ${JSON.stringify(raw)}`);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (named[name] !== undefined) return named[name]!;
      const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
      assert.ok(numeric !== null, `an unknown entity &${name};`);
      return String.fromCodePoint(numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]));
    });
  };
  let rest = source.replace(/^<\?xml [^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const chunk = lt < 0 ? rest : rest.slice(0, lt);
    if (stack.length === 0) assert.match(chunk, /^\s*$/, 'text outside the root element');
    else stack.at(-1)!.text += unescape(chunk);
    if (lt < 0) break;
    rest = rest.slice(lt);
    const match = tag.exec(rest);
    assert.ok(match !== null, `not a tag: ${rest.slice(0, 40)}`);
    const [whole, closing, name, attributeText, selfClosing] = match;
    rest = rest.slice(whole.length);
    if (closing === '/') {
      assert.equal(stack.pop()?.name, name, `</${name}> closes another element`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, double, single] of attributeText!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      assert.ok(!(key! in attributes), `attribute ${key} twice`);
      attributes[key!] = unescape(double ?? single ?? '');
    }
    const element: XmlElement = { name: name!, attributes, children: [], text: '' };
    if (stack.length === 0) {
      assert.equal(root, undefined, 'a second root element');
      root = element;
    } else stack.at(-1)!.children.push(element);
    if (selfClosing !== '/') stack.push(element);
  }
  assert.equal(stack.length, 0, `unclosed: ${stack.map((element) => element.name).join(' ')}`);
  assert.ok(root !== undefined, 'no root element');
  return root;
}
