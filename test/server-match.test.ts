import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse as Response } from 'fastify';
import { formatApiKey, generateKeyId, generateSecret, hashSecret } from '../src/common/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { initNode } from '../src/server/node.ts';
import { MAX_MATCH_OBSERVATIONS } from '../src/server/routes/match.ts';
import { uuidV5 } from '../src/stix/identifier.ts';
import type { StixObject } from '../src/stix/object.ts';
import { openNode, type NodeStores } from '../src/store/data-dir.ts';
import type { Role } from '../src/store/local/local-store.ts';
import { temporaryDirectory } from './support/cli.ts';

const NAMESPACE = '0b7e6f43-52c1-4d8e-9a3f-6c2b1d0e9f87';
const T0 = '2020-01-01T00:00:00.000Z';

const indicator = (name: string, pattern: string): StixObject => ({
  type: 'indicator', spec_version: '2.1', id: `indicator--${uuidV5(NAMESPACE, name)}`, created: T0, modified: T0, name, pattern, pattern_type: 'stix', valid_from: T0,
});

interface MatchAnswer {
  summary: { observations: number; skipped: number; hits: number; sightings: number; sightingsStored: number; write: boolean; skips?: unknown };
  sightings: StixObject[];
  skipped: { index: number; reason: string; message: string }[];
}

interface ErrorAnswer {
  title: string;
  description: string;
  error_code: string;
  http_status: string;
}

describe('POST /api/match', () => {
  const tmp = temporaryDirectory();
  let node: NodeStores;
  let app: FastifyInstance;
  const keys: Record<string, string> = {};
  let identityId = '';
  const c2 = indicator('c2', "[domain-name:value = 'c2.evil.example']");

  // The real app, in-process, through fastify's inject (no socket).
  const post = (body: unknown, who?: string, contentType = 'application/json') => app.inject({
    method: 'POST',
    url: '/api/match',
    headers: { 'content-type': contentType, ...(who && { authorization: `Bearer ${keys[who]}` }) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const error = (response: Response, status: number): ErrorAnswer => {
    const body = response.json<ErrorAnswer>();
    assert.equal(response.statusCode, status, response.body);
    assert.equal(body.http_status, String(status));
    assert.match(String(response.headers['content-type']), /^application\/json/);
    return body;
  };
  const sightingCount = async () => (await node.store.stats()).byType.sighting?.objects ?? 0;

  before(async () => {
    node = await openNode(tmp.dir);
    identityId = (await initNode(node.store, node.local)).identity.id;
    await node.store.ingest([c2]);
    for (const [name, role] of [['ana', 'analyst'], ['rita', 'reader'], ['pat', 'partner'], ['root', 'admin']] as [string, Role][]) {
      const account = node.local.createAccount({ name, role, kind: 'person', secretHash: await hashSecret(generateSecret()) });
      const keyId = generateKeyId();
      const secret = generateSecret();
      node.local.createApiKey({ keyId, accountId: account.id, hash: await hashSecret(secret) });
      keys[name] = formatApiKey(keyId, secret);
    }
    app = await buildApp({ store: node.store, local: node.local });
  });
  after(async () => {
    await app.close();
    await node.close();
    tmp.cleanup();
  });

  it('an analyst gets the sightings, stored, and the skipped elements by index', async () => {
    const response = await post({
      observations: [
        { timestamp: '2024-05-01T10:00:00Z', domain: 'c2.evil.example', count: 2 },
        'not an observation',
        { timestamp: '2024-05-01T10:01:00Z', domain: 'benign.example' },
        { dst_ip: '198.51.100.7' },
      ],
    }, 'ana');
    const body = response.json<MatchAnswer>();
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(body.summary.observations, 2);
    assert.equal(body.summary.write, true);
    assert.equal(body.summary.skips, undefined, 'skips are answered once, as "skipped"');
    assert.deepEqual(body.skipped.map(({ index, reason }) => [index, reason]), [[1, 'not-an-object'], [3, 'bad-timestamp']]);
    assert.equal(body.sightings.length, 1);
    const [sighting] = body.sightings;
    assert.equal(sighting!.sighting_of_ref, c2.id);
    assert.equal(sighting!.count, 2);
    assert.deepEqual(sighting!.where_sighted_refs, [identityId]);
    assert.equal((await node.store.query({ ids: [sighting!.id] })).items.length, 1);
  });

  it('"write": false answers the sightings and stores nothing; an admin may match too', async () => {
    const before = await sightingCount();
    const response = await post({ observations: [{ timestamp: '2024-05-02T10:00:00Z', domain: 'c2.evil.example' }], write: false }, 'root');
    const body = response.json<MatchAnswer>();
    assert.equal(response.statusCode, 200);
    assert.equal(body.sightings.length, 1);
    assert.equal(body.summary.write, false);
    assert.equal(await sightingCount(), before);
  });

  it('uses an indicator added after the index was compiled', async () => {
    const observations = [{ timestamp: '2024-05-03T10:00:00Z', url: 'http://new.evil.example/' }];
    assert.equal((await post({ observations, write: false }, 'ana')).json<MatchAnswer>().sightings.length, 0);
    const fresh = indicator('new', "[url:value = 'http://new.evil.example/']");
    await node.store.ingest([fresh]);
    const body = (await post({ observations, write: false }, 'ana')).json<MatchAnswer>();
    assert.deepEqual(body.sightings.map((sighting) => sighting.sighting_of_ref), [fresh.id]);
  });

  it('refuses readers and partners (403), and requests without credentials (401)', async () => {
    const observations = [{ timestamp: '2024-05-01T10:00:00Z', domain: 'c2.evil.example' }];
    for (const who of ['rita', 'pat']) {
      const body = error(await post({ observations }, who), 403);
      assert.equal(body.error_code, 'AUTH_FORBIDDEN');
      assert.match(body.description, /admin and analyst/);
    }
    const anonymous = await post({ observations });
    assert.match(String(anonymous.headers['www-authenticate']), /^Basic/);
    assert.equal(error(anonymous, 401).error_code, 'AUTH_UNAUTHENTICATED');
  });

  it('answers a malformed body 400 saying exactly what is wrong', async () => {
    const cases: [unknown, RegExp][] = [
      ['{"observations": [', /^the request body is not JSON/],
      ['', /^the request body is empty/],
      [[{ timestamp: '2024-05-01T10:00:00Z' }], /^the request body is a list, not a JSON object/],
      [{}, /^"observations" is missing/],
      [{ observations: { timestamp: '2024-05-01T10:00:00Z' } }, /^"observations" is an object, not a list/],
      [{ observations: [], write: 'yes' }, /^"write" is "yes", not true or false/],
      [{ observations: [], writ: true }, /^unknown property "writ"/],
    ];
    for (const [body, message] of cases) {
      const answer = error(await post(body, 'ana'), 400);
      assert.match(answer.description, message, JSON.stringify(body));
    }
  });

  it('answers an oversized batch 413 and a body that is not JSON by type 415', async () => {
    const observation = { timestamp: '2024-05-01T10:00:00Z', domain: 'x.example' };
    const tooMany = error(await post({ observations: Array.from({ length: MAX_MATCH_OBSERVATIONS + 1 }, () => observation) }, 'ana'), 413);
    assert.match(tooMany.description, new RegExp(`holds ${MAX_MATCH_OBSERVATIONS + 1} observations; at most ${MAX_MATCH_OBSERVATIONS}`));
    const exactly = await post({ observations: Array.from({ length: MAX_MATCH_OBSERVATIONS }, () => observation), write: false }, 'ana');
    assert.equal(exactly.statusCode, 200);
    error(await post({ observations: [] }, 'ana', 'text/plain'), 415);
  });
});
