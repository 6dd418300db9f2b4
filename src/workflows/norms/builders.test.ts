import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import { validateObject } from '../../stix/validation/index.ts';
import { checkWorkflowObject } from '../extensions/check.ts';
import { checkNormInput } from './checks.ts';
import { NORM_EXTENSION_IDS } from './definitions.ts';
import { buildNormImplementation, type NormImplementationInput } from './implementations.ts';
import { decisionTag, suggestionTags } from './tags.ts';

/** The builders and checks of accord-norm-tag and accord-norm-implementation: good input, and bad input with its precise problems. */

const NODE = 'identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ANALYST = 'identity--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const INCIDENT = 'incident--2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const LOCATION = 'location--3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a';
const NOW = '2024-06-01T10:00:00.000Z';

type Problem = [path: string, rule: string, message: string];
const problems = (type: 'accord-norm-tag' | 'accord-norm-implementation', input: unknown): Problem[] =>
  checkNormInput(type, input).map((problem) => [problem.path, problem.rule, problem.message]);

const GOOD_IMPLEMENTATION: NormImplementationInput = {
  state: 'GB', norm: '13j', measure: 'Published a national vulnerability disclosure policy for government systems.',
  evidence: ['https://www.gov.uk/example/vulnerability-disclosure', 'report--4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b'], date: '2022-03-01T00:00:00Z',
};

describe('accord-norm-tag', () => {
  it('builds a suggestion per suggested norm, naming the rules that fired, valid STIX and valid by the norms rules', () => {
    const [tag] = suggestionTags(NODE, INCIDENT, [{ norm: '13i', title: 't', citation: 'c', score: 3, rules: [{ rule: 'supply-chain', condition: 'c', weight: 3, matched: { category: 'supply-chain' } }] }], NOW);
    assert.ok(tag !== undefined);
    assert.equal(tag.type, 'accord-norm-tag');
    assert.match(tag.id, /^accord-norm-tag--[0-9a-f-]{36}$/);
    assert.deepEqual({ ...tag, id: undefined }, {
      type: 'accord-norm-tag', spec_version: '2.1', id: undefined, created: NOW, modified: NOW, created_by_ref: NODE,
      extensions: { [NORM_EXTENSION_IDS['accord-norm-tag']]: { extension_type: 'new-sdo' } },
      incident_ref: INCIDENT, norm: '13i', status: 'suggested', rules: ['supply-chain'],
    });
    assert.deepEqual(checkWorkflowObject(tag), []);
    assert.deepEqual(validateObject(tag).errors, []);
  });

  it('builds a confirmation with the deciding analyst and the reason', () => {
    const tag = decisionTag(NODE, ANALYST, { incident_ref: INCIDENT, norm: '13f', status: 'confirmed', reason: 'The grid operator lost control of 30 substations.' }, NOW);
    assert.equal(tag.decided_by, ANALYST);
    assert.equal(tag.created_by_ref, NODE);
    assert.deepEqual(checkWorkflowObject(tag), []);
  });

  const bad: [description: string, input: unknown, expected: Problem[]][] = [
    ['not an object', 'confirm 13f', [['$', 'not-an-object', 'accord-norm-tag input is an object {incident_ref, norm, status, rules, reason, decided_by}, not "confirm 13f"']]],
    ['an unknown norm and status', { incident_ref: INCIDENT, norm: '13l', status: 'accepted' }, [
      ['$.norm', 'vocabulary', '"13l" is not one of 13a, 13b, 13c, 13d, 13e, 13f, 13g, 13h, 13i, 13j, 13k'],
      ['$.status', 'vocabulary', '"accepted" is not one of suggested, confirmed, rejected'],
    ]],
    ['a rejection without reason or analyst', { incident_ref: INCIDENT, norm: '13f', status: 'rejected' }, [
      ['$.reason', 'required-property', 'is required (the reason for the decision (a non-empty string))'],
      ['$.decided_by', 'required-property', 'is required (the id of a identity)'],
    ]],
    ['a confirmation naming rules', { incident_ref: INCIDENT, norm: '13f', status: 'confirmed', reason: 'yes', decided_by: ANALYST, rules: ['ci-disrupted'] }, [
      ['$.rules', 'norm-tag-status', 'only a suggestion names the rules that fired; a confirmed tag gives its reason instead'],
    ]],
    ['a suggestion with an unknown rule and a decider', { incident_ref: INCIDENT, norm: '13f', status: 'suggested', rules: ['gut-feeling'], decided_by: ANALYST }, [
      ['$.rules[0]', 'vocabulary', `"gut-feeling" is not one of ci-disrupted, ci-sector-hit, health-sector, response-team-targeted, election-interference, destructive-malware, supply-chain, vulnerability-exploited, cybercrime, rights-surveillance, several-states, tolerated-or-harboured, proxy, attribution-decision`],
      ['$.decided_by', 'norm-tag-status', "a suggestion is the engine's, not an analyst's decision: leave decided_by out, or set status confirmed or rejected"],
    ]],
    ['an incident_ref that is a malware id, and a typo', { incident_ref: 'malware--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', norm: '13f', status: 'suggested', rules: ['ci-disrupted'], reasn: 'x' }, [
      ['$.incident_ref', 'reference-type', '"malware--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" must be the id of a incident'],
      ['$.reasn', 'unknown-property', 'is not a property here (known: incident_ref, norm, status, rules, reason, decided_by)'],
    ]],
  ];
  for (const [description, input, expected] of bad) {
    it(`refuses ${description}`, () => assert.deepEqual(problems('accord-norm-tag', input), expected));
  }

  it('the builder refuses bad input with WORKFLOW_BAD_INPUT listing every problem', () => {
    assert.throws(() => decisionTag(NODE, ANALYST, { incident_ref: INCIDENT, norm: '13f', status: 'rejected', reason: '  ' }, NOW), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, 'WORKFLOW_BAD_INPUT');
      assert.equal(error.message, 'the accord-norm-tag is not valid: $.reason: must be the reason for the decision (a non-empty string), not "  "');
      return true;
    });
  });

  it('a decision is confirmed or rejected, never suggested', () => {
    const decision = { incident_ref: INCIDENT, norm: '13f', status: 'suggested', reason: 'looks like it' } as unknown as Parameters<typeof decisionTag>[2];
    assert.throws(() => decisionTag(NODE, ANALYST, decision, NOW), {
      message: 'the decision is not valid: $.status: "suggested" is not one of confirmed, rejected (suggestions are the engine\'s, not an analyst\'s decision)',
    });
  });

  it('the workflow check refuses a norms object without its new-sdo extension or creator', () => {
    const tag = decisionTag(NODE, ANALYST, { incident_ref: INCIDENT, norm: '13f', status: 'confirmed', reason: 'yes' }, NOW);
    const { created_by_ref: _creator, ...anonymous } = { ...tag, extensions: { [NORM_EXTENSION_IDS['accord-norm-tag']]: { extension_type: 'property-extension' } } };
    assert.deepEqual(checkWorkflowObject(anonymous).map((problem) => [problem.path, problem.rule]), [['$.created_by_ref', 'required-property'], ['$.extensions', 'workflow-extension']]);
  });
});

describe('accord-norm-implementation', () => {
  it('builds a record from good input: a country code, or the id of a location', () => {
    const record = buildNormImplementation(NODE, GOOD_IMPLEMENTATION, NOW);
    assert.equal(record.type, 'accord-norm-implementation');
    assert.equal(record.state, 'GB');
    assert.deepEqual(record.evidence, GOOD_IMPLEMENTATION.evidence);
    assert.deepEqual(checkWorkflowObject(record), []);
    assert.deepEqual(validateObject(record).errors, []);
    assert.equal(buildNormImplementation(NODE, { ...GOOD_IMPLEMENTATION, state: LOCATION }, NOW).state, LOCATION);
  });

  const bad: [description: string, input: unknown, expected: Problem[]][] = [
    ['a lower-case or made-up country', { ...GOOD_IMPLEMENTATION, state: 'gb' }, [
      ['$.state', 'value-format', '"gb" is neither an ISO 3166-1 alpha-2 country code in capitals (e.g. GB, AU, PL) nor the id of an identity or location'],
    ]],
    ['a state that is a malware id', { ...GOOD_IMPLEMENTATION, state: 'malware--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }, [
      ['$.state', 'value-format', '"malware--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" is neither an ISO 3166-1 alpha-2 country code in capitals (e.g. GB, AU, PL) nor the id of an identity or location'],
    ]],
    ['evidence that is neither a URL nor an id', { ...GOOD_IMPLEMENTATION, evidence: ['https://example.org/a', 'see the annual report', 'ftp://example.org/x'] }, [
      ['$.evidence[1]', 'value-format', '"see the annual report" is neither an http(s) URL nor a STIX identifier'],
      ['$.evidence[2]', 'value-format', '"ftp://example.org/x" is neither an http(s) URL nor a STIX identifier'],
    ]],
    ['no evidence, no measure, a bad date', { state: 'PL', norm: '13g', evidence: [], date: '2022-03-01' }, [
      ['$.measure', 'required-property', 'is required (a description of the measure (a non-empty string))'],
      ['$.evidence', 'property-type', 'must be a non-empty list of URLs (http or https) or STIX ids, not an empty list (leave it out instead)'],
      ['$.date', 'value-format', '"2022-03-01" is not a STIX timestamp: must be an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z'],
    ]],
    ['an unknown norm and an extra property', { ...GOOD_IMPLEMENTATION, norm: '14a', status: 'done' }, [
      ['$.norm', 'vocabulary', '"14a" is not one of 13a, 13b, 13c, 13d, 13e, 13f, 13g, 13h, 13i, 13j, 13k'],
      ['$.status', 'unknown-property', 'is not a property here (known: state, norm, measure, evidence, date)'],
    ]],
  ];
  for (const [description, input, expected] of bad) {
    it(`refuses ${description}`, () => assert.deepEqual(problems('accord-norm-implementation', input), expected));
  }
});
