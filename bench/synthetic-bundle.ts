import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { scoIdentifier, uuidV5 } from '../src/stix/identifier.ts';

/**
 * Writes a synthetic STIX 2.1 bundle of `count` objects, deterministic for a
 * given count: a realistic mix of indicators, malware, intrusion sets,
 * observables and relationships, ~420 bytes an object on average.
 */
const NAMESPACE = '6f0e3b0c-8d3b-4a4e-9f1f-2a8c1a6e5b10';
const IDENTITY = 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01';
const TLP_GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const TLP_AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';

const id = (type: string, n: number) => `${type}--${uuidV5(NAMESPACE, `${type}/${n}`)}`;
const timestamp = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString();

function syntheticObject(n: number): Record<string, unknown> {
  const common = {
    spec_version: '2.1', created: timestamp(n), modified: timestamp(n), created_by_ref: IDENTITY,
    object_marking_refs: [n % 3 === 0 ? TLP_AMBER : TLP_GREEN],
  };
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  switch (n % 6) {
    case 0:
      return { type: 'indicator', id: id('indicator', n), ...common, name: `Synthetic C2 address ${ip}`,
        description: `Command-and-control server seen in campaign ${n % 97}; block and hunt for connections.`,
        indicator_types: ['malicious-activity'], pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix',
        valid_from: timestamp(n), labels: ['synthetic', `campaign-${n % 97}`] };
    case 1:
      return { type: 'malware', id: id('malware', n), ...common, name: `SynthLoader-${n}`, is_family: true,
        malware_types: ['remote-access-trojan'], description: 'A loader used for the synthetic benchmark, with persistence through scheduled tasks.',
        aliases: [`SL-${n}`, `Loader ${n % 1000}`] };
    case 2:
      return { type: 'intrusion-set', id: id('intrusion-set', n), ...common, name: `Synthetic Group ${n}`,
        aliases: [`SG${n}`], description: 'A state-linked intrusion set targeting government and election infrastructure.',
        first_seen: timestamp(n), resource_level: 'government', primary_motivation: 'organizational-gain' };
    case 3: {
      const sco = { type: 'ipv4-addr', spec_version: '2.1', value: ip };
      return { ...sco, id: scoIdentifier(sco) };
    }
    case 4: {
      const sco = { type: 'domain-name', spec_version: '2.1', value: `host-${n}.example.net` };
      return { ...sco, id: scoIdentifier(sco) };
    }
    default:
      return { type: 'relationship', id: id('relationship', n), ...common, relationship_type: 'indicates',
        source_ref: id('indicator', n - 5), target_ref: id('malware', n - 4) };
  }
}

export async function writeSyntheticBundle(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`{"type":"bundle","id":"bundle--${uuidV5(NAMESPACE, `bundle/${count}`)}","objects":[\n`);
  const identity = { type: 'identity', spec_version: '2.1', id: IDENTITY, created: timestamp(0), modified: timestamp(0), name: 'Synthetic CERT', identity_class: 'organization' };
  await write(JSON.stringify(identity));
  for (let n = 1; n < count; n++) await write(`,\n${JSON.stringify(syntheticObject(n))}`);
  await write('\n]}\n');
  out.end();
  await finished(out);
}
