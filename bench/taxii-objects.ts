import { randomUUID } from 'node:crypto';

/**
 * Fresh STIX 2.1 objects for the Add Objects scenario of `bench/taxii.ts`:
 * random ids (never in the synthetic bundle), a mix close to
 * `bench/synthetic-bundle.ts` (indicators, malware, intrusion sets,
 * relationships), ~400 bytes each.
 */
const IDENTITY = 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01';
const TLP_GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';

export function freshObjects(count: number, seed: number): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  const stamp = new Date(Date.UTC(2025, 0, 1) + seed * 1000).toISOString();
  const common = { spec_version: '2.1', created: stamp, modified: stamp, created_by_ref: IDENTITY, object_marking_refs: [TLP_GREEN] };
  for (let n = 0; n < count; n++) {
    const ip = `172.${(seed + n) % 16 + 16}.${(n >> 8) & 255}.${n & 255}`;
    switch (n % 4) {
      case 0:
        objects.push({ type: 'indicator', id: `indicator--${randomUUID()}`, ...common, name: `Fresh C2 address ${ip}`,
          description: `Command-and-control server reported in envelope ${seed}; block and hunt for connections.`,
          indicator_types: ['malicious-activity'], pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', valid_from: stamp });
        break;
      case 1:
        objects.push({ type: 'malware', id: `malware--${randomUUID()}`, ...common, name: `FreshLoader-${seed}-${n}`, is_family: true,
          malware_types: ['remote-access-trojan'], description: 'A loader posted by the TAXII benchmark.' });
        break;
      case 2:
        objects.push({ type: 'intrusion-set', id: `intrusion-set--${randomUUID()}`, ...common, name: `Fresh Group ${seed}-${n}`,
          description: 'An intrusion set posted by the TAXII benchmark.', resource_level: 'government' });
        break;
      default: {
        const source = objects[n - 3]!.id as string;
        const target = objects[n - 2]!.id as string;
        objects.push({ type: 'relationship', id: `relationship--${randomUUID()}`, ...common, relationship_type: 'indicates', source_ref: source, target_ref: target });
      }
    }
  }
  return objects;
}
