/**
 * What the PL node holds at the start of the demo (docs/demo-scenario.md): the
 * fictional hacktivist group NOISY KESTREL and its DDoS campaign against
 * Poland's election infrastructure, eight indicators, sightings, a GREEN report
 * and a note proposing the joint case.
 */
import { type DemoMarking, type NodeBuilder, type NodeIdentities } from './builder.ts';

const FICTIONAL = 'Fictional, made up for the Accord demo; any resemblance to a real group is coincidental.';

const BOTNET_NODES: readonly (readonly [address: string, tlp: DemoMarking])[] = [
  ['198.51.100.160', 'clear'],
  ['198.51.100.171', 'green'],
  ['198.51.100.189', 'green'],
  ['198.51.100.203', 'green'],
  ['198.51.100.227', 'green'],
];

export function buildPl(b: NodeBuilder, _nodes: NodeIdentities): void {
  const electionAdministration = b.add('identity', 'election-administration', { tlp: 'clear', daysAgo: 200 }, {
    name: 'Polish election administration (demo)',
    description: 'The bodies that run elections and publish their results, and their public websites.',
    identity_class: 'class',
    sectors: ['government-national'],
  });
  const flood = b.technique('T1498', 'Network Denial of Service', 'impact');
  const botnetTechnique = b.technique('T1583.005', 'Acquire Infrastructure: Botnet', 'resource-development');
  const kestrel = b.add('threat-actor', 'noisy-kestrel', { tlp: 'green', daysAgo: 150 }, {
    name: 'NOISY KESTREL (demo)',
    description: `A self-styled hacktivist collective that floods public election websites. ${FICTIONAL}`,
    threat_actor_types: ['activist'],
    sophistication: 'intermediate',
    resource_level: 'club',
    primary_motivation: 'ideology',
    goals: ['Disrupt the publication of election results', 'Undermine trust in the electoral process'],
  });
  const tool = b.add('tool', 'kestrel-flood', { tlp: 'green', daysAgo: 140 }, {
    name: 'KestrelFlood (demo)',
    description: `An HTTP and UDP flooding tool handed out to volunteers. ${FICTIONAL}`,
    tool_types: ['denial-of-service'],
  });
  const botnet = b.add('infrastructure', 'kestrel-botnet', { tlp: 'green', daysAgo: 60 }, {
    name: 'NOISY KESTREL botnet (demo)',
    infrastructure_types: ['botnet'],
  });
  const ballotFlood = b.campaign('ballot-flood', 'green', [38, 30], {
    name: 'Ballot Flood (demo)',
    description: `Election interference: distributed denial of service against the sites that publish turnout and results, on election night. ${FICTIONAL}`,
    objective: "Make the election administration's results and voter-information sites unavailable on election night",
  });
  b.relate('attributed-to', ballotFlood, kestrel);
  b.relateEach('uses', kestrel, [tool, botnet, flood, botnetTechnique]);
  b.relateEach('uses', ballotFlood, [flood, botnetTechnique]);
  b.relateEach('targets', ballotFlood, [electionAdministration, b.country]);

  const indicators = BOTNET_NODES.map(([address, tlp], i) => b.indicator({
    key: `ipv4/${address}`, name: `NOISY KESTREL botnet node ${address}`, pattern: `[ipv4-addr:value = '${address}']`,
    tlp, daysAgo: 36 - i, indicates: [botnet], validForDays: 30,
  }));
  indicators.push(b.indicator({
    key: 'cidr/198.51.100.128/25', name: 'NOISY KESTREL botnet range', pattern: "[ipv4-addr:value ISSUBSET '198.51.100.128/25']",
    tlp: 'green', daysAgo: 31, indicates: [botnet], confidence: 50,
  }));
  indicators.push(b.indicator({
    key: 'domain/kestrel-targets.test', name: 'NOISY KESTREL target-list site', pattern: "[domain-name:value = 'kestrel-targets.test']",
    tlp: 'green', daysAgo: 39, indicates: [ballotFlood, kestrel],
  }));
  indicators.push(b.indicator({
    key: 'url/election-night', name: "NOISY KESTREL election-night target list",
    pattern: "[url:value = 'https://kestrel-targets.test/lists/election-night.txt']",
    tlp: 'amber', daysAgo: 39, indicates: [ballotFlood], types: ['malicious-activity', 'attribution'],
  }));
  b.sighting({ of: indicators[1]!, firstSeenDaysAgo: 33, hours: 5, count: 120_000, tlp: 'green', description: 'Requests to the results site on election night.' });
  b.sighting({ of: indicators[3]!, firstSeenDaysAgo: 33, hours: 5, count: 87_500, tlp: 'green' });

  const report = b.collection('report', 'ballot-flood', { tlp: 'green', daysAgo: 25 },
    [ballotFlood, kestrel, tool, botnet, flood, botnetTechnique, electionAdministration, b.country, ...indicators], {
      name: 'DDoS campaign against Polish election infrastructure (demo)',
      description: 'NOISY KESTREL flooded the sites that publish turnout and results on election night; what was seen and what to block.',
      report_types: ['campaign', 'threat-report'],
    });
  b.add('note', 'ballot-flood/joint-case', { tlp: 'green', daysAgo: 5 }, {
    abstract: 'Proposed for a joint case',
    content: 'We propose to work this with the UK and AU under the trilateral arrangement: the UK reports phishing of its election staff at the same time.',
    object_refs: [report],
  });
}
