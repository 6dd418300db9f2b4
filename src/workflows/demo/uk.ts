/**
 * What the UK node holds at the start of the demo (docs/demo-scenario.md): the
 * fictional GLASS HERON intrusion set, its election-interference campaign
 * "Operation Paper Ballot" and its gateway-exploitation campaign "Quiet
 * Harbour", 60 indicators across every TLP level, sightings, a report, the
 * incident to share with AU, and the joint case opened with AU and PL.
 */
import { type DemoMarking, type IndicatorSpec, type NodeBuilder, type NodeIdentities } from './builder.ts';

const FICTIONAL = 'Fictional, made up for the Accord demo; any resemblance to a real actor is coincidental.';

type Row = readonly [value: string, tlp: DemoMarking];

/** Paper Ballot's credential-phishing domains (two already public). */
const PHISHING_DOMAINS: readonly Row[] = [
  ['electoral-register-update.example', 'clear'],
  ['ballot-paper-proofs.example', 'clear'],
  ['returning-officer-portal.example', 'green'],
  ['postal-vote-verify.example', 'green'],
  ['poll-station-rota.test', 'green'],
  ['count-results-upload.test', 'green'],
  ['candidate-nomination-forms.example', 'green'],
  ['election-notices-secure.test', 'green'],
  ['elections-secure-login.example', 'green'],
  ['voter-id-helpdesk.example', 'green'],
  // Registered but not used yet: from a registrar that must not be tipped off.
  ['ballot-audit-review.example', 'amber+strict'],
  ['count-centre-access.test', 'amber+strict'],
];

const PHISHING_URLS: readonly string[] = [
  'https://electoral-register-update.example/signin/office/index.html',
  'https://ballot-paper-proofs.example/docs/proof-v2.html',
  'http://returning-officer-portal.example/login.php',
  'https://voter-id-helpdesk.example/reset?case=20417',
  'https://postal-vote-verify.example/verify/start',
  'https://count-results-upload.test/upload/form',
];

const SENDERS: readonly string[] = [
  "email-message:from_ref.value = 'notices@electoral-register-update.example'",
  "email-message:from_ref.value = 'helpdesk@voter-id-helpdesk.example'",
  "email-message:from_ref.value = 'returning.officer@returning-officer-portal.example'",
  "email-message:subject = 'Ballot paper proof for your approval' AND email-message:from_ref.value = 'proofs@ballot-paper-proofs.example'",
];

const INKDROP_FILES: readonly Row[] = [
  ['Ballot_Proof_v2.docm', 'clear'],
  ['Nomination_Pack.docm', 'clear'],
  ['Polling_Rota_Update.xlsm', 'green'],
  ['Count_Procedures.docm', 'green'],
  ['Voter_ID_FAQ.pdf.lnk', 'unmarked'],
];

const HERONSPAWN_FILES: readonly Row[] = [
  ['msedgeupd.exe', 'green'],
  ['OneSyncSvc.dll', 'green'],
  ['wintelemetry.dll', 'green'],
  ['hsvc64.exe', 'amber'],
  ['cachesvc.dll', 'amber'],
];

/** GLASS HERON's command-and-control servers; two came from a sensor feed without a marking. */
const C2_ADDRESSES: readonly Row[] = [
  ['198.51.100.17', 'amber'],
  ['198.51.100.23', 'amber'],
  ['198.51.100.41', 'amber'],
  ['198.51.100.58', 'amber'],
  ['198.51.100.64', 'amber'],
  ['198.51.100.77', 'amber'],
  ['198.51.100.92', 'amber'],
  ['198.51.100.105', 'amber'],
  ['198.51.100.114', 'unmarked'],
  ['198.51.100.121', 'unmarked'],
];

const C2_DOMAINS: readonly string[] = ['cdn-static-sync.example', 'telemetry-gateway.test', 'sync-metrics-cloud.example', 'api-status-feed.test'];

const EXPLOIT_SOURCES: readonly string[] = ['203.0.113.12', '203.0.113.29', '203.0.113.45'];

const GATECRASH_FILES: readonly string[] = ['session_check.php', 'logo_cache.php'];

export function buildUk(b: NodeBuilder, nodes: NodeIdentities): void {
  // Who and what is targeted.
  const electionOfficials = b.add('identity', 'election-officials', { tlp: 'clear', daysAgo: 200 }, {
    name: 'Electoral administrators in the United Kingdom (demo)',
    description: 'Returning officers, electoral registration officers and their staff.',
    identity_class: 'class',
    sectors: ['government-local'],
  });
  const departments = b.add('identity', 'government-departments', { tlp: 'clear', daysAgo: 200 }, {
    name: 'UK government departments (demo)',
    identity_class: 'class',
    sectors: ['government-national'],
  });

  // ATT&CK techniques (public ids and names).
  const phishing = b.technique('T1566', 'Phishing', 'initial-access');
  const exploitPublic = b.technique('T1190', 'Exploit Public-Facing Application', 'initial-access');
  const validAccounts = b.technique('T1078', 'Valid Accounts', 'defense-evasion', 'persistence', 'privilege-escalation', 'initial-access');
  const appLayer = b.technique('T1071', 'Application Layer Protocol', 'command-and-control');
  const webShell = b.technique('T1505.003', 'Server Software Component: Web Shell', 'persistence');

  // The actor: attribution is held at AMBER, the activity cluster at GREEN.
  const directorate = b.add('threat-actor', 'heron-directorate', { tlp: 'amber', daysAgo: 250 }, {
    name: 'Heron Directorate (demo)',
    description: `The organisation assessed to run GLASS HERON. ${FICTIONAL}`,
    threat_actor_types: ['spy'],
    sophistication: 'advanced',
    resource_level: 'government',
    primary_motivation: 'dominance',
    goals: ['Influence the outcome and the credibility of elections', 'Collect government policy material'],
  });
  const heron = b.add('intrusion-set', 'glass-heron', { tlp: 'green', daysAgo: 240 }, {
    name: 'GLASS HERON (demo)',
    description: `An espionage and influence cluster that phishes election staff and exploits government remote-access gateways. ${FICTIONAL}`,
    aliases: ['Heron Ballot (demo)'],
    resource_level: 'government',
    primary_motivation: 'dominance',
    goals: ['Access to electoral administration mailboxes', 'Long-term access to government networks'],
  });
  b.relate('attributed-to', heron, directorate);

  const paperBallot = b.campaign('paper-ballot', 'green', [128, 6], {
    name: 'Operation Paper Ballot (demo)',
    description: `Election interference: spear-phishing of electoral administrators ahead of a national election, to steal mailbox credentials and leak altered documents that undermine confidence in the count. ${FICTIONAL}`,
    aliases: ['Paper Ballot'],
    objective: 'Undermine confidence in the conduct and the result of the election',
  });
  const quietHarbour = b.campaign('quiet-harbour', 'amber', [44, 3], {
    name: 'Quiet Harbour (demo)',
    description: `Exploitation of internet-facing remote-access gateways at government departments for long-term access, with tools staged abroad. ${FICTIONAL}`,
    objective: 'Persistent access to government networks',
  });
  b.relate('attributed-to', paperBallot, heron);
  b.relate('attributed-to', quietHarbour, heron);
  b.relateEach('targets', paperBallot, [electionOfficials, b.country]);
  b.relate('targets', quietHarbour, departments);
  b.relateEach('uses', paperBallot, [phishing, validAccounts]);
  b.relateEach('uses', quietHarbour, [exploitPublic, webShell, validAccounts]);

  // Malware and infrastructure.
  const inkdrop = b.add('malware', 'inkdrop', { tlp: 'green', daysAgo: 125 }, {
    name: 'INKDROP (demo)',
    description: `A macro dropper sent as election paperwork; installs HERONSPAWN. ${FICTIONAL}`,
    malware_types: ['dropper'],
    is_family: true,
    capabilities: ['installs-other-components', 'evades-av'],
    implementation_languages: ['visual-basic'],
  });
  const heronspawn = b.add('malware', 'heronspawn', { tlp: 'green', daysAgo: 125 }, {
    name: 'HERONSPAWN (demo)',
    description: `A backdoor that beacons over HTTPS to GLASS HERON's servers. ${FICTIONAL}`,
    malware_types: ['backdoor', 'remote-access-trojan'],
    is_family: true,
    capabilities: ['communicates-with-c2', 'exfiltrates-data', 'persists-after-system-reboot'],
    implementation_languages: ['go'],
    architecture_execution_envs: ['x86-64'],
  });
  const gatecrash = b.add('malware', 'gatecrash', { tlp: 'amber', daysAgo: 40 }, {
    name: 'GATECRASH (demo)',
    description: `A PHP web shell planted on exploited remote-access gateways. ${FICTIONAL}`,
    malware_types: ['webshell'],
    is_family: true,
    capabilities: ['accesses-remote-machines'],
    implementation_languages: ['php'],
  });
  const c2 = b.add('infrastructure', 'heron-c2', { tlp: 'amber', daysAgo: 120 }, {
    name: 'GLASS HERON command-and-control servers (demo)',
    infrastructure_types: ['command-and-control'],
  });
  const phishingSites = b.add('infrastructure', 'paper-ballot-phishing', { tlp: 'green', daysAgo: 120 }, {
    name: 'Paper Ballot credential-phishing sites (demo)',
    infrastructure_types: ['phishing'],
  });
  const staging = b.add('infrastructure', 'harbour-staging', { tlp: 'amber', daysAgo: 30 }, {
    name: 'Quiet Harbour staging server (demo)',
    description: 'Hosted by a commercial provider in Australia: where the intruders fetched their tools from.',
    infrastructure_types: ['staging'],
  });
  b.relateEach('uses', heron, [inkdrop, heronspawn, gatecrash, phishing, exploitPublic, validAccounts, appLayer, webShell, c2, phishingSites, staging]);
  b.relate('drops', inkdrop, heronspawn);
  b.relate('beacons-to', heronspawn, c2);
  b.relate('uses', heronspawn, appLayer);
  b.relate('uses', gatecrash, webShell);

  // Indicators.
  const indicators: string[] = [];
  const add = (spec: IndicatorSpec) => {
    const id = b.indicator(spec);
    indicators.push(id);
    return id;
  };
  PHISHING_DOMAINS.forEach(([domain, tlp], i) => add({
    key: `domain/${domain}`, name: `Paper Ballot phishing domain ${domain}`, pattern: `[domain-name:value = '${domain}']`,
    tlp, daysAgo: 120 - i * 9, indicates: [paperBallot, phishingSites],
  }));
  PHISHING_URLS.forEach((url, i) => add({
    key: `url/${url}`, name: `Paper Ballot phishing page ${i + 1}`, pattern: `[url:value = '${url}']`,
    tlp: 'green', daysAgo: 118 - i * 15, indicates: [paperBallot],
  }));
  SENDERS.forEach((comparison, i) => add({
    key: `email/${i}`, name: `Paper Ballot lure e-mail ${i + 1}`, pattern: `[${comparison}]`,
    tlp: 'green', daysAgo: 116 - i * 20, indicates: [paperBallot],
  }));
  const inkdropHashes = INKDROP_FILES.map(([file, tlp], i) => {
    const hash = b.digest(`inkdrop/${file}`);
    add({
      key: `file/${file}`, name: `INKDROP lure document ${file}`, pattern: `[file:hashes.'SHA-256' = '${hash}' AND file:name = '${file}']`,
      tlp, daysAgo: 112 - i * 17, indicates: [inkdrop],
    });
    return hash;
  });
  HERONSPAWN_FILES.forEach(([file, tlp], i) => add({
    key: `file/${file}`, name: `HERONSPAWN sample ${file}`, pattern: `[file:hashes.'SHA-256' = '${b.digest(`heronspawn/${file}`)}']`,
    tlp, daysAgo: 110 - i * 18, indicates: [heronspawn], confidence: 85,
  }));
  C2_ADDRESSES.forEach(([address, tlp], i) => add({
    key: `ipv4/${address}`, name: `GLASS HERON command-and-control server ${address}`, pattern: `[ipv4-addr:value = '${address}']`,
    tlp, daysAgo: 100 - i * 9, indicates: [c2], validForDays: 120,
  }));
  C2_DOMAINS.forEach((domain, i) => add({
    key: `domain/${domain}`, name: `HERONSPAWN beacon domain ${domain}`, pattern: `[domain-name:value = '${domain}']`,
    tlp: 'amber', daysAgo: 95 - i * 20, indicates: [heronspawn, c2],
  }));
  add({
    key: 'sequence/proof-then-dropper', name: 'Paper Ballot lure page followed by the INKDROP download',
    description: 'The lure page is visited, then the dropper document arrives within ten minutes.',
    pattern: `([url:value = '${PHISHING_URLS[1]!}'] FOLLOWEDBY [file:hashes.'SHA-256' = '${inkdropHashes[0]!}']) WITHIN 600 SECONDS`,
    tlp: 'green', daysAgo: 60, indicates: [paperBallot, inkdrop],
  });

  // Quiet Harbour: the incident's indicators.
  const incidentIndicators: string[] = [];
  const addForIncident = (spec: IndicatorSpec) => {
    const id = add(spec);
    incidentIndicators.push(id);
    return id;
  };
  addForIncident({
    key: 'cidr/203.0.113.0/26', name: 'Quiet Harbour exploitation range 203.0.113.0/26',
    description: 'Every gateway exploitation attempt seen so far came from this range.',
    pattern: "[ipv4-addr:value ISSUBSET '203.0.113.0/26']", tlp: 'amber+strict', daysAgo: 20, indicates: [quietHarbour],
  });
  EXPLOIT_SOURCES.forEach((address, i) => addForIncident({
    key: `ipv4/${address}`, name: `Quiet Harbour exploitation source ${address}`, pattern: `[ipv4-addr:value = '${address}']`,
    tlp: 'amber', daysAgo: 25 - i * 3, indicates: [quietHarbour], validForDays: 60,
  }));
  GATECRASH_FILES.forEach((file, i) => addForIncident({
    key: `file/${file}`, name: `GATECRASH web shell ${file}`, pattern: `[file:hashes.'SHA-256' = '${b.digest(`gatecrash/${file}`)}' AND file:name = '${file}']`,
    tlp: 'amber', daysAgo: 14 - i * 2, indicates: [gatecrash], confidence: 90,
  }));
  addForIncident({
    key: 'traffic/staging', name: 'Tool download from the Quiet Harbour staging server',
    pattern: "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.77' AND network-traffic:dst_port = 8443]",
    tlp: 'amber', daysAgo: 12, indicates: [staging],
  });
  addForIncident({
    key: 'url/staging', name: 'Quiet Harbour second-stage download', pattern: "[url:value = 'https://203.0.113.77:8443/upload/stage2.bin']",
    tlp: 'amber', daysAgo: 12, indicates: [staging],
  });
  const serviceAccount = addForIncident({
    key: 'account/svc-gw-backup', name: 'Compromised gateway service account',
    description: "The victim department's own service account, used by the intruders after the exploitation.",
    pattern: "[user-account:account_login = 'svc-gw-backup']", tlp: 'amber+strict', daysAgo: 10, indicates: [quietHarbour], types: ['compromised'],
  });
  // From a sensitive source: for AU (and PL) by name only.
  const red = [nodes.au];
  addForIncident({
    key: 'ipv4/192.0.2.66', name: 'Quiet Harbour operator relay 192.0.2.66', pattern: "[ipv4-addr:value = '192.0.2.66']",
    tlp: 'red', recipients: red, daysAgo: 9, indicates: [staging],
  });
  addForIncident({
    key: 'ipv4/192.0.2.67', name: 'Quiet Harbour operator relay 192.0.2.67', pattern: "[ipv4-addr:value = '192.0.2.67']",
    tlp: 'red', recipients: red, daysAgo: 9, indicates: [staging],
  });
  addForIncident({
    key: 'domain/harbour-relay.test', name: 'Quiet Harbour operator domain', pattern: "[domain-name:value = 'harbour-relay.test']",
    tlp: 'red', recipients: red, daysAgo: 8, indicates: [staging],
  });
  addForIncident({
    key: 'file/gatecrash-variant', name: 'GATECRASH variant not yet seen in the wild',
    pattern: `[file:hashes.'SHA-256' = '${b.digest('gatecrash/variant')}']`,
    tlp: 'red', recipients: [nodes.au, nodes.pl], daysAgo: 7, indicates: [gatecrash], confidence: 60,
  });

  // The incident, meant for AU (the staging server is hosted there).
  const incident = b.add('incident', 'gateway-compromise', { tlp: 'amber', daysAgo: 11 }, {
    name: "Compromise of a government department's remote-access gateway (demo)",
    description: 'A UK government department\'s internet-facing remote-access gateway was exploited (ATT&CK T1190) from 203.0.113.0/26. '
      + 'The intruders planted the GATECRASH web shell, then signed in with a service account (T1078) and fetched tools from a staging '
      + 'server hosted by a provider in Australia. Shared with AU so that the server can be dealt with there and other victims found.',
    labels: ['quiet-harbour'],
  });
  b.relateEach('related-to', incident, [quietHarbour, gatecrash, staging, ...incidentIndicators]);
  b.add('note', 'gateway-compromise/au', { tlp: 'amber', daysAgo: 10 }, {
    abstract: 'For AU: the staging server',
    content: 'The staging server at 203.0.113.77 is hosted by a commercial provider in Australia. We ask AU to contact the provider, '
      + 'preserve what the server holds and tell us of any other victims who fetched from it.',
    object_refs: [incident, staging],
  });
  b.add('note', 'gateway-compromise/source', { tlp: 'red', recipients: red, daysAgo: 8 }, {
    abstract: 'Operator relays: source-sensitive',
    content: 'The operator relays and domain linked to this incident come from a sensitive source. Act on them only after speaking to us.',
    object_refs: [incident],
  });
  b.collection('grouping', 'gateway-compromise', { tlp: 'amber', daysAgo: 9 },
    [incident, quietHarbour, gatecrash, staging, exploitPublic, webShell, validAccounts, ...incidentIndicators], {
      name: 'Case: gateway compromise (demo)',
      description: 'Everything known about the gateway compromise that AU may read.',
      context: 'suspicious-activity',
    });

  // Sightings at UK sites.
  const sighted = (of: string, firstSeenDaysAgo: number, count: number, tlp: DemoMarking) =>
    b.sighting({ of, firstSeenDaysAgo, hours: Math.min(count * 3, 72), count, tlp });
  sighted(indicators[0]!, 100, 14, 'green');
  sighted(indicators[2]!, 80, 9, 'green');
  sighted(indicators[4]!, 60, 3, 'green');
  sighted(indicators[PHISHING_DOMAINS.length + PHISHING_URLS.length + SENDERS.length]!, 90, 2, 'green');
  sighted(incidentIndicators[1]!, 22, 42, 'amber');
  sighted(incidentIndicators[4]!, 11, 1, 'amber');
  sighted(serviceAccount, 9, 6, 'amber+strict');

  // The public-facing report, and the joint case with AU and PL.
  const report = b.collection('report', 'paper-ballot', { tlp: 'green', daysAgo: 5 },
    [paperBallot, heron, inkdrop, heronspawn, phishingSites, electionOfficials, b.country, phishing, validAccounts, appLayer, ...indicators], {
      name: 'Operation Paper Ballot: spear-phishing of electoral administrators (demo)',
      description: 'What electoral administrators and their IT providers should look for, and how GLASS HERON operates.',
      report_types: ['campaign', 'threat-report'],
    });
  const jointCase = b.collection('grouping', 'joint-election-case', { tlp: 'green', daysAgo: 4 }, [paperBallot, report], {
    name: "Joint case: interference in partners' elections (demo)",
    description: 'Opened with AU and PL under the trilateral arrangement: election-related activity seen by any of the three.',
    context: 'suspicious-activity',
  });
  b.add('note', 'joint-election-case', { tlp: 'green', daysAgo: 4 }, {
    abstract: 'Joint case opened',
    content: "Poland reports DDoS against its election infrastructure while the UK sees Paper Ballot phishing of election staff. "
      + 'We propose one case for the three partners: AU is asked to check for the same lures ahead of its own elections.',
    object_refs: [jointCase, paperBallot],
  });
}
