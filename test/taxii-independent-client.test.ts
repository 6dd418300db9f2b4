/**
 * A partner's tool written from the TAXII 2.1 specification alone (OASIS
 * Standard, 10 June 2021; § are its sections), with nothing but `fetch` and
 * HTTP Basic: no project code touches the protocol. Project code only sets up
 * the node (API root, a collection, an account, some objects) and starts it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { hashSecret } from '../src/common/secrets.ts';
import { startServer, type RunningServer } from '../src/server/main.ts';
import { initNode } from '../src/server/node.ts';
import { openNode } from '../src/store/data-dir.ts';
import type { StixObject } from '../src/stix/object.ts';
import { temporaryDirectory } from './support/cli.ts';

// ---- the partner's tool: §1.6.8 media type, §3.1 headers, §8.5.1 HTTP Basic ----

const TAXII = 'application/taxii+json;version=2.1';
/** §2: TAXII timestamps are RFC 3339 in UTC with a Z. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

type Json = Record<string, unknown>;

interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

function partner(base: string, username: string, password: string) {
  const authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return async (url: string, init: { method?: string; body?: string } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { accept: TAXII, authorization };
    if (init.body !== undefined) headers['content-type'] = TAXII;
    const response = await fetch(new URL(url, base), { method: init.method ?? 'GET', headers, ...(init.body !== undefined && { body: init.body }) });
    const text = await response.text();
    // §1.6.8 / §3.1: every TAXII response, success or error, is application/taxii+json;version=2.1.
    assert.equal(response.headers.get('content-type'), TAXII, `${init.method ?? 'GET'} ${url} → ${response.status} content-type`);
    const body = JSON.parse(text) as unknown;
    assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), `${url}: a JSON object`);
    return { status: response.status, headers: response.headers, body: body as Json };
  };
}

/** Checks the spec's property table of a resource: required properties present, each with its type. */
function resource(body: Json, name: string, required: Record<string, string>, optional: Record<string, string> = {}): Json {
  for (const [key, type] of Object.entries(required)) {
    assert.ok(key in body, `${name}: required property ${key} is missing in ${JSON.stringify(body).slice(0, 300)}`);
    assert.equal(kind(body[key]), type, `${name}.${key}`);
  }
  for (const [key, type] of Object.entries(optional)) {
    if (key in body) assert.equal(kind(body[key]), type, `${name}.${key}`);
  }
  // §2 list: "an empty list ... MUST NOT be included" — optional lists are absent, not [].
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value) && !(key in required)) assert.ok(value.length > 0, `${name}.${key} is an empty list`);
  }
  return body;
}

function kind(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

const envelope = (body: Json) => resource(body, 'envelope', {}, { more: 'boolean', next: 'string', objects: 'list' });
const objectsOf = (body: Json) => ((envelope(body).objects ?? []) as StixObject[]);

function dateAddedHeaders(answer: Answer, nonEmpty: boolean): { first: string; last: string } | undefined {
  const first = answer.headers.get('x-taxii-date-added-first');
  const last = answer.headers.get('x-taxii-date-added-last');
  if (!nonEmpty) return undefined;
  assert.match(first ?? '', TIMESTAMP, 'X-TAXII-Date-Added-First');
  assert.match(last ?? '', TIMESTAMP, 'X-TAXII-Date-Added-Last');
  assert.ok(first! <= last!, 'first ≤ last');
  return { first: first!, last: last! };
}

// ---- the node, set up with project code ----

const T0 = Date.UTC(2024, 2, 1);
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function indicator(n: number, id = `indicator--${randomUUID()}`, modified = iso(n)): StixObject {
  return {
    type: 'indicator', spec_version: '2.1', id, created: iso(0), modified, name: `Partner indicator ${n}`,
    indicator_types: ['malicious-activity'], pattern: `[ipv4-addr:value = '198.51.100.${n % 250}']`, pattern_type: 'stix', valid_from: iso(0),
  } as StixObject;
}

function malware(n: number): StixObject {
  return { type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: iso(n), modified: iso(n), name: `Partner malware ${n}`, is_family: false } as StixObject;
}

describe('an independent TAXII 2.1 client (fetch only, from the specification)', () => {
  const tmp = temporaryDirectory('accord-partner-');
  const password = `partner-${randomUUID()}`;
  let server: RunningServer;
  /** The object with three versions. */
  const versioned = `indicator--${randomUUID()}`;
  const versions = [iso(100), iso(200), iso(300)];
  let seeded: StixObject[] = [];
  let taxii: ReturnType<typeof partner>;

  before(async () => {
    const node = await openNode(tmp.dir);
    try {
      const { collection } = await initNode(node.store, node.local);
      node.local.createAccount({ name: 'partner-tool', role: 'admin', kind: 'system', secretHash: await hashSecret(password) });
      seeded = [
        ...versions.map((modified) => indicator(1, versioned, modified)),
        ...Array.from({ length: 12 }, (_, i) => indicator(i + 2)),
        ...Array.from({ length: 8 }, (_, i) => malware(i + 20)),
      ];
      // One object at a time, so each version has its own date_added.
      for (const object of seeded) {
        const result = await node.store.ingest([object], { collections: [collection.id] });
        assert.deepEqual(result.outcomes, ['stored']);
      }
    } finally {
      await node.close();
    }
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir: tmp.dir, logLevel: 'silent', handleSignals: false });
    taxii = partner(server.url, 'partner-tool', password);
  });
  after(async () => {
    await server?.close();
    tmp.cleanup();
  });

  // State the walk builds, step by step, as a partner's tool would.
  let apiRoot = '';
  let objectsUrl = '';
  let collectionUrl = '';
  const pagedIds: string[] = [];
  let firstPageLast = '';
  let firstPageCount = 0;

  it('discovery (§4.1) → API root (§4.2)', async () => {
    const discovery = await taxii('/taxii2/');
    assert.equal(discovery.status, 200);
    resource(discovery.body, 'discovery', { title: 'string' }, { description: 'string', contact: 'string', default: 'string', api_roots: 'list' });
    const roots = discovery.body.api_roots as string[];
    assert.ok(roots.length >= 1);
    apiRoot = new URL((discovery.body.default as string | undefined) ?? roots[0]!, `${server.url}/taxii2/`).href;
    assert.ok(roots.some((root) => new URL(root, `${server.url}/taxii2/`).href === apiRoot), 'default is one of api_roots');
    assert.ok(apiRoot.endsWith('/'), '§4.1.1: API root URLs end in a slash');

    const root = await taxii(apiRoot);
    assert.equal(root.status, 200);
    resource(root.body, 'api-root', { title: 'string', versions: 'list', max_content_length: 'integer' }, { description: 'string' });
    assert.ok((root.body.versions as string[]).includes(TAXII), '§4.2.1 versions includes taxii 2.1');
    assert.ok((root.body.max_content_length as number) > 0);
  });

  it('collections (§5.1) → a collection (§5.2)', async () => {
    const list = await taxii(`${apiRoot}collections/`);
    assert.equal(list.status, 200);
    resource(list.body, 'collections', {}, { collections: 'list' });
    const collections = list.body.collections as Json[];
    assert.equal(collections.length, 1);
    const fields = { id: 'string', title: 'string', can_read: 'boolean', can_write: 'boolean' };
    const optional = { description: 'string', alias: 'string', media_types: 'list' };
    const listed = resource(collections[0]!, 'collection', fields, optional);
    assert.equal(listed.can_read, true);
    assert.equal(listed.can_write, true);
    collectionUrl = `${apiRoot}collections/${encodeURIComponent(listed.id as string)}/`;
    const one = await taxii(collectionUrl);
    assert.equal(one.status, 200);
    assert.deepEqual(resource(one.body, 'collection', fields, optional), listed);
    if (listed.media_types !== undefined) assert.ok((listed.media_types as string[]).includes('application/stix+json;version=2.1'));
    objectsUrl = `${collectionUrl}objects/`;
  });

  it('pages through Get Objects (§5.4) with limit and next until more is false (§3.5)', async () => {
    const limit = 5;
    let url = `${objectsUrl}?limit=${limit}`;
    const seenNext = new Set<string>();
    for (let page = 0; page < 20; page++) {
      const answer = await taxii(url);
      assert.equal(answer.status, 200);
      const objects = objectsOf(answer.body);
      assert.ok(objects.length <= limit, '§3.4: at most limit');
      const dates = dateAddedHeaders(answer, objects.length > 0);
      if (page === 0) {
        firstPageLast = dates!.last;
        firstPageCount = objects.length;
      }
      pagedIds.push(...objects.map((object) => object.id));
      if (answer.body.more !== true) {
        assert.equal(answer.body.next, undefined, 'no next on the last page');
        break;
      }
      const next = answer.body.next as string;
      assert.ok(next && !seenNext.has(next), 'a new next while more');
      seenNext.add(next);
      url = `${objectsUrl}?limit=${limit}&next=${encodeURIComponent(next)}`;
    }
    // Get Objects returns the latest version of each object by default (§5.4: match[version] defaults to last).
    const distinct = [...new Set(seeded.map((object) => object.id))];
    assert.equal(pagedIds.length, distinct.length, 'every object once');
    assert.deepEqual(new Set(pagedIds), new Set(distinct));
  });

  it('filters: match[type], match[id], match[version]=all, added_after (§3.4)', async () => {
    const malwareIds = seeded.filter((object) => object.type === 'malware').map((object) => object.id);
    const byType = await taxii(`${objectsUrl}?match[type]=malware`);
    assert.equal(byType.status, 200);
    assert.deepEqual(new Set(objectsOf(byType.body).map((object) => object.id)), new Set(malwareIds));

    const two = [malwareIds[0]!, versioned];
    const byId = await taxii(`${objectsUrl}?match[id]=${two.join(',')}`);
    const found = objectsOf(byId.body);
    assert.deepEqual(new Set(found.map((object) => object.id)), new Set(two));
    assert.equal(found.find((object) => object.id === versioned)?.modified, versions[2], 'the last version by default');

    const all = await taxii(`${objectsUrl}?match[id]=${versioned}&match[version]=all`);
    assert.deepEqual(objectsOf(all.body).map((object) => object.modified).sort(), versions);
    const firstVersion = await taxii(`${objectsUrl}?match[id]=${versioned}&match[version]=first`);
    assert.deepEqual(objectsOf(firstVersion.body).map((object) => object.modified), [versions[0]]);
    const exact = await taxii(`${objectsUrl}?match[id]=${versioned}&match[version]=${versions[1]}`);
    assert.deepEqual(objectsOf(exact.body).map((object) => object.modified), [versions[1]]);

    const combined = await taxii(`${objectsUrl}?match[type]=indicator&match[id]=${two.join(',')}`);
    assert.deepEqual(objectsOf(combined.body).map((object) => object.id), [versioned], 'different fields are ANDed');

    // §3.5's fallback: added_after = the X-TAXII-Date-Added-Last of the first page gives the rest.
    const rest = await taxii(`${objectsUrl}?added_after=${encodeURIComponent(firstPageLast)}`);
    assert.equal(rest.status, 200);
    assert.deepEqual(objectsOf(rest.body).map((object) => object.id), pagedIds.slice(firstPageCount));
    const restDates = dateAddedHeaders(rest, true)!;
    assert.ok(restDates.first > firstPageLast, 'strictly after');

    const none = await taxii(`${objectsUrl}?match[type]=campaign`);
    assert.equal(none.status, 200);
    assert.deepEqual(objectsOf(none.body), []);
    assert.notEqual(none.body.more, true);
  });

  it('Get an Object (§5.6), its versions (§5.8) and the manifest (§5.3)', async () => {
    const objectUrl = `${objectsUrl}${versioned}/`;
    const one = await taxii(objectUrl);
    assert.equal(one.status, 200);
    assert.deepEqual(objectsOf(one.body).map((object) => [object.id, object.modified]), [[versioned, versions[2]]]);
    dateAddedHeaders(one, true);

    const listed = await taxii(`${objectUrl}versions/`);
    assert.equal(listed.status, 200);
    resource(listed.body, 'versions', {}, { more: 'boolean', versions: 'list' });
    assert.deepEqual([...(listed.body.versions as string[])].sort(), versions);
    dateAddedHeaders(listed, true);

    const manifest = await taxii(`${collectionUrl}manifest/?match[id]=${versioned}&match[version]=all`);
    assert.equal(manifest.status, 200);
    resource(manifest.body, 'manifest', {}, { more: 'boolean', objects: 'list' });
    const records = (manifest.body.objects as Json[]).map((record) =>
      resource(record, 'manifest-record', { id: 'string', date_added: 'string', version: 'string' }, { media_type: 'string' }));
    assert.deepEqual(records.map((record) => record.id), [versioned, versioned, versioned]);
    assert.deepEqual(records.map((record) => record.version).sort(), versions);
    for (const record of records) {
      assert.match(record.date_added as string, TIMESTAMP);
      if (record.media_type !== undefined) assert.equal(record.media_type, 'application/stix+json;version=2.1');
    }
    const headers = dateAddedHeaders(manifest, true)!;
    const dates = records.map((record) => record.date_added as string).sort();
    assert.equal(headers.first, dates[0]);
    assert.equal(headers.last, dates.at(-1));
  });

  it('POSTs an envelope (§5.5), polls status (§4.3) until nothing is pending, reads the objects back', async () => {
    const posted = [indicator(500), malware(501), indicator(502)];
    const invalid = { type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}` };
    const accepted = await taxii(objectsUrl, { method: 'POST', body: JSON.stringify({ objects: [...posted, invalid] }) });
    assert.equal(accepted.status, 202);
    const statusFields = { id: 'string', status: 'string', total_count: 'integer', success_count: 'integer', failure_count: 'integer', pending_count: 'integer' };
    const statusOptional = { request_timestamp: 'string', successes: 'list', failures: 'list', pendings: 'list' };
    let status = resource(accepted.body, 'status', statusFields, statusOptional);
    for (let poll = 0; poll < 50 && (status.pending_count as number) > 0; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const answer = await taxii(`${apiRoot}status/${status.id as string}/`);
      assert.equal(answer.status, 200);
      status = resource(answer.body, 'status', statusFields, statusOptional);
    }
    assert.equal(status.pending_count, 0);
    assert.ok(['complete', 'pending'].includes(status.status as string));
    assert.equal(status.total_count, 4);
    assert.equal(status.success_count, 3);
    assert.equal(status.failure_count, 1);
    assert.equal((status.success_count as number) + (status.failure_count as number) + (status.pending_count as number), status.total_count);
    const details = { id: 'string', version: 'string' };
    const successes = (status.successes as Json[]).map((entry) => resource(entry, 'status-details', details, { message: 'string' }));
    assert.deepEqual(new Set(successes.map((entry) => entry.id)), new Set(posted.map((object) => object.id)));
    const failures = (status.failures as Json[]).map((entry) => resource(entry, 'status-details', details, { message: 'string' }));
    assert.deepEqual(failures.map((entry) => entry.id), [invalid.id]);
    assert.ok(typeof failures[0]!.message === 'string' && failures[0]!.message.length > 0, 'a failure says why');

    // The status is a stored resource: asking again gives the same answer.
    const again = await taxii(`${apiRoot}status/${status.id as string}/`);
    assert.equal(again.status, 200);
    assert.equal(again.body.success_count, 3);

    const back = await taxii(`${objectsUrl}?match[id]=${posted.map((object) => object.id).join(',')}`);
    assert.deepEqual(
      objectsOf(back.body).sort((a, b) => a.id.localeCompare(b.id)),
      [...posted].sort((a, b) => a.id.localeCompare(b.id)),
      'the objects read back are the objects posted',
    );
    // Newly added objects come after everything seen before (§3.3: sorted by date_added).
    const newer = await taxii(`${objectsUrl}?added_after=${encodeURIComponent(dateAddedHeaders(await taxii(`${objectsUrl}?limit=1000`), true)!.last)}`);
    assert.deepEqual(objectsOf(newer.body), []);
  });

  it('errors are TAXII error resources (§3.6.1) with the TAXII media type', async () => {
    const errorFields = { title: 'string' };
    const errorOptional = { description: 'string', error_id: 'string', error_code: 'string', http_status: 'string', external_details: 'string', details: 'object' };
    const missing = await taxii(`${objectsUrl}indicator--${randomUUID()}/`);
    assert.equal(missing.status, 404);
    resource(missing.body, 'error', errorFields, errorOptional);
    const badLimit = await taxii(`${objectsUrl}?limit=0`);
    assert.equal(badLimit.status, 400);
    resource(badLimit.body, 'error', errorFields, errorOptional);
    const wrongPassword = await partner(server.url, 'partner-tool', 'wrong')('/taxii2/');
    assert.equal(wrongPassword.status, 401);
    resource(wrongPassword.body, 'error', errorFields, errorOptional);
    const notEnvelope = await taxii(objectsUrl, { method: 'POST', body: '[1,2]' });
    assert.equal(notEnvelope.status, 400);
    resource(notEnvelope.body, 'error', errorFields, errorOptional);
  });
});
