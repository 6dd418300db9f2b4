/**
 * What the AU node holds at the start of the demo (docs/demo-scenario.md): the
 * fictional COPPER LYNX ransomware crew and its campaign against health-care
 * providers, ten indicators of mixed TLP, a sighting and a report.
 */
import { type DemoMarking, type NodeBuilder, type NodeIdentities } from './builder.ts';

const FICTIONAL = 'Fictional, made up for the Accord demo; any resemblance to a real group is coincidental.';

type Row = readonly [kind: 'ipv4' | 'file' | 'domain' | 'url', value: string, tlp: DemoMarking];

const INDICATORS: readonly Row[] = [
  ['ipv4', '192.0.2.21', 'green'],
  ['ipv4', '192.0.2.34', 'green'],
  ['ipv4', '192.0.2.88', 'amber'],
  ['ipv4', '192.0.2.201', 'amber'],
  ['file', 'lynxlock.exe', 'clear'],
  ['file', 'README-LYNX.hta', 'clear'],
  ['file', 'svc_updater.dll', 'green'],
  ['domain', 'lynx-leaks.test', 'unmarked'],
  ['domain', 'ledger-pay.example', 'green'],
  ['url', 'https://lynx-leaks.test/victims/upload', 'amber'],
];

export function buildAu(b: NodeBuilder, nodes: NodeIdentities): void {
  const health = b.add('identity', 'health-providers', { tlp: 'clear', daysAgo: 200 }, {
    name: 'Australian health-care providers (demo)',
    identity_class: 'class',
    sectors: ['healthcare'],
  });
  const encrypt = b.technique('T1486', 'Data Encrypted for Impact', 'impact');
  const remoteServices = b.technique('T1133', 'External Remote Services', 'persistence', 'initial-access');
  const lynx = b.add('intrusion-set', 'copper-lynx', { tlp: 'green', daysAgo: 180 }, {
    name: 'COPPER LYNX (demo)',
    description: `A ransomware crew that steals, encrypts and threatens to publish. ${FICTIONAL}`,
    resource_level: 'organization',
    primary_motivation: 'personal-gain',
  });
  const lynxlock = b.add('malware', 'lynxlock', { tlp: 'green', daysAgo: 170 }, {
    name: 'LYNXLOCK (demo)',
    description: `COPPER LYNX's ransomware. ${FICTIONAL}`,
    malware_types: ['ransomware'],
    is_family: true,
    capabilities: ['compromises-data-availability', 'exfiltrates-data'],
  });
  const c2 = b.add('infrastructure', 'lynx-c2', { tlp: 'green', daysAgo: 160 }, {
    name: 'COPPER LYNX command-and-control and leak site (demo)',
    infrastructure_types: ['command-and-control', 'exfiltration'],
  });
  const ledger = b.campaign('southern-ledger', 'green', [88, 2], {
    name: 'Southern Ledger (demo)',
    description: `Ransomware against Australian health-care providers through their remote-access services. ${FICTIONAL}`,
    objective: 'Extortion',
  });
  b.relate('attributed-to', ledger, lynx);
  b.relateEach('uses', lynx, [lynxlock, encrypt, remoteServices, c2]);
  b.relateEach('uses', ledger, [encrypt, remoteServices]);
  b.relateEach('targets', ledger, [health, b.country]);
  b.relate('uses', lynxlock, encrypt);

  const indicators = INDICATORS.map(([kind, value, tlp], i) => b.indicator({
    key: `${kind}/${value}`,
    name: `Southern Ledger ${kind === 'ipv4' ? 'server' : kind} ${value}`,
    pattern: kind === 'file'
      ? `[file:hashes.'SHA-256' = '${b.digest(`lynx/${value}`)}' AND file:name = '${value}']`
      : `[${kind === 'ipv4' ? 'ipv4-addr' : kind === 'domain' ? 'domain-name' : 'url'}:value = '${value}']`,
    tlp, daysAgo: 85 - i * 8, indicates: kind === 'file' ? [lynxlock] : [ledger, c2],
  }));
  // From a sensitive source: for the UK by name only.
  indicators.push(b.indicator({
    key: 'domain/southern-relay.example', name: 'COPPER LYNX negotiation relay', pattern: "[domain-name:value = 'southern-relay.example']",
    tlp: 'red', recipients: [nodes.uk], daysAgo: 6, indicates: [lynx],
  }));
  b.sighting({ of: indicators[2]!, firstSeenDaysAgo: 20, hours: 30, count: 5, tlp: 'amber' });
  b.collection('report', 'southern-ledger', { tlp: 'green', daysAgo: 3 }, [ledger, lynx, lynxlock, c2, health, encrypt, remoteServices, ...indicators], {
    name: 'Southern Ledger: ransomware against Australian health-care providers (demo)',
    description: 'How COPPER LYNX gets in, what it leaves behind, and what to block.',
    report_types: ['campaign', 'threat-report'],
  });
}
