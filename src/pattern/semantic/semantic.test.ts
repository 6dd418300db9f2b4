import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sharedPath } from '../../../test/support/shared.ts';
import type { StixVersion } from '../grammar.ts';
import { parsePattern } from '../parser.ts';
import { COMMON_SCO_PROPERTIES, SCO_DEFINITIONS, type PropertyTable, type PropertyType } from './sco-definitions.ts';

// ---- the table against the OASIS STIX 2.1 JSON schemas --------------------------------

/** What a schema says about one property, reduced to what the table records. */
type Shape =
  | { kind: 'scalar'; type: string } // string, integer, number, boolean, timestamp, binary, hex, identifier
  | { kind: 'hashes' | 'dictionary' | 'unknown' }
  | { kind: 'list'; items: Shape }
  | { kind: 'object'; properties: Map<string, Shape> };

type Schema = Record<string, unknown> & {
  $ref?: string; type?: string; items?: Schema; properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>; definitions?: Record<string, Schema>;
  allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[];
};

const schemaRoot = sharedPath('conformance', 'stix2.1-schemas', 'schemas');
const schemaFiles = new Map<string, Schema>();
const loadSchema = (file: string): Schema => {
  if (!schemaFiles.has(file)) schemaFiles.set(file, JSON.parse(readFileSync(file, 'utf8')) as Schema);
  return schemaFiles.get(file)!;
};

/** Common schemas that stand for one of the table's scalar or special types. */
const COMMON_TYPES: Record<string, Shape> = {
  'timestamp.json': { kind: 'scalar', type: 'timestamp' },
  'hex.json': { kind: 'scalar', type: 'hex' },
  'binary.json': { kind: 'scalar', type: 'binary' },
  'identifier.json': { kind: 'scalar', type: 'identifier' },
  'url-regex.json': { kind: 'scalar', type: 'string' },
  'hashes-type.json': { kind: 'hashes' },
  'dictionary.json': { kind: 'dictionary' },
  'properties.json': { kind: 'unknown' }, // the rules for custom properties
};

function merge(a: Shape, b: Shape): Shape {
  if (a.kind === 'unknown') return b;
  if (b.kind === 'unknown') return a;
  if (a.kind === 'object' && b.kind === 'object') {
    const properties = new Map(a.properties);
    for (const [name, shape] of b.properties) properties.set(name, properties.has(name) ? merge(properties.get(name)!, shape) : shape);
    return { kind: 'object', properties };
  }
  if (a.kind === 'object') return a; // an object that is also a dictionary: its named properties count
  if (b.kind === 'object') return b;
  if (a.kind === 'scalar' && b.kind === 'scalar' && a.type === 'string') return b; // e.g. `type: string` next to a timestamp $ref
  return a;
}

function shapeOf(node: Schema, file: string): Shape {
  let shape: Shape = { kind: 'unknown' };
  if (node.$ref) {
    const common = COMMON_TYPES[path.basename(node.$ref)];
    if (common) shape = common;
    else if (node.$ref.startsWith('#/definitions/')) shape = shapeOf(loadSchema(file).definitions![node.$ref.slice(14)]!, file);
    else {
      const target = path.resolve(path.dirname(file), node.$ref);
      shape = shapeOf(loadSchema(target), target);
    }
  }
  for (const part of [...(node.allOf ?? []), ...(node.oneOf ?? []), ...(node.anyOf ?? [])]) shape = merge(shape, shapeOf(part, file));
  if (node.type === 'array' && node.items) shape = merge(shape, { kind: 'list', items: shapeOf(node.items, file) });
  else if (typeof node.type === 'string' && node.type !== 'object') shape = merge(shape, { kind: 'scalar', type: node.type });
  if (node.properties) {
    const properties = new Map(Object.entries(node.properties).map(([name, value]) => [name, shapeOf(value, file)]));
    shape = merge(shape, { kind: 'object', properties });
  } else if (node.patternProperties && shape.kind === 'unknown') shape = { kind: 'dictionary' };
  return shape;
}

/** The predefined extensions a SCO schema names (`^name$` keys of its extensions dictionary). */
function schemaExtensions(file: string): Map<string, Shape> {
  const definitions = loadSchema(file).definitions ?? {};
  const dictionary = Object.entries(definitions).find(([name]) => name.endsWith('-extensions-dictionary'))?.[1];
  return new Map(Object.entries(dictionary?.patternProperties ?? {})
    .map(([pattern, value]) => [pattern.replace(/^\^|\$$/g, ''), shapeOf(value, file)]));
}

/** Table scalar types and the schema scalars they stand for. */
const SCALAR_MATCH: Record<string, readonly string[]> = {
  'string': ['string'],
  'identifier': ['identifier'],
  'ip-address': ['string'], // an IP address or CIDR in a string: the schema has no format for it
  'integer': ['integer'],
  'float': ['number'],
  'boolean': ['boolean'],
  'timestamp': ['timestamp'],
  'binary': ['binary'],
  'hex': ['hex'],
};

function compareType(type: PropertyType, shape: Shape, where: string, out: string[]): void {
  const schema = shape.kind === 'scalar' ? shape.type : shape.kind;
  const fail = () => out.push(`${where}: table ${JSON.stringify(type)}, schema ${schema}`);
  if (typeof type === 'string') {
    if (type === 'hashes') return void (shape.kind === 'hashes' || fail());
    if (!(shape.kind === 'scalar' && SCALAR_MATCH[type]?.includes(shape.type))) fail();
  } else if ('ref' in type) {
    // References are identifiers; the schemas type most as plain strings.
    if (!(shape.kind === 'scalar' && (shape.type === 'string' || shape.type === 'identifier'))) fail();
  } else if ('list' in type) {
    if (shape.kind === 'list') compareType(type.list, shape.items, `${where}[*]`, out);
    else fail();
  } else if ('dictionary' in type) {
    if (shape.kind !== 'dictionary') fail();
  } else if (shape.kind === 'object') compareTables(type.object, shape.properties, where, out);
  else fail();
}

function compareTables(table: PropertyTable, schema: ReadonlyMap<string, Shape>, where: string, out: string[]): void {
  for (const name of schema.keys()) if (!(name in table)) out.push(`${where}.${name}: in the schema, not in the table`);
  for (const [name, type] of Object.entries(table)) {
    const shape = schema.get(name);
    if (!shape) out.push(`${where}.${name}: in the table, not in the schema`);
    else if (type !== 'extensions') compareType(type, shape, `${where}.${name}`, out);
  }
}

/**
 * Deliberate differences between the table and the schemas: the table follows the
 * STIX 2.1 specification text where the schema is looser.
 */
const DELIBERATE_DIFFERENCES = [
  // STIX 2.1 §6.16.2 types gid as an integer; the schema allows any number.
  'user-account.extensions.unix-account-ext.gid: table "integer", schema number',
];

describe('SCO table against the OASIS STIX 2.1 JSON schemas', () => {
  const observables = path.join(schemaRoot, 'observables');
  const files = readdirSync(observables).filter((name) => name.endsWith('.json')).sort();

  it('has exactly the 18 SCOs the schemas define', () => {
    assert.equal(files.length, 18);
    assert.deepEqual(Object.keys(SCO_DEFINITIONS).sort(), files.map((name) => name.replace(/\.json$/, '')));
  });

  it('has every schema property with a compatible type, and no property the schemas lack', () => {
    const out: string[] = [];
    for (const name of files) {
      const file = path.join(observables, name);
      const type = name.replace(/\.json$/, '');
      const shape = shapeOf(loadSchema(file), file);
      assert.equal(shape.kind, 'object', type);
      if (shape.kind !== 'object') continue;
      const definition = SCO_DEFINITIONS[type]!;
      compareTables({ ...COMMON_SCO_PROPERTIES, ...definition.properties }, shape.properties, type, out);
      const extensions = Object.fromEntries(Object.entries(definition.extensions ?? {}).map(([n, t]) => [n, { object: t }]));
      compareTables(extensions, schemaExtensions(file), `${type}.extensions`, out);
    }
    assert.deepEqual(out, DELIBERATE_DIFFERENCES);
  });

  it('checks something: a wrong table entry would be caught', () => {
    const out: string[] = [];
    const file = path.join(observables, 'network-traffic.json');
    const shape = shapeOf(loadSchema(file), file);
    assert.ok(shape.kind === 'object');
    compareTables({ ...SCO_DEFINITIONS['network-traffic']!.properties, src_port: 'string', made_up: 'string' }, shape.properties, 'network-traffic', out);
    assert.ok(out.includes('network-traffic.src_port: table "string", schema integer'), out.join('\n'));
    assert.ok(out.includes('network-traffic.made_up: in the table, not in the schema'), out.join('\n'));
    // nested: an extension's sub-object
    const fileSchema = path.join(observables, 'file.json');
    const pe = SCO_DEFINITIONS.file!.extensions!['windows-pebinary-ext']!;
    const { magic_hex: _dropped, ...header } = (pe.optional_header as { object: PropertyTable }).object;
    compareTables({ 'windows-pebinary-ext': { object: { ...pe, optional_header: { object: header } } } }, schemaExtensions(fileSchema), 'file.extensions', out);
    assert.ok(out.includes('file.extensions.windows-pebinary-ext.optional_header.magic_hex: in the schema, not in the table'), out.join('\n'));
  });
});

// ---- the shared pattern cases ------------------------------------------------------------

interface PatternCase { id: string; pattern: string; stix_version: StixVersion }
const load = <T>(name: string): T => JSON.parse(readFileSync(sharedPath('conformance', 'stix-patterns', name), 'utf8')) as T;
const summary = (pattern: string, stixVersion: StixVersion): string[] =>
  parsePattern(pattern, { stixVersion }).warnings.map((w) => `${w.code} ${w.line}:${w.column} ${w.found}`);

/** Object types named in a pattern (`type:` before a property). */
const objectTypes = (pattern: string): string[] =>
  [...pattern.replace(/'(?:[^'\\]|\\.)*'/g, "''").matchAll(/([A-Za-z][\w-]*):(?=[A-Za-z_'])/g)].map((m) => m[1]!);

describe('semantic warnings on the shared validator cases', () => {
  const { cases } = load<{ cases: Array<PatternCase & { valid: boolean }> }>('validator-cases.json');
  const valid = cases.filter((c) => c.valid);
  const specOnly = valid.filter((c) => objectTypes(c.pattern).every((type) => type in SCO_DEFINITIONS));

  /**
   * The valid patterns over spec SCOs that still earn a warning, and why. Every
   * other valid pattern over spec SCOs must have none.
   */
  const EXPECTED: Record<string, string[]> = {
    // `file_name` is no File property (the upstream test uses a made-up name).
    v0105: ['PATTERN_UNKNOWN_PROPERTY 1:7 file_name'],
    // `extended_properties` is the pre-2.0 draft name of `extensions`.
    v0106: ['PATTERN_UNKNOWN_PROPERTY 1:7 extended_properties'],
    // The User Account object has no `value`.
    v0110: ['PATTERN_UNKNOWN_PROPERTY 1:15 value', 'PATTERN_UNKNOWN_PROPERTY 1:50 value', 'PATTERN_UNKNOWN_PROPERTY 1:85 value'],
    // `size` is an integer, compared with a string; `created` is the STIX 2.0 name of `ctime`.
    v0141: ["PATTERN_TYPE_MISMATCH 1:40 '371712'", 'PATTERN_UNKNOWN_PROPERTY 1:59 created'],
  };

  it('finds a sample worth checking', () => {
    assert.ok(specOnly.length >= 30, `only ${specOnly.length} valid spec-SCO patterns`);
    assert.ok(specOnly.some((c) => c.stix_version === '2.0') && specOnly.some((c) => c.stix_version === '2.1'));
  });

  it('warns on no valid pattern over spec SCOs except the listed ones', (t) => {
    const actual = Object.fromEntries(specOnly
      .map((c) => [c.id, summary(c.pattern, c.stix_version)] as const)
      .filter(([, warnings]) => warnings.length > 0));
    t.diagnostic(`${specOnly.length} valid patterns over spec SCOs; ${Object.keys(actual).length} with warnings`);
    assert.deepEqual(actual, EXPECTED);
  });

  it('flags each object type that is neither an SCO nor custom (x-…)', () => {
    for (const c of valid) {
      const unknown = objectTypes(c.pattern).filter((type) => !(type in SCO_DEFINITIONS) && !type.startsWith('x-'));
      const flagged = parsePattern(c.pattern, { stixVersion: c.stix_version }).warnings
        .filter((w) => w.code === 'PATTERN_UNKNOWN_OBJECT_TYPE').map((w) => w.found);
      assert.deepEqual(flagged, unknown, `${c.id} ${c.pattern}`);
    }
  });
});

describe('semantic warnings on the shared matcher cases', () => {
  it('no property or type warning: their objects are custom types or used as the spec defines them', () => {
    const { cases } = load<{ cases: Array<PatternCase & { expected: unknown }> }>('matcher-cases.json');
    const warned = cases.flatMap((c) => summary(c.pattern, c.stix_version)
      .filter((w) => !w.startsWith('PATTERN_UNKNOWN_OBJECT_TYPE')).map((w) => `${c.id} ${w}`));
    assert.deepEqual(warned, []);
  });
});

// ---- hand-written patterns ---------------------------------------------------------------

describe('semantic warnings', () => {
  // [pattern, code, line, column, found, message pattern]
  const bad: Array<[string, string, number, number, string, RegExp]> = [
    ["[indicator:name = 'x']", 'PATTERN_UNKNOWN_OBJECT_TYPE', 1, 2, 'indicator', /'indicator' is not a STIX 2.1 cyber-observable type/],
    ["[ipv4addr:value = '10.0.0.1']", 'PATTERN_UNKNOWN_OBJECT_TYPE', 1, 2, 'ipv4addr', /did you mean 'ipv4-addr'/],
    ["[file:filename = 'a.exe']", 'PATTERN_UNKNOWN_PROPERTY', 1, 7, 'filename', /file has no property 'filename' in STIX 2\.1 §6\.7; did you mean 'name'/],
    ["[process:arguments = 'x']", 'PATTERN_UNKNOWN_PROPERTY', 1, 10, 'arguments', /STIX 2\.0 property, called 'command_line' in STIX 2\.1/],
    ["[file:extensions.'ntfs-ext'.owner = 'x']", 'PATTERN_UNKNOWN_PROPERTY', 1, 29, 'owner', /file:extensions\.'ntfs-ext' has no property 'owner'.*its properties are sid, alternate_data_streams/],
    ["[file:extensions.'http-request-ext'.request_method = 'get']", 'PATTERN_UNKNOWN_PROPERTY', 1, 18, "'http-request-ext'", /not a predefined extension of file \(those are archive-ext, ntfs-ext/],
    ["[network-traffic:src_ref.name = 'x']", 'PATTERN_UNKNOWN_PROPERTY', 1, 26, 'name', /src_ref refers to ipv4-addr, ipv6-addr, mac-addr or domain-name, and none of them has property 'name'/],
    ["[email-message:to_refs.value = 'a@example.com']", 'PATTERN_UNKNOWN_PROPERTY', 1, 24, 'value', /to_refs is a list of reference to email-addr values; index it with \[\*\] or \[n\]/],
    ["[file:name[0] = 'x']", 'PATTERN_UNKNOWN_PROPERTY', 1, 11, '[0]', /file:name is a string, not a list/],
    ["[file:size.bytes = 1]", 'PATTERN_UNKNOWN_PROPERTY', 1, 12, 'bytes', /file:size is an integer and has no property 'bytes'/],
    ["[file:hashes.sha256 = 'x']", 'PATTERN_UNKNOWN_PROPERTY', 1, 14, 'sha256', /use 'SHA-256' \(keys are case-sensitive\)/],
    ["[network-traffic:src_port = '80']", 'PATTERN_TYPE_MISMATCH', 1, 29, "'80'", /network-traffic:src_port is an integer; the string '80' can never equal it/],
    ["[network-traffic:src_port > 'x']", 'PATTERN_TYPE_MISMATCH', 1, 29, "'x'", /can never be ordered against it/],
    ['[file:name = 5]', 'PATTERN_TYPE_MISMATCH', 1, 14, '5', /file:name is a string; the integer 5 can never equal it/],
    ["[file:name = t'2020-01-01T00:00:00Z']", 'PATTERN_TYPE_MISMATCH', 1, 14, "t'2020-01-01T00:00:00Z'", /not a timestamp; comparing it with t'2020-01-01T00:00:00Z' fails at match time/],
    ['[file:size = true]', 'PATTERN_TYPE_MISMATCH', 1, 14, 'true', /the boolean true can never equal it/],
    ["[process:is_hidden = 'yes']", 'PATTERN_TYPE_MISMATCH', 1, 22, "'yes'", /process:is_hidden is a boolean/],
    ['[network-traffic:dst_port = 80.5]', 'PATTERN_TYPE_MISMATCH', 1, 29, '80.5', /the number 80\.5 can never equal it/],
    ["[file:name ISSUBSET '10.0.0.0/8']", 'PATTERN_TYPE_MISMATCH', 1, 21, "'10.0.0.0/8'", /file:name is a string, not an IP address; ISSUBSET compares IP addresses/],
    ["[file:size LIKE '1%']", 'PATTERN_TYPE_MISMATCH', 1, 17, "'1%'", /file:size is an integer; LIKE only applies to strings/],
    ["[network-traffic:protocols = 'tcp']", 'PATTERN_TYPE_MISMATCH', 1, 30, "'tcp'", /protocols is a list of string values; compare its elements with network-traffic:protocols\[\*\]/],
    ["[file:hashes = 'abc']", 'PATTERN_TYPE_MISMATCH', 1, 16, "'abc'", /file:hashes is a hashes dictionary; compare one of its entries/],
    ["[domain-name:resolves_to_refs[*].value = 5]", 'PATTERN_TYPE_MISMATCH', 1, 42, '5', /resolves_to_refs\[\*\]\.value is a string or an IP address/],
  ];
  for (const [pattern, code, line, column, found, message] of bad) {
    it(`${code} for ${pattern}`, () => {
      const result = parsePattern(pattern);
      assert.equal(result.ok, true, 'warnings never make a pattern invalid');
      assert.equal(result.warnings.length, 1, result.warnings.map((w) => w.message).join('\n'));
      const [warning] = result.warnings;
      assert.deepEqual([warning!.code, warning!.line, warning!.column, warning!.found], [code, line, column, found]);
      assert.match(warning!.message, message);
    });
  }

  const good: string[] = [
    "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
    "[file:hashes.'x-custom-hash' = 'abc']", // custom hash algorithms are allowed
    "[x-usb-device:serial = 1]", // custom object type
    "[file:x_owner = 'me' AND file:x_meta.anything[0].deep = 1]", // custom properties, not followed further
    "[file:extensions.'x-acme-ext'.anything = 1]",
    "[file:extensions.'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e'.rank = 5]",
    "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
    "[file:extensions.'windows-pebinary-ext'.optional_header.hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4']",
    "[network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24' AND network-traffic:dst_port = 443]",
    "[network-traffic:protocols[*] = 'tcp' AND network-traffic:extensions.'tcp-ext'.src_flags_hex = h'02']",
    "[email-message:from_ref.value MATCHES '@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name LIKE '%.exe']",
    "[process:parent_ref.image_ref.name = 'cmd.exe' AND process:opened_connection_refs[*].dst_port = 4444]",
    "[file:contains_refs[*].anything = 1]", // contains_refs may refer to any SCO
    "[artifact:payload_bin = b'dGVzdA==' OR file:name = h'616263' OR file:magic_number_hex = h'ffd8']",
    "[user-account:account_created > t'2020-01-01T00:00:00Z' AND user-account:account_created < '2021']",
    '[network-traffic:src_byte_count > 1.5 AND network-traffic:src_port IN (80, 443)]',
    "[EXISTS windows-registry-key:values[*].data_type AND ipv6-addr:value ISSUPERSET '2001:db8::1']",
    "[file:id = 'file--5e0f3b86-0c5c-4e4f-8e38-24a5a7df0b3c' AND file:defanged = false AND file:granular_markings[0].marking_ref = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82']",
    "[x509-certificate:x509_v3_extensions.private_key_usage_period_not_before < t'2020-01-01T00:00:00Z']",
  ];
  for (const pattern of good) {
    it(`no warning for ${pattern}`, () => {
      assert.deepEqual(parsePattern(pattern).warnings.map((w) => w.message), []);
    });
  }

  it('in STIX 2.0 mode checks object types only (2.0 properties differ from the 2.1 table)', () => {
    assert.deepEqual(summary("[file:created = '2016-01-01T00:00:00Z' AND process:name = 'x']", '2.0'), []);
    assert.deepEqual(summary("[win-registry-key:key = 'x']", '2.0'), ['PATTERN_UNKNOWN_OBJECT_TYPE 1:2 win-registry-key']);
  });

  it('reports every warning of a pattern, on the right line, in source order', () => {
    const result = parsePattern("[file:name = 1]\nAND [file:nme = 'a'\n  OR foo:bar = 2]");
    assert.deepEqual(result.warnings.map((w) => `${w.code} ${w.line}:${w.column} ${w.found}`), [
      'PATTERN_TYPE_MISMATCH 1:14 1',
      'PATTERN_UNKNOWN_PROPERTY 2:11 nme',
      'PATTERN_UNKNOWN_OBJECT_TYPE 3:6 foo',
    ]);
  });

  it('warns on each set member that cannot match, and not on a pattern with errors', () => {
    assert.deepEqual(summary("[file:size IN (1, 'two', 3)]", '2.1'), ["PATTERN_TYPE_MISMATCH 1:19 'two'"]);
    const broken = parsePattern('[foo:bar = ]');
    assert.equal(broken.ok, false);
    assert.deepEqual(broken.warnings, []);
  });
});
