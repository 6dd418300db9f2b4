import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../../test/support/shared.ts';
import type { Partner, SharingAgreement } from '../../federation/model.ts';
import { nodeLocationIds } from '../../federation/node-identity.ts';
import { MemoryPolicySource, RECIPIENTS_PROPERTY, decide, policyContext } from '../../federation/policy.ts';
import { parsePattern } from '../../pattern/index.ts';
import { tlpOfMarking } from '../../stix/markings.ts';
import type { StixObject } from '../../stix/object.ts';
import { validateObject } from '../../stix/validation/index.ts';
import {
  DEMO_NODE_NAMES, JOINT_CASE_TYPES, buildDemoScenario, demoAgreementId, demoIdentityIds, type DemoNodeName, type DemoScenario,
} from './scenario.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const scenario = buildDemoScenario({ now: NOW });
const all = (s: DemoScenario = scenario) => DEMO_NODE_NAMES.flatMap((name) => s.nodes[name].objects);

/** `clear` … `red`, or `unmarked`. */
function markingOf(object: StixObject): string {
  const levels = (object.object_marking_refs ?? []).map((id) => tlpOfMarking(id) ?? id);
  return levels.length === 0 ? 'unmarked' : levels.join('+');
}

/** Every `*_ref` and `*_refs` value in an object, however deep. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.endsWith('_ref') && typeof child === 'string') found.push(child);
      else if (key.endsWith('_refs') && Array.isArray(child)) found.push(...child.filter((item): item is string => typeof item === 'string'));
      else refsIn(child, found);
    }
  }
  return found;
}

const TIMESTAMP_PROPERTIES = ['created', 'modified', 'valid_from', 'valid_until', 'first_seen', 'last_seen', 'published'];

describe('buildDemoScenario: the objects', () => {
  it('every object is valid STIX 2.1, without even a warning', () => {
    for (const object of all()) {
      const result = validateObject(object);
      assert.deepEqual([...result.errors, ...result.warnings], [], `${object.id}: ${JSON.stringify(result.errors.concat(result.warnings))}`);
    }
  });

  it('ids are unique within each node, and each id is one object across the nodes', () => {
    const everywhere = new Map<string, string>();
    for (const name of DEMO_NODE_NAMES) {
      const ids = scenario.nodes[name].objects.map((object) => object.id);
      assert.equal(new Set(ids).size, ids.length, `duplicate ids on ${name}`);
      for (const object of scenario.nodes[name].objects) {
        const text = JSON.stringify(object);
        assert.equal(everywhere.get(object.id) ?? text, text, `${object.id} differs between nodes`);
        everywhere.set(object.id, text);
      }
    }
    // Only the TLP marking-definitions are on more than one node.
    const shared = [...everywhere.keys()].filter((id) => DEMO_NODE_NAMES.filter((name) => scenario.nodes[name].objects.some((object) => object.id === id)).length > 1);
    assert.ok(shared.every((id) => id.startsWith('marking-definition--')), shared.join(', '));
  });

  it("every *_ref(s) resolves among the node's own objects", () => {
    for (const name of DEMO_NODE_NAMES) {
      const ids = new Set(scenario.nodes[name].objects.map((object) => object.id));
      for (const object of scenario.nodes[name].objects) {
        for (const ref of refsIn(object)) assert.ok(ids.has(ref), `${name}: ${object.id} refers to ${ref}, which the node does not hold`);
      }
    }
  });

  it('every object was made by its node and lies before now', () => {
    for (const name of DEMO_NODE_NAMES) {
      const { identity, objects } = scenario.nodes[name];
      for (const object of objects) {
        if (object.type === 'marking-definition') continue;
        if (object.id !== identity.id) assert.equal(object.created_by_ref, identity.id, object.id);
        for (const property of TIMESTAMP_PROPERTIES) {
          const value = object[property];
          if (typeof value === 'string' && property !== 'valid_until') assert.ok(new Date(value) <= NOW, `${object.id} ${property} ${value}`);
        }
      }
    }
  });

  it("every indicator's STIX pattern parses without errors or warnings", () => {
    const indicators = all().filter((object) => object.type === 'indicator');
    assert.ok(indicators.length >= 60);
    for (const indicator of indicators) {
      assert.equal(indicator.pattern_type, 'stix');
      const result = parsePattern(indicator.pattern as string);
      assert.ok(result.ok, `${indicator.pattern}: ${JSON.stringify(result.errors)}`);
      assert.deepEqual(result.warnings, [], `${indicator.pattern}: ${JSON.stringify(result.warnings)}`);
    }
  });

  it('the patterns use documentation addresses and reserved domains only, and include ISSUBSET and FOLLOWEDBY', () => {
    const patterns = all().filter((object) => object.type === 'indicator').map((object) => object.pattern as string);
    for (const pattern of patterns) {
      for (const [address] of pattern.matchAll(/\d+\.\d+\.\d+\.\d+/g)) {
        assert.match(address, /^(192\.0\.2|198\.51\.100|203\.0\.113)\./, pattern);
      }
      for (const [, host] of pattern.matchAll(/(?:domain-name:value = '|@|https?:\/\/)([a-z][a-z0-9.-]*)/g)) {
        assert.match(host!, /\.(example|test)$/, pattern);
      }
    }
    assert.ok(patterns.some((pattern) => pattern.includes(' ISSUBSET ')));
    assert.ok(patterns.some((pattern) => pattern.includes(' FOLLOWEDBY ')));
    assert.ok(patterns.some((pattern) => pattern.includes("file:hashes.'SHA-256'")));
  });

  it('ATT&CK techniques are referenced by id', () => {
    const techniques = all().filter((object) => object.type === 'attack-pattern')
      .map((object) => (object.external_references as { source_name: string; external_id: string }[])[0]!)
      .filter((reference) => reference.source_name === 'mitre-attack').map((reference) => reference.external_id);
    for (const id of ['T1566', 'T1190', 'T1078']) assert.ok(techniques.includes(id), id);
  });
});

describe('buildDemoScenario: the story', () => {
  it("each node's identity is an organisation with a country", () => {
    const expected = { uk: 'GB', au: 'AU', pl: 'PL' };
    const identityIds = demoIdentityIds();
    for (const name of DEMO_NODE_NAMES) {
      const { identity, objects, country } = scenario.nodes[name];
      assert.equal(identity.id, identityIds[name]);
      assert.equal(identity.identity_class, 'organization');
      assert.deepEqual(identity.sectors, ['government-national']);
      assert.match(identity.name, /\(demo\)$/);
      assert.equal(country, expected[name]);
      const ids = nodeLocationIds(identity.id);
      assert.equal(objects.find((object) => object.id === ids.location)?.country, expected[name]);
      const locatedAt = objects.find((object) => object.id === ids.relationship);
      assert.deepEqual([locatedAt?.relationship_type, locatedAt?.source_ref, locatedAt?.target_ref], ['located-at', identity.id, ids.location]);
      assert.ok(objects.includes(identity));
    }
  });

  it('the UK holds an AMBER incident with related indicators, a report, sightings and an election-interference campaign', () => {
    const uk = scenario.nodes.uk.objects;
    const incident = uk.find((object) => object.type === 'incident')!;
    assert.equal(markingOf(incident), 'amber');
    const related = uk.filter((object) => object.type === 'relationship' && object.source_ref === incident.id && String(object.target_ref).startsWith('indicator--'));
    assert.ok(related.length >= 5);
    assert.ok(uk.some((object) => object.type === 'note' && (object.object_refs as string[]).includes(incident.id) && markingOf(object) === 'amber'));
    assert.ok(uk.some((object) => object.type === 'campaign' && /election/i.test(String(object.description))));
    for (const type of ['report', 'sighting', 'threat-actor', 'intrusion-set', 'malware', 'infrastructure', 'attack-pattern']) {
      assert.ok(uk.some((object) => object.type === type), type);
    }
    for (const relationshipType of ['indicates', 'uses', 'attributed-to', 'targets']) {
      assert.ok(uk.some((object) => object.relationship_type === relationshipType), relationshipType);
    }
  });

  it('PL holds a GREEN report on a DDoS campaign against its election infrastructure; AU holds indicators of its own', () => {
    const report = scenario.nodes.pl.objects.find((object) => object.type === 'report')!;
    assert.equal(markingOf(report), 'green');
    assert.match(String(report.name), /DDoS.*election/i);
    assert.ok(scenario.nodes.au.objects.filter((object) => object.type === 'indicator').length >= 5);
  });

  it('the TLP mix covers CLEAR, GREEN, AMBER, AMBER+STRICT, RED and unmarked, among the indicators too', () => {
    const levels = ['amber', 'amber+strict', 'clear', 'green', 'red', 'unmarked'];
    assert.deepEqual([...new Set(all().map(markingOf))].sort(), levels);
    assert.deepEqual([...new Set(scenario.nodes.uk.objects.filter((object) => object.type === 'indicator').map(markingOf))].sort(), levels);
  });

  it('every TLP:RED object names its recipients among the other nodes, and nothing else names any', () => {
    const identityIds = demoIdentityIds();
    let red = 0;
    for (const name of DEMO_NODE_NAMES) {
      const others = DEMO_NODE_NAMES.filter((other) => other !== name).map((other) => identityIds[other]);
      for (const object of scenario.nodes[name].objects) {
        const recipients = object[RECIPIENTS_PROPERTY];
        if (markingOf(object) !== 'red') {
          assert.equal(recipients, undefined, object.id);
          continue;
        }
        red++;
        assert.ok(Array.isArray(recipients) && recipients.length > 0, `${object.id} names no recipients`);
        for (const recipient of recipients as string[]) assert.ok(others.includes(recipient), `${object.id}: ${recipient}`);
      }
    }
    assert.ok(red > 0);
  });

  it('relationships and sightings are marked at least as strictly as what they link (the node identity is public)', () => {
    const rank = (marking: string) => ['clear', 'green', 'amber', 'amber+strict', 'red'].indexOf(marking === 'unmarked' ? 'amber' : marking);
    for (const name of DEMO_NODE_NAMES) {
      const identity = scenario.nodes[name].identity.id;
      const byId = new Map(scenario.nodes[name].objects.map((object) => [object.id, object]));
      for (const object of scenario.nodes[name].objects) {
        const ends = object.type === 'relationship' ? [object.source_ref, object.target_ref] : object.type === 'sighting' ? [object.sighting_of_ref] : [];
        for (const end of ends) {
          const linked = byId.get(end as string)!;
          if (linked.id === identity) continue;
          if (markingOf(linked) === 'unmarked' && markingOf(object) === 'unmarked') continue;
          assert.ok(rank(markingOf(object)) >= rank(markingOf(linked)), `${object.id} (${markingOf(object)}) links ${linked.id} (${markingOf(linked)})`);
        }
      }
    }
  });
});

describe('buildDemoScenario: determinism', () => {
  it('the same seed and now give the same JSON', () => {
    assert.equal(JSON.stringify(buildDemoScenario({ now: NOW, seed: 1 })), JSON.stringify(scenario));
    assert.equal(JSON.stringify(buildDemoScenario({ now: NOW, seed: 7 })), JSON.stringify(buildDemoScenario({ now: NOW, seed: 7 })));
  });

  it('another now keeps every id and shifts every timestamp by the same amount', () => {
    const shift = 3 * 24 * 3600_000 + 1234;
    const later = buildDemoScenario({ now: new Date(NOW.getTime() + shift) });
    const before = all();
    const after = all(later);
    assert.deepEqual(after.map((object) => object.id), before.map((object) => object.id));
    let shifted = 0;
    before.forEach((object, index) => {
      const moved = after[index]!;
      for (const property of TIMESTAMP_PROPERTIES) {
        if (object[property] === undefined) continue;
        const expected = object.type === 'marking-definition' ? 0 : shift;
        assert.equal(Date.parse(moved[property] as string) - Date.parse(object[property] as string), expected, `${object.id} ${property}`);
        if (expected !== 0) shifted++;
      }
      const strip = (value: StixObject) => JSON.stringify(value, (key, item: unknown) => (TIMESTAMP_PROPERTIES.includes(key) ? undefined : item));
      assert.equal(strip(moved), strip(object));
    });
    assert.ok(shifted > before.length);
  });

  it('another seed gives other ids (marking-definitions aside) and other hashes, and the same counts', () => {
    const other = buildDemoScenario({ now: NOW, seed: 2 });
    const ids = new Set(all().map((object) => object.id));
    assert.deepEqual(all(other).filter((object) => ids.has(object.id)).map((object) => object.type), all(other).filter((object) => object.type === 'marking-definition').map((object) => object.type));
    assert.notDeepEqual(all(other).filter((object) => object.type === 'indicator').map((object) => object.pattern), all().filter((object) => object.type === 'indicator').map((object) => object.pattern));
    assert.deepEqual(all(other).map((object) => object.type), all().map((object) => object.type));
  });

  it('refuses a seed that is not a whole number and a date that is not one', () => {
    assert.throws(() => buildDemoScenario({ seed: 1.5 }), RangeError);
    assert.throws(() => buildDemoScenario({ now: new Date(Number.NaN) }), RangeError);
  });
});

describe('buildDemoScenario: the agreements', () => {
  const links = (name: DemoNodeName) => scenario.agreements[name].map((agreement) => `${agreement.partner} ${agreement.arrangement} ${agreement.direction}`).sort();

  it('cover exactly UK↔AU and UK↔PL bilateral and the trilateral among all three', () => {
    const both = (partner: string, arrangement: string) => [`${partner} ${arrangement} inbound`, `${partner} ${arrangement} outbound`];
    assert.deepEqual(links('uk'), [...both('au', 'bilateral'), ...both('au', 'trilateral'), ...both('pl', 'bilateral'), ...both('pl', 'trilateral')]);
    assert.deepEqual(links('au'), [...both('pl', 'trilateral'), ...both('uk', 'bilateral'), ...both('uk', 'trilateral')]);
    assert.deepEqual(links('pl'), [...both('au', 'trilateral'), ...both('uk', 'bilateral'), ...both('uk', 'trilateral')]);
  });

  it('bilateral: every type up to AMBER, nothing onward; trilateral: joint-case types, CLEAR and GREEN; each with a basis', () => {
    for (const name of DEMO_NODE_NAMES) {
      for (const agreement of scenario.agreements[name]) {
        assert.deepEqual(agreement.collections, ['*']);
        assert.ok(agreement.basis !== undefined && /\(demo\)/.test(agreement.basis));
        if (agreement.arrangement === 'bilateral') {
          assert.deepEqual([agreement.objectTypes, agreement.tlp, agreement.onward], [['*'], ['clear', 'green', 'amber'], false]);
          assert.match(agreement.basis!, /joint statement/);
        } else {
          assert.deepEqual([agreement.objectTypes, agreement.tlp, agreement.onward], [[...JOINT_CASE_TYPES], ['clear', 'green'], true]);
          for (const type of ['incident', 'report', 'grouping', 'note', 'opinion']) assert.ok(agreement.objectTypes.includes(type), type);
        }
      }
      const ids = scenario.agreements[name].map(demoAgreementId);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id, /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);
    }
  });

  it("each node's outbound terms are its partner's inbound terms", () => {
    for (const name of DEMO_NODE_NAMES) {
      for (const outbound of scenario.agreements[name].filter((agreement) => agreement.direction === 'outbound')) {
        const inbound = scenario.agreements[outbound.partner].find((agreement) => agreement.partner === name && agreement.direction === 'inbound' && agreement.arrangement === outbound.arrangement);
        assert.ok(inbound, `${name} → ${outbound.partner} ${outbound.arrangement}`);
        assert.deepEqual({ ...inbound, partner: outbound.partner, direction: 'outbound' }, outbound);
      }
    }
  });
});

describe('buildDemoScenario under the sharing policy', () => {
  const identityIds = demoIdentityIds();
  /** What `from`'s node gives the partner node `to` under the demo agreements. */
  function visibleTo(from: DemoNodeName, to: DemoNodeName): Set<string> {
    const agreements: SharingAgreement[] = scenario.agreements[from].map((agreement) => ({ ...agreement, id: demoAgreementId(agreement), updatedAt: scenario.now }));
    const partner: Partner = { name: to, kind: 'state', identityId: identityIds[to], createdAt: scenario.now };
    const context = policyContext(new MemoryPolicySource({ partners: [partner], agreements }), { kind: 'partner', partner }, { nodeIdentityId: identityIds[from] });
    return new Set(scenario.nodes[from].objects.filter((object) => decide({ kind: 'partner', partner }, object, context).allow).map((object) => object.id));
  }
  const find = (name: DemoNodeName, predicate: (object: StixObject) => boolean) => scenario.nodes[name].objects.filter(predicate);

  it('the UK shares its AMBER incident with AU; AMBER+STRICT and RED stay at the UK', () => {
    const toAu = visibleTo('uk', 'au');
    assert.ok(find('uk', (object) => object.type === 'incident').every((object) => toAu.has(object.id)));
    assert.ok(find('uk', (object) => ['amber+strict', 'red'].includes(markingOf(object))).every((object) => !toAu.has(object.id)));
  });

  it('AU and PL, linked only by the trilateral arrangement, exchange GREEN reports and notes but not indicators', () => {
    const toPl = visibleTo('au', 'pl');
    const toAu = visibleTo('pl', 'au');
    assert.ok(find('au', (object) => object.type === 'report').every((object) => toPl.has(object.id)));
    assert.ok(find('pl', (object) => ['report', 'note'].includes(object.type)).every((object) => toAu.has(object.id)));
    assert.ok(find('au', (object) => object.type === 'indicator').every((object) => !toPl.has(object.id)));
    assert.ok(find('pl', (object) => object.type === 'indicator').every((object) => !toAu.has(object.id)));
  });
});

describe('docs/demo-scenario.md', () => {
  const doc = readFileSync(path.join(repoRoot, 'docs', 'demo-scenario.md'), 'utf8');

  /** The rows of the table under `### heading`: first cell → the uk, au, pl numbers. */
  function table(heading: string): Map<string, number[]> {
    const start = doc.indexOf(`### ${heading}\n`);
    assert.ok(start >= 0, `no section "${heading}"`);
    const rows = new Map<string, number[]>();
    for (const line of doc.slice(start).split('\n').slice(1)) {
      if (line.startsWith('#')) break;
      const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
      if (cells.length !== 4 || !/^\d+$/.test(cells[1]!)) continue;
      rows.set(cells[0]!.replaceAll('*', ''), cells.slice(1).map(Number));
    }
    assert.ok(rows.size > 0, `no rows under "${heading}"`);
    return rows;
  }

  function counts(objects: (name: DemoNodeName) => StixObject[], key: (object: StixObject) => string): Map<string, number[]> {
    const result = new Map<string, number[]>();
    DEMO_NODE_NAMES.forEach((name, column) => {
      for (const object of objects(name)) {
        const row = result.get(key(object)) ?? [0, 0, 0];
        row[column]!++;
        result.set(key(object), row);
      }
    });
    return result;
  }

  const sorted = (map: Map<string, number[]>) => [...map].filter(([, row]) => row.some((count) => count > 0)).sort(([a], [b]) => a.localeCompare(b));

  it('states the counts of objects by type that the build gives', () => {
    const documented = table('Objects by type');
    const total = documented.get('total');
    documented.delete('total');
    assert.deepEqual(sorted(documented), sorted(counts((name) => scenario.nodes[name].objects, (object) => object.type)));
    assert.deepEqual(total, DEMO_NODE_NAMES.map((name) => scenario.nodes[name].objects.length));
  });

  it('states the counts by TLP that the build gives', () => {
    assert.deepEqual(sorted(table('Objects by TLP')), sorted(counts((name) => scenario.nodes[name].objects, markingOf)));
    const indicators = (name: DemoNodeName) => scenario.nodes[name].objects.filter((object) => object.type === 'indicator');
    assert.deepEqual(sorted(table('Indicators by TLP')), sorted(counts(indicators, markingOf)));
  });
});
