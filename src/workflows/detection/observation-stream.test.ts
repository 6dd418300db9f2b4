import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoIdentifier } from '../../stix/identifier.ts';
import { validateObject } from '../../stix/validation/index.ts';
import { observationsFromValues, readObservationLines } from './observation-stream.ts';
import type { Observation, ObservationEntry } from './observations.ts';

const producerId = 'identity--5f4b7a3c-2f0b-4f4e-9d8a-0c1e2d3f4a5b';
const options = { producerId };
const at = '2024-05-01T12:00:00Z';

const observedData = (extra: Record<string, unknown>) => ({
  type: 'observed-data', spec_version: '2.1', id: 'observed-data--6b9e3e1a-3c1d-4f7e-8a5b-9c0d1e2f3a4b',
  created: '2024-05-01T12:00:00.000Z', modified: '2024-05-01T12:00:00.000Z',
  first_observed: at, last_observed: at, number_observed: 1, ...extra,
});

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

async function entriesOf(...parts: (string | Buffer)[]): Promise<ObservationEntry[]> {
  const entries: ObservationEntry[] = [];
  for await (const entry of readObservationLines(chunks(...parts), options)) entries.push(entry);
  return entries;
}

function only(value: unknown): Observation {
  const [entry] = [...observationsFromValues([value], options)];
  assert.ok(entry, 'one entry');
  if (entry.kind !== 'observations') assert.fail(`skipped: ${entry.skip.message}`);
  assert.equal(entry.observations.length, 1);
  return entry.observations[0]!;
}

function skipOf(value: unknown): { reason: string; message: string } {
  const [entry] = [...observationsFromValues([value], options)];
  if (entry?.kind !== 'skipped') assert.fail(`not skipped: ${JSON.stringify(entry)}`);
  assert.equal(entry.skip.code, 'OBSERVATION_INVALID');
  return entry.skip;
}

const typesOf = (observation: Observation) => observation.objects.map((object) => object.type);

describe('observation stream: lines', () => {
  it('numbers lines from 1 across chunk boundaries, passes blank lines, reads CRLF, a BOM and a last line without newline', async () => {
    const flat = JSON.stringify({ timestamp: at, domain: 'example.org' });
    const entries = await entriesOf(`\uFEFF${flat.slice(0, 10)}`, `${flat.slice(10)}\r\n\n   \n`, flat.slice(0, 5), `${flat.slice(5)}\n{"timest`, 'amp": "2024-05-01T12:00:00Z", "url": "http://example.org/"}');
    assert.deepEqual(entries.map((entry) => (entry.kind === 'observations' ? entry.position : -1)), [1, 4, 5]);
  });

  it('splits multi-byte UTF-8 across chunks correctly', async () => {
    const line = Buffer.from(`${JSON.stringify({ timestamp: at, domain: 'xn--bcher-kva.example', url: 'http://example.org/ü' })}\n`);
    const cut = line.indexOf(Buffer.from('ü')) + 1;
    const [entry] = await entriesOf(line.subarray(0, cut), line.subarray(cut));
    assert.equal(entry?.kind, 'observations');
    const url = entry.kind === 'observations' ? entry.observations[0]!.objects.find((object) => object.type === 'url') : undefined;
    assert.equal(url?.value, 'http://example.org/ü');
  });

  it('skips a line longer than the limit without keeping it, and goes on', async () => {
    const entries: ObservationEntry[] = [];
    const long = `{"timestamp": "${at}", "domain": "${'a'.repeat(300)}.example"}\n`;
    for await (const entry of readObservationLines(chunks(long.slice(0, 100), long.slice(100), `${JSON.stringify({ timestamp: at, domain: 'ok.example' })}\n`), { producerId, maxLineBytes: 200 })) entries.push(entry);
    assert.equal(entries[0]?.kind, 'skipped');
    assert.equal(entries[0]?.kind === 'skipped' && entries[0].skip.reason, 'line-too-long');
    assert.equal(entries[0]?.kind === 'skipped' && entries[0].skip.position, 1);
    assert.equal(entries[1]?.kind, 'observations');
  });

  it('reports every bad line with its number and reason, and reads on', async () => {
    const entries = await entriesOf([
      'not json',
      '[1, 2]',
      JSON.stringify({ src_ip: '198.51.100.1' }),
      JSON.stringify({ type: 'bundle', id: 'bundle--6b9e3e1a-3c1d-4f7e-8a5b-9c0d1e2f3a4b', objects: [{ type: 'ipv4-addr', value: '198.51.100.1' }] }),
      JSON.stringify({ type: 'indicator' }),
      JSON.stringify({ hello: 'world' }),
      JSON.stringify({ timestamp: at, domain: 'fine.example' }),
    ].join('\n'));
    assert.deepEqual(entries.map((entry) => (entry.kind === 'skipped' ? [entry.skip.position, entry.skip.reason] : [entry.position, 'ok'])), [
      [1, 'not-json'], [2, 'not-an-object'], [3, 'bad-timestamp'], [4, 'no-observed-data'], [5, 'unknown-shape'], [6, 'unknown-shape'], [7, 'ok'],
    ]);
  });
});

describe('observation forms', () => {
  it('flat record: IPs (v4 and v6), network traffic, domain, url, email, one file with every hash; count is number_observed', () => {
    const observation = only({
      timestamp: '2024-05-01T14:00:00.123456+02:00', src_ip: '2001:db8::1', dst_ip: '198.51.100.7', dst_port: 443, protocol: 'TCP',
      domain: 'evil.example', url: 'http://evil.example/x', email: 'a@evil.example',
      md5: 'd41d8cd98f00b204e9800998ecf8427e', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', count: 7, host: 'ignored',
    });
    const od = observation.observedData;
    assert.equal(od.first_observed, '2024-05-01T12:00:00.123Z');
    assert.equal(od.last_observed, od.first_observed);
    assert.equal(od.number_observed, 7);
    assert.equal(od.created_by_ref, producerId);
    assert.equal(od.created, '2024-05-01T12:00:00.123Z');
    assert.deepEqual(typesOf(observation), ['ipv6-addr', 'ipv4-addr', 'network-traffic', 'domain-name', 'url', 'email-addr', 'file']);
    assert.deepEqual(od.object_refs, observation.objects.map((object) => object.id));
    const traffic = observation.objects.find((object) => object.type === 'network-traffic')!;
    assert.equal(traffic.src_ref, observation.objects[0]!.id);
    assert.equal(traffic.dst_ref, observation.objects[1]!.id);
    assert.deepEqual(traffic.protocols, ['ipv6', 'ipv4', 'tcp']);
    assert.equal(traffic.dst_port, 443);
    assert.deepEqual(observation.objects.at(-1)!.hashes, { MD5: 'd41d8cd98f00b204e9800998ecf8427e', 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
    // STIX 2.1 §2.9 ids: the ipv4-addr id is the one every producer computes.
    assert.equal(observation.objects[1]!.id, scoIdentifier({ type: 'ipv4-addr', value: '198.51.100.7' }));
    for (const object of [od, ...observation.objects]) assert.ok(validateObject(object).valid, JSON.stringify(object));
  });

  it('flat record: the same record gives the same ids; another time or count gives another observed-data', () => {
    const record = { timestamp: at, dst_ip: '198.51.100.7' };
    const a = only(record);
    assert.deepEqual(only({ ...record }), a);
    assert.notEqual(only({ ...record, timestamp: '2024-05-01T12:00:01Z' }).observedData.id, a.observedData.id);
    assert.notEqual(only({ ...record, count: 2 }).observedData.id, a.observedData.id);
    assert.deepEqual(only({ ...record, domain: null, url: '' }).observedData.id, a.observedData.id, 'null and "" fields are absent');
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['no timestamp', { dst_ip: '198.51.100.7' }, 'bad-timestamp'],
    ['a timestamp without zone', { timestamp: '2024-05-01T12:00:00', dst_ip: '198.51.100.7' }, 'bad-timestamp'],
    ['an epoch number', { timestamp: 1714564800, dst_ip: '198.51.100.7' }, 'bad-timestamp'],
    ['an impossible date', { timestamp: '2024-02-30T12:00:00+01:00', dst_ip: '198.51.100.7' }, 'bad-timestamp'],
    ['no observable field', { timestamp: at, count: 2 }, 'no-observables'],
    ['a number for a string', { timestamp: at, domain: 42 }, 'bad-field'],
    ['count 0', { timestamp: at, domain: 'a.example', count: 0 }, 'bad-field'],
    ['a port without an address', { timestamp: at, domain: 'a.example', dst_port: 80 }, 'bad-field'],
    ['a port out of range', { timestamp: at, dst_ip: '198.51.100.7', dst_port: 70000 }, 'bad-field'],
    ['an address that is none', { timestamp: at, dst_ip: 'not-an-ip' }, 'invalid-stix'],
  ];
  for (const [name, record, reason] of bad) {
    it(`flat record skipped: ${name} → ${reason}`, () => assert.equal(skipOf(record).reason, reason));
  }

  it('STIX 2.0 observed-data with embedded objects: converted to object_refs, references rewritten to deterministic ids', () => {
    const { spec_version: _omitted, ...twoZero } = observedData({
      objects: {
        0: { type: 'ipv4-addr', value: '198.51.100.7' },
        1: { type: 'network-traffic', dst_ref: '0', protocols: ['tcp'] },
        2: { type: 'process', pid: 4, opened_connection_refs: ['1'] },
      },
    });
    const observation = only(twoZero);
    const [ip, traffic, process] = observation.objects;
    assert.equal(observation.observedData.spec_version, '2.1');
    assert.equal(observation.observedData.objects, undefined);
    assert.deepEqual(observation.observedData.object_refs, [ip!.id, traffic!.id, process!.id]);
    assert.equal(ip!.id, scoIdentifier({ type: 'ipv4-addr', value: '198.51.100.7' }));
    assert.equal(traffic!.dst_ref, ip!.id);
    assert.equal(traffic!.id, scoIdentifier({ type: 'network-traffic', dst_ref: ip!.id, protocols: ['tcp'] }));
    assert.deepEqual(process!.opened_connection_refs, [traffic!.id]);
    assert.match(process!.id, /^process--[0-9a-f-]{8}-[0-9a-f-]{4}-5/, 'a process (no ID-contributing properties) still gets a UUIDv5');
    assert.deepEqual(only(twoZero), observation, 'deterministic');
  });

  it('a lone 2.1 observed-data keeps its object_refs as unresolved (looked up in the store later)', () => {
    const ref = scoIdentifier({ type: 'domain-name', value: 'a.example' });
    const observation = only(observedData({ object_refs: [ref] }));
    assert.deepEqual(observation.objects, []);
    assert.deepEqual(observation.unresolved, [ref]);
  });

  it('bundle: each observed-data with the objects it reaches in the bundle, transitively; other objects left aside', () => {
    const ip = { type: 'ipv4-addr', id: scoIdentifier({ type: 'ipv4-addr', value: '198.51.100.7' }), value: '198.51.100.7' };
    const traffic = { type: 'network-traffic', id: 'network-traffic--0e5a1b3c-6d7e-4f80-9a1b-2c3d4e5f6a7b', dst_ref: ip.id, protocols: ['tcp'] };
    const domain = { type: 'domain-name', id: scoIdentifier({ type: 'domain-name', value: 'a.example' }), value: 'a.example' };
    const missing = scoIdentifier({ type: 'url', value: 'http://elsewhere.example/' });
    const identity = { type: 'identity', spec_version: '2.1', id: 'identity--0e5a1b3c-6d7e-4f80-9a1b-2c3d4e5f6a7c', created: at, modified: at, name: 'x' };
    const first = observedData({ object_refs: [traffic.id], created_by_ref: identity.id });
    const second = observedData({ id: 'observed-data--7c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f', object_refs: [domain.id, missing] });
    const [entry] = [...observationsFromValues([{ type: 'bundle', id: 'bundle--6b9e3e1a-3c1d-4f7e-8a5b-9c0d1e2f3a4b', objects: [identity, ip, traffic, domain, first, second] }], options)];
    assert.equal(entry?.kind, 'observations');
    const [a, b] = entry.kind === 'observations' ? entry.observations : [];
    assert.deepEqual(a!.objects.map((object) => object.id), [traffic.id, ip.id]);
    assert.deepEqual(a!.unresolved, []);
    assert.deepEqual(b!.objects.map((object) => object.id), [domain.id]);
    assert.deepEqual(b!.unresolved, [missing]);
  });

  it('bad observed-data: timestamps named precisely, other problems by the STIX validator', () => {
    assert.equal(skipOf(observedData({ first_observed: undefined, object_refs: ['domain-name--0e5a1b3c-6d7e-4f80-9a1b-2c3d4e5f6a7b'] })).reason, 'bad-timestamp');
    assert.equal(skipOf(observedData({ last_observed: '2024-04-01T00:00:00Z', objects: { 0: { type: 'domain-name', value: 'a.example' } } })).reason, 'bad-timestamp');
    const invalid = skipOf(observedData({ number_observed: 0, objects: { 0: { type: 'domain-name', value: 'a.example' } } }));
    assert.equal(invalid.reason, 'invalid-stix');
    assert.match(invalid.message, /number_observed/);
    assert.equal(skipOf(observedData({ objects: {} })).reason, 'no-observables');
    assert.equal(skipOf(observedData({ objects: { 0: 'nope' } })).reason, 'invalid-stix');
  });
});
