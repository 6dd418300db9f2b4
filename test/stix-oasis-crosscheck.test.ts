/**
 * Cross-checks the STIX 2.1 validator against the OASIS JSON schemas
 * (../shared/conformance/stix2.1-schemas) on every published example object,
 * on the ATT&CK bundle, and on mutants generated from the valid examples.
 * Where we deliberately differ from the schemas, the difference is listed
 * below by rule name with its reason (and in docs/stix-validation.md); any
 * other disagreement fails the test and is printed in full.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';
import safeRegex from 'safe-regex2';
import { validateObject, type ValidationProblem, type ValidationResult } from '../src/stix/validation/index.ts';
import { sharedPath } from './support/shared.ts';

// ---------------------------------------------------------------------------------------------
// Documented differences (docs/stix-validation.md). When we report errors and the schemas accept,
// the mismatch is explained only if every one of our errors has a rule listed here and, where the
// rule is shared with the schemas elsewhere, falls in the listed scope.

interface StricterRule {
  readonly reason: string;
  /** Limits the entry to the places where the schemas do not express the rule. */
  readonly appliesTo?: (problem: ValidationProblem, object: unknown) => boolean;
}

const STRICTER_RULES: Readonly<Record<string, StricterRule>> = {
  'modified-before-created': {
    reason: 'STIX 2.1 §3.2: modified must be later than or equal to created; a JSON schema cannot compare two properties',
  },
  'timestamp-order': {
    reason: 'first_seen/last_seen, first_observed/last_observed, valid_from/valid_until, start_time/stop_time, start/end (§4.2-§4.17, §5.1, §5.2, §6.12): not comparable in a JSON schema',
  },
  'reference-type': {
    reason: 'STIX 2.1 §3.3 and the property tables restrict what each *_ref/*_refs may point at; the schemas express this for only a few properties (e.g. not created_by_ref, object_marking_refs outside markings, or any SCO reference)',
  },
  'identifier-format': {
    reason: 'STIX 2.1 §2.9: references are identifiers; the schemas declare most SCO references as plain strings',
  },
  'identifier-type': {
    reason: 'STIX 2.1 §2.9: an id starts with the object\'s own type; the schemas check this only for the types they define',
  },
  'selector-unresolved': {
    reason: 'STIX 2.1 §7.2.3.1: a granular marking selector MUST select content present in the object; a JSON schema cannot follow it',
  },
  'tlp-marking': {
    reason: 'the TLP 2.0 extension-definition (cti-stix-common-objects) fixes tlp_2_0 and the published markings; the core schemas do not know that extension',
  },
  'timestamp-precision': {
    reason: 'STIX 2.1 §3.2: created is precise to the millisecond on every object; the marking-definition schema accepts any timestamp',
    appliesTo: (problem, object) => typeOf(object) === 'marking-definition' && problem.path === '$.created',
  },
  'required-property': {
    reason: 'STIX 2.1 §7.3.1 lists created_by_ref as required on extension-definition; the schema does not',
    appliesTo: (problem, object) => typeOf(object) === 'extension-definition' && problem.path === '$.created_by_ref',
  },
  'property-dependency': {
    reason: 'STIX 2.1 §3.1: an _enc property MUST NOT be present without the property it describes',
    appliesTo: (problem) => /_enc$/.test(problem.path),
  },
  'property-type': {
    reason: 'the alternate-data-stream schema does not require an object, and the language-content schema accepts lists as contents values, which §7.1.1 defines as dictionaries',
    appliesTo: (problem) => /alternate_data_streams\[\d+\]$|^\$\.contents\.[^.]+$/.test(problem.path),
  },
};

const ID = {
  campaign: 'campaign--12a111f0-b824-4baf-a224-83b80237a094',
  emailMessage: 'email-message--0c57a381-2a17-5e61-8754-5ef96efb286c',
  file: 'file--949eb97a-da1e-5292-8959-03c4249dc9f3',
  observedData: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
  process: 'process--8fac80fe-a220-4ba9-8ffe-4f43ce8edff8',
  registryKey: 'windows-registry-key--1884b770-b679-522a-a9c7-45fadaaec7bb',
  software: 'software--710b0b41-d4d0-5d6c-a400-fc9254554ffc',
  vulnerability: 'vulnerability--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
} as const;
const VERSIONED = { spec_version: '2.1', created: '2016-05-12T08:17:27.000Z', modified: '2016-05-12T08:17:27.000Z' };

/**
 * Places where the schemas reject what STIX 2.1 allows: each object here is valid for us and
 * invalid for the schemas (asserted below, so the list in docs/stix-validation.md stays true).
 */
const SCHEMA_STRICTER: readonly { name: string; reason: string; object: Record<string, unknown> }[] = [
  {
    name: 'process with only created_time',
    reason: 'the schema\'s "at least one property" list names the STIX 2.0 property created instead of created_time (§6.13)',
    object: { type: 'process', spec_version: '2.1', id: ID.process, created_time: '2016-01-20T14:11:25.550Z' },
  },
  {
    name: 'registry key with only modified_time',
    reason: 'the schema\'s "at least one property" list names modified instead of modified_time (§6.17)',
    object: { type: 'windows-registry-key', spec_version: '2.1', id: ID.registryKey, modified_time: '2016-01-20T14:11:25.550Z' },
  },
  {
    name: 'registry key whose path contains HKU',
    reason: 'the schema\'s unanchored alternation rejects any key containing an abbreviation; §6.17 only forbids abbreviated hives',
    object: { type: 'windows-registry-key', spec_version: '2.1', id: ID.registryKey, key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\HKUpdate' },
  },
  {
    name: 'language granular marking',
    reason: 'the schema requires marking_ref; §7.2.3.1 allows lang instead of marking_ref',
    object: { type: 'campaign', id: ID.campaign, ...VERSIONED, name: 'Bank Attack', description: 'Banküberfall', granular_markings: [{ selectors: ['description'], lang: 'de' }] },
  },
  {
    name: 'selector through a dictionary key with capitals',
    reason: 'the schema\'s selector pattern is lowercase only; §7.2.3.1 selectors may name dictionary keys such as SHA-256',
    object: {
      type: 'file', spec_version: '2.1', id: ID.file, hashes: { 'SHA-256': 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' },
      granular_markings: [{ selectors: ['hashes.SHA-256'], marking_ref: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da' }],
    },
  },
  {
    name: 'CVE id from another source',
    reason: 'the schema forbids CVE- or CAPEC-shaped external_id values unless source_name is cve or capec; §2.5 does not',
    object: { type: 'vulnerability', id: ID.vulnerability, ...VERSIONED, name: 'CVE-2016-1234', external_references: [{ source_name: 'nvd', external_id: 'CVE-2016-1234' }] },
  },
  {
    name: 'header field with one value',
    reason: 'the schema requires lists of at least two strings; §6.6 says each value is a list of strings',
    object: { type: 'email-message', spec_version: '2.1', id: ID.emailMessage, is_multipart: false, additional_header_fields: { 'Reply-To': ['steve@example.com'] } },
  },
  {
    name: 'software language with a script subtag',
    reason: 'the schema\'s language pattern is case-sensitive and rejects zh-Hant; RFC 5646 tags are case-insensitive',
    object: { type: 'software', spec_version: '2.1', id: ID.software, name: 'Word', languages: ['zh-Hant'] },
  },
  {
    name: 'MIME part with both body and body_raw_ref',
    reason: 'the schema requires exactly one; §6.6.2 says one of them MUST be included',
    object: {
      type: 'email-message', spec_version: '2.1', id: ID.emailMessage, is_multipart: true,
      body_multipart: [{ body: 'Cats are funny!', body_raw_ref: 'artifact--0682152c-646a-513b-bc07-e516494ed178' }],
    },
  },
  {
    name: 'custom property phone_numbers',
    reason: 'the schema reserves phone_numbers; §3.8 reserves phone_number (which the schema accepts and we reject)',
    object: { type: 'vulnerability', id: ID.vulnerability, ...VERSIONED, name: 'x', phone_numbers: '+1 555 0100' },
  },
  {
    name: 'STIX 2.0 observable container',
    reason: 'the schema requires ids on container objects; §2.13 lets the deprecated container hold 2.0-style objects keyed "0", "1"',
    object: {
      type: 'observed-data', id: ID.observedData, ...VERSIONED, first_observed: '2015-12-21T19:00:00Z', last_observed: '2015-12-21T19:00:00Z',
      number_observed: 1, objects: { 0: { type: 'ipv4-addr', value: '198.51.100.2' }, 1: { type: 'network-traffic', dst_ref: '0', protocols: ['tcp'] } },
    },
  },
];

// ---------------------------------------------------------------------------------------------
// The oracle: the OASIS schemas in ajv, with the traps of design/STACK.md avoided.

const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const SCHEMA_FOLDERS = ['common', 'sdos', 'sros', 'observables'];
/** Files in common/ that describe a top-level object type. */
const COMMON_OBJECT_SCHEMAS = new Set(['marking-definition', 'language-content', 'extension-definition']);

interface Oracle {
  /** The schema verdict for an object validated as `type` (custom types: core or cyber-observable-core). */
  validate(object: unknown, type: unknown, newSco: boolean): { valid: boolean; errors: ErrorObject[] };
  /** How many schema patterns were handed to re2js because safe-regex2 flagged them. */
  unsafePatterns: string[];
}

function loadOracle(): Oracle {
  const unsafePatterns: string[] = [];
  // ajv keys compiled patterns by toString(): each wrapper must render its own pattern.
  const regExp = Object.assign((pattern: string, flags: string) => {
    if (safeRegex(pattern)) return new RegExp(pattern, flags);
    unsafePatterns.push(pattern);
    const re2 = RE2JS.compile(pattern);
    return { test: (text: string) => re2.test(text), toString: () => `/${pattern}/${flags} (re2js)` };
  }, { code: 'new RegExp' });
  // The schemas do not compile in unicode mode.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false, logger: false, code: { regExp } });
  addFormatsModule.default(ajv);
  const typeSchemas = new Map<string, string>();
  for (const folder of SCHEMA_FOLDERS) {
    const directory = sharedPath('conformance', 'stix2.1-schemas', 'schemas', folder);
    for (const file of readdirSync(directory)) {
      const schema = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as { $id: string };
      ajv.addSchema(schema, schema.$id);
      const type = file.replace(/\.json$/, '');
      if (folder !== 'common' || COMMON_OBJECT_SCHEMAS.has(type)) typeSchemas.set(type, schema.$id);
    }
  }
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (id: string): ValidateFunction => {
    let validate = compiled.get(id);
    if (validate === undefined) {
      validate = ajv.getSchema(id);
      assert.ok(validate, `schema ${id} is loaded`);
      compiled.set(id, validate);
    }
    return validate;
  };
  return {
    unsafePatterns,
    validate(object, type, newSco) {
      // Never through bundle.json (exponential pattern): each object by the schema of its type.
      const id = (typeof type === 'string' ? typeSchemas.get(type) : undefined)
        ?? `${SCHEMA_BASE}common/${newSco ? 'cyber-observable-core' : 'core'}.json`;
      const validate = validatorFor(id);
      const valid = validate(object) as boolean;
      return { valid, errors: valid ? [] : [...(validate.errors ?? [])] };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Comparing verdicts.

type Verdict =
  | { kind: 'agree' }
  | { kind: 'stricter'; rules: string[] }
  | { kind: 'disagree' };

function compare(object: unknown, ours: ValidationResult, schema: { valid: boolean; errors: ErrorObject[] }): Verdict {
  if (ours.valid === schema.valid) return { kind: 'agree' };
  if (!ours.valid) {
    const documented = ours.errors.every((problem) => {
      const entry = STRICTER_RULES[problem.rule];
      return entry !== undefined && (entry.appliesTo === undefined || entry.appliesTo(problem, object));
    });
    return documented ? { kind: 'stricter', rules: [...new Set(ours.errors.map((error) => error.rule))] } : { kind: 'disagree' };
  }
  // The schemas reject an object we accept: never expected on the corpus (see SCHEMA_STRICTER).
  return { kind: 'disagree' };
}

function newScoDeclared(object: unknown): boolean {
  const extensions = (object as { extensions?: unknown } | null)?.extensions;
  return typeof extensions === 'object' && extensions !== null
    && Object.values(extensions).some((extension) => (extension as { extension_type?: unknown } | null)?.extension_type === 'new-sco');
}

function formatSchemaErrors(errors: readonly ErrorObject[]): string {
  return errors.slice(0, 6).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`).join('; ');
}

function formatOurErrors(result: ValidationResult): string {
  return result.errors.map((error) => `${error.path} [${error.rule}] ${error.message}`).join('; ') || '(none)';
}

function formatVerdicts(ours: ValidationResult, schema: { valid: boolean; errors: ErrorObject[] }): string {
  const schemaVerdict = schema.valid ? 'valid' : `invalid (${formatSchemaErrors(schema.errors)})`;
  return `ours ${ours.valid ? 'valid' : `invalid (${formatOurErrors(ours)})`}; schema ${schemaVerdict}`;
}

// ---------------------------------------------------------------------------------------------
// The example corpus.

const CONFORMANCE = sharedPath('conformance');
const EXAMPLES = path.join(CONFORMANCE, 'stix2.1-examples');
const NOT_EXAMPLES = new Set(['expectations.json', 'index.json']);
/** The published TLP 1.0 and TLP 2.0 marking-definitions join the corpus. */
const MARKING_FILES = ['tlp1-marking-definitions.json', 'tlp2-marking-definitions.json'].map((file) => path.join(CONFORMANCE, 'markings', file));

interface ExampleFile {
  /** Relative to the conformance folder. */
  name: string;
  /** Undefined when the file is not JSON. */
  objects: unknown[] | undefined;
}

function exampleFiles(): ExampleFile[] {
  const paths: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const full = path.join(directory, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.json') && !NOT_EXAMPLES.has(entry)) paths.push(full);
    }
  };
  walk(EXAMPLES);
  return [...paths, ...MARKING_FILES].map((full) => ({ name: path.relative(CONFORMANCE, full), objects: objectsOf(full) }));
}

function objectsOf(file: string): unknown[] | undefined {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (Array.isArray(content)) return content;
  const bundle = content as { type?: unknown; objects?: unknown[] };
  return bundle.type === 'bundle' ? bundle.objects ?? [] : [content];
}

interface Expectation { file: string; valid: boolean; reason?: string }

function expectations(): Expectation[] {
  const data = JSON.parse(readFileSync(path.join(EXAMPLES, 'cti-stix-validator', 'expectations.json'), 'utf8')) as { cases: Expectation[] };
  return data.cases;
}

function idOf(object: unknown): string {
  const id = (object as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '(no id)';
}

function typeOf(object: unknown): unknown {
  return (object as { type?: unknown } | null)?.type;
}

// ---------------------------------------------------------------------------------------------
// Mutants of the valid examples: each breaks one thing the specification requires.

interface Mutant { mutation: string; object: unknown }
type JsonPath = readonly (string | number)[];

function setAt(object: unknown, at: JsonPath, value: unknown): unknown {
  const copy = structuredClone(object);
  let parent = copy as Record<string | number, unknown>;
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  parent[at.at(-1)!] = value;
  return copy;
}

function render(at: JsonPath): string {
  return at.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('').replace(/^\./, '');
}

/** Every value inside the object with its path (the object itself excluded). */
function* walk(value: unknown, at: JsonPath = []): Generator<{ at: JsonPath; value: unknown }> {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      yield { at: [...at, index], value: value[index] };
      yield* walk(value[index], [...at, index]);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      yield { at: [...at, key], value: child };
      yield* walk(child, [...at, key]);
    }
  }
}

/** A value of another JSON type. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return 'forty-two';
  if (typeof value === 'boolean') return 'true';
  if (Array.isArray(value)) return { item: 'x' };
  return ['x'];
}

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const IDENTIFIER_TEXT = /^[a-z][a-z0-9-]*--[0-9a-fA-F-]{36}$/;
/** Types a reference is pointed at to test its type restriction. */
const PROBE_TYPES = ['identity', 'marking-definition', 'relationship', 'observed-data', 'file', 'bundle', 'x-probe-type'];

function isReference(at: JsonPath, value: unknown): value is string {
  const last = at.at(-1);
  const owner = typeof last === 'number' ? at.at(-2) : last;
  const suffix = typeof last === 'number' ? '_refs' : '_ref';
  return typeof owner === 'string' && owner.endsWith(suffix) && typeof value === 'string' && IDENTIFIER_TEXT.test(value);
}

function* mutantsOf(object: Record<string, unknown>): Generator<Mutant> {
  // (a) each property removed in turn (a superset of "each required property").
  for (const key of Object.keys(object)) {
    const copy = structuredClone(object);
    delete copy[key];
    yield { mutation: `remove ${key}`, object: copy };
  }
  for (const { at, value } of walk(object)) {
    const where = render(at);
    // (b) each value, at any depth, replaced by a value of another JSON type.
    yield { mutation: `wrong type at ${where}`, object: setAt(object, at, wrongType(value)) };
    // (d) each timestamp malformed.
    if (typeof value === 'string' && TIMESTAMP_TEXT.test(value)) {
      yield { mutation: `timestamp month 13 at ${where}`, object: setAt(object, at, value.replace(/^(\d{4})-\d{2}/, '$1-13')) };
      yield { mutation: `timestamp without Z at ${where}`, object: setAt(object, at, value.slice(0, -1)) };
      yield { mutation: `timestamp with a space at ${where}`, object: setAt(object, at, value.replace('T', ' ')) };
      yield { mutation: `timestamp without fraction at ${where}`, object: setAt(object, at, value.replace(/\.\d+Z$/, 'Z')) };
    }
    // (e) each reference pointed at other types.
    if (where !== 'id' && isReference(at, value)) {
      const [type, uuid] = value.split('--') as [string, string];
      for (const probe of PROBE_TYPES.filter((candidate) => candidate !== type)) {
        yield { mutation: `reference to ${probe} at ${where}`, object: setAt(object, at, `${probe}--${uuid}`) };
      }
    }
  }
  // (c) a malformed id.
  const id = typeof object.id === 'string' ? object.id : '';
  const [type = '', uuid = ''] = id.split('--');
  yield { mutation: 'id without UUID', object: { ...object, id: `${type}--not-a-uuid` } };
  yield { mutation: 'id without type', object: { ...object, id: uuid } };
  yield { mutation: 'id of another type', object: { ...object, id: `x-other-type--${uuid}` } };
}

// ---------------------------------------------------------------------------------------------

const oracle = loadOracle();
const files = exampleFiles();

describe('STIX 2.1 validator against the OASIS schemas', () => {
  it('agrees with the schemas on every example object, except for documented differences', (t) => {
    const disagreements: string[] = [];
    let objects = 0;
    for (const file of files) {
      for (const object of file.objects ?? []) {
        objects++;
        const ours = validateObject(object);
        const schema = oracle.validate(object, typeOf(object), newScoDeclared(object));
        const verdict = compare(object, ours, schema);
        if (verdict.kind === 'disagree') {
          disagreements.push(`${file.name} ${idOf(object)}: ${formatVerdicts(ours, schema)}`);
        } else if (verdict.kind === 'stricter') {
          t.diagnostic(`${file.name} ${idOf(object)}: stricter (${verdict.rules.join(', ')})`);
        }
      }
    }
    t.diagnostic(`${objects} example objects in ${files.length} files; ${objects - disagreements.length} agree or differ only as documented`);
    t.diagnostic(`schema patterns run by re2js: ${oracle.unsafePatterns.length}`);
    for (const disagreement of disagreements) t.diagnostic(`DISAGREEMENT ${disagreement}`);
    assert.deepEqual(disagreements, []);
  });

  it('agrees with the schemas on mutants of the valid examples, except for documented differences', (t) => {
    const disagreements: string[] = [];
    const explained = new Map<string, number>();
    let originals = 0;
    let mutants = 0;
    let agreements = 0;
    // Whether the schemas restrict each reference property by target type (rejecting some probe type).
    const referenceRestricted = new Map<string, boolean>();
    for (const file of files) {
      for (const object of file.objects ?? []) {
        const type = typeOf(object);
        const newSco = newScoDeclared(object);
        // Mutate only objects both sides accept, so every verdict change comes from the mutation.
        if (!validateObject(object).valid || !oracle.validate(object, type, newSco).valid) continue;
        originals++;
        for (const mutant of mutantsOf(object as Record<string, unknown>)) {
          mutants++;
          const ours = validateObject(mutant.object);
          const schema = oracle.validate(mutant.object, type, newSco);
          const verdict = compare(mutant.object, ours, schema);
          if (verdict.kind === 'agree') {
            agreements++;
          } else if (verdict.kind === 'disagree') {
            disagreements.push(`${file.name} ${idOf(object)} [${mutant.mutation}]: ${formatVerdicts(ours, schema)}`);
          } else {
            const label = verdict.rules.join(', ');
            explained.set(label, (explained.get(label) ?? 0) + 1);
          }
          if (mutant.mutation.startsWith('reference to ')) {
            const property = `${String(type)} ${mutant.mutation.replace(/^reference to \S+ at /, '').replace(/\[\d+\]/g, '[]')}`;
            referenceRestricted.set(property, (referenceRestricted.get(property) ?? false) || !schema.valid);
          }
        }
      }
    }
    t.diagnostic(`${mutants} mutants of ${originals} objects: ${agreements} same verdict, ${[...explained.values()].reduce((sum, count) => sum + count, 0)} documented differences, ${disagreements.length} disagreements`);
    for (const [label, count] of [...explained].sort()) t.diagnostic(`  ${count} x stricter (${label})`);
    const [typed, untyped] = [true, false].map((restricted) => [...referenceRestricted]
      .filter(([, isRestricted]) => isRestricted === restricted).map(([property]) => property).sort().join(', '));
    t.diagnostic(`schemas restrict the target type of: ${typed}`);
    t.diagnostic(`schemas accept any target for: ${untyped}`);
    for (const disagreement of disagreements) t.diagnostic(`DISAGREEMENT ${disagreement}`);
    assert.deepEqual(disagreements, []);
  });

  it('finds the documented places where the schemas are stricter than STIX 2.1', () => {
    for (const { name, object } of SCHEMA_STRICTER) {
      assert.equal(oracle.validate(object, object.type, false).valid, false, `${name}: the schema rejects it`);
      assert.deepEqual(validateObject(object).errors, [], `${name}: STIX 2.1 allows it`);
    }
  });

  it('explains a difference only by a documented rule in its documented scope', () => {
    const vulnerability = { type: 'vulnerability', id: ID.vulnerability, ...VERSIONED, name: 'x' };
    const schemaAccepts = { valid: true, errors: [] };
    const ours = (rule: string, path: string): ValidationResult => ({ valid: false, errors: [{ path, rule, message: '' }], warnings: [] });
    assert.equal(compare(vulnerability, ours('reference-type', '$.created_by_ref'), schemaAccepts).kind, 'stricter');
    assert.equal(compare(vulnerability, ours('property-type', '$.name'), schemaAccepts).kind, 'disagree');
    assert.equal(compare(vulnerability, ours('required-property', '$.name'), schemaAccepts).kind, 'disagree');
    assert.equal(compare(vulnerability, { valid: true, errors: [], warnings: [] }, { valid: false, errors: [] }).kind, 'disagree');
  });

  it('honours expectations.json of the reference validator tests', () => {
    for (const expectation of expectations()) {
      const file = files.find((candidate) => candidate.name === path.join('stix2.1-examples', 'cti-stix-validator', expectation.file));
      assert.ok(file, `${expectation.file} is present`);
      if (expectation.reason?.startsWith('not JSON')) {
        assert.equal(file.objects, undefined, `${expectation.file} must fail to parse`);
        continue;
      }
      assert.ok(file.objects, `${expectation.file} parses`);
      for (const object of file.objects) {
        const result = validateObject(object);
        assert.equal(result.valid, expectation.valid, `${expectation.file}: ${formatOurErrors(result)}`);
      }
    }
  });

  for (const [file, count] of [['enterprise-attack.json.gz', 24_772], ['mobile-attack.json.gz', 2_536], ['ics-attack.json.gz', 1_826]] as const) {
    it(`accepts every object of the ATT&CK bundle ${file}`, (t) => {
      const bundle = JSON.parse(gunzipSync(readFileSync(sharedPath('datasets', file))).toString('utf8')) as { objects: unknown[] };
      assert.equal(bundle.objects.length, count);
      const invalid = bundle.objects
        .map((object) => ({ object, result: validateObject(object) }))
        .filter(({ result }) => !result.valid);
      for (const { object, result } of invalid.slice(0, 20)) t.diagnostic(`${idOf(object)}: ${formatOurErrors(result)}`);
      assert.equal(invalid.length, 0);
    });
  }
});
