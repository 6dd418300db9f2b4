import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCO_TYPES, SDO_TYPES, SMO_TYPES, SRO_TYPES } from './object-categories.ts';
import { TYPE_SPECS } from './type-registry.ts';
import { parseSelector, resolveSelector, validateObject, type ValidationResult } from './index.ts';

type Json = Record<string, unknown>;

const UUID = '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const T = '2016-04-06T20:03:48.000Z';
const LATER = '2016-05-01T00:00:00.000Z';
const IDENTITY = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const MARKING = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const EXT_DEF = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const ref = (type: string): string => `${type}--${UUID}`;

function sdo(type: string, properties: Json): Json {
  return { type, spec_version: '2.1', id: ref(type), created: T, modified: T, ...properties };
}

function sco(type: string, properties: Json): Json {
  return { type, spec_version: '2.1', id: ref(type), ...properties };
}

/** A minimal valid object of every type STIX 2.1 defines. */
const VALID: Readonly<Record<string, Json>> = {
  'attack-pattern': sdo('attack-pattern', { name: 'Spear Phishing' }),
  campaign: sdo('campaign', { name: 'Operation Dream Job', first_seen: T, last_seen: LATER }),
  'course-of-action': sdo('course-of-action', { name: 'Block the port' }),
  grouping: sdo('grouping', { context: 'suspicious-activity', object_refs: [ref('indicator')] }),
  identity: sdo('identity', { name: 'ACME', identity_class: 'organization', sectors: ['technology'] }),
  incident: sdo('incident', { name: 'FUBAR' }),
  indicator: sdo('indicator', { pattern: "[ipv4-addr:value = '10.0.0.1']", pattern_type: 'stix', valid_from: T, indicator_types: ['malicious-activity'] }),
  infrastructure: sdo('infrastructure', { name: 'C2', infrastructure_types: ['command-and-control'] }),
  'intrusion-set': sdo('intrusion-set', { name: 'Bobcat', primary_motivation: 'ideology' }),
  location: sdo('location', { region: 'south-eastern-asia', country: 'th' }),
  malware: sdo('malware', { name: 'Cryptolocker', is_family: true, malware_types: ['ransomware'] }),
  'malware-analysis': sdo('malware-analysis', { product: 'acme-sandbox', result: 'malicious' }),
  note: sdo('note', { content: 'Seen on a forum', object_refs: [ref('campaign')] }),
  'observed-data': sdo('observed-data', { first_observed: T, last_observed: T, number_observed: 1, object_refs: [ref('ipv4-addr')] }),
  opinion: sdo('opinion', { opinion: 'agree', object_refs: [ref('indicator')] }),
  report: sdo('report', { name: 'Black Vine', published: T, object_refs: [ref('campaign')] }),
  'threat-actor': sdo('threat-actor', { name: 'Evil Org', threat_actor_types: ['crime-syndicate'] }),
  tool: sdo('tool', { name: 'VNC', tool_types: ['remote-access'] }),
  vulnerability: sdo('vulnerability', { name: 'CVE-2016-1234', external_references: [{ source_name: 'cve', external_id: 'CVE-2016-1234' }] }),
  relationship: sdo('relationship', { relationship_type: 'uses', source_ref: ref('intrusion-set'), target_ref: ref('malware') }),
  sighting: sdo('sighting', { sighting_of_ref: ref('indicator'), where_sighted_refs: [IDENTITY], observed_data_refs: [ref('observed-data')] }),
  artifact: sco('artifact', { mime_type: 'image/png', payload_bin: 'aGVsbG8=' }),
  'autonomous-system': sco('autonomous-system', { number: 15139 }),
  directory: sco('directory', { path: 'C:\\Windows' }),
  'domain-name': sco('domain-name', { value: 'example.com', resolves_to_refs: [ref('ipv4-addr')] }),
  'email-addr': sco('email-addr', { value: 'jdoe@example.com' }),
  'email-message': sco('email-message', { is_multipart: false, from_ref: ref('email-addr'), body: 'Hello' }),
  file: sco('file', { name: 'foo.dll', hashes: { 'SHA-256': 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' } }),
  'ipv4-addr': sco('ipv4-addr', { value: '198.51.100.0/24' }),
  'ipv6-addr': sco('ipv6-addr', { value: '2001:db8::/96' }),
  'mac-addr': sco('mac-addr', { value: 'd2:fb:49:24:37:18' }),
  mutex: sco('mutex', { name: '__CLEANSWEEP__' }),
  'network-traffic': sco('network-traffic', { src_ref: ref('ipv4-addr'), protocols: ['tcp'], src_port: 80, start: T, end: LATER }),
  process: sco('process', { pid: 314 }),
  software: sco('software', { name: 'Word', cpe: 'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*', languages: ['en'] }),
  url: sco('url', { value: 'https://example.com/index.html' }),
  'user-account': sco('user-account', { user_id: '1001', account_type: 'unix' }),
  'windows-registry-key': sco('windows-registry-key', { key: 'HKEY_LOCAL_MACHINE\\System\\Foo', values: [{ name: 'Foo', data_type: 'REG_SZ' }] }),
  'x509-certificate': sco('x509-certificate', { serial_number: '36:f7:d4:32' }),
  'language-content': sdo('language-content', { object_ref: ref('campaign'), contents: { de: { name: 'Bank Angriff' } } }),
  'marking-definition': { type: 'marking-definition', spec_version: '2.1', id: ref('marking-definition'), created: T, definition_type: 'statement', definition: { statement: 'Copyright 2016' } },
  'extension-definition': sdo('extension-definition', { created_by_ref: IDENTITY, name: 'Ext', schema: 'https://example.com/schema', version: '1.0.0', extension_types: ['property-extension'] }),
};

/** A copy of a valid object with some properties replaced; `undefined` removes a property. */
function variant(type: string, changes: Json): Json {
  const copy: Json = { ...structuredClone(VALID[type]!), ...structuredClone(changes) };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete copy[name];
  return copy;
}

function describeProblems(result: ValidationResult): string {
  return JSON.stringify([...result.errors, ...result.warnings].map(({ path, rule }) => `${path} ${rule}`));
}

/** Rows of [what, object, expected error rule, at path]. */
const ERRORS: readonly [string, unknown, string, string][] = [
  ['not an object', ['identity'], 'not-an-object', '$'],
  ['missing type', variant('identity', { type: undefined }), 'required-property', '$.type'],
  ['malformed type name', variant('identity', { type: 'Identity' }), 'type-name', '$.type'],
  ['bundle as object', { type: 'bundle', id: ref('bundle') }, 'type-name', '$.type'],
  ['missing id', variant('identity', { id: undefined }), 'required-property', '$.id'],
  ['id without UUID', variant('identity', { id: 'identity--1234' }), 'identifier-format', '$.id'],
  ['id of another type', variant('identity', { id: ref('campaign') }), 'identifier-type', '$.id'],
  ['missing spec_version on an SDO', variant('identity', { spec_version: undefined }), 'required-property', '$.spec_version'],
  ['spec_version 2.0', variant('identity', { spec_version: '2.0' }), 'spec-version', '$.spec_version'],
  ['missing required property', variant('identity', { name: undefined }), 'required-property', '$.name'],
  ['string expected', variant('identity', { name: 42 }), 'property-type', '$.name'],
  ['null value', variant('identity', { description: null }), 'property-type', '$.description'],
  ['empty list', variant('identity', { labels: [] }), 'empty-value', '$.labels'],
  ['list item of wrong type', variant('identity', { labels: ['a', 7] }), 'property-type', '$.labels[1]'],
  ['boolean expected', variant('identity', { revoked: 'yes' }), 'property-type', '$.revoked'],
  ['integer expected', variant('identity', { confidence: 50.5 }), 'property-type', '$.confidence'],
  ['confidence out of range', variant('identity', { confidence: 101 }), 'value-range', '$.confidence'],
  ['created without milliseconds', variant('identity', { created: '2016-04-06T20:03:48Z' }), 'timestamp-precision', '$.created'],
  ['malformed timestamp', variant('campaign', { first_seen: '2016-13-01T00:00:00Z' }), 'timestamp-format', '$.first_seen'],
  ['timestamp with offset', variant('campaign', { first_seen: '2016-01-01T00:00:00+01:00' }), 'timestamp-format', '$.first_seen'],
  ['modified before created', variant('identity', { modified: '2015-01-01T00:00:00.000Z' }), 'modified-before-created', '$.modified'],
  ['last_seen before first_seen', variant('campaign', { last_seen: '2015-01-01T00:00:00Z' }), 'timestamp-order', '$.last_seen'],
  ['valid_until equal to valid_from', variant('indicator', { valid_until: T }), 'timestamp-order', '$.valid_until'],
  ['stop_time before start_time', variant('relationship', { start_time: LATER, stop_time: T }), 'timestamp-order', '$.stop_time'],
  ['last_observed before first_observed', variant('observed-data', { first_observed: LATER }), 'timestamp-order', '$.last_observed'],
  ['end before start', variant('network-traffic', { end: '2015-01-01T00:00:00Z' }), 'timestamp-order', '$.end'],
  ['created_by_ref to a tool', variant('identity', { created_by_ref: ref('tool') }), 'reference-type', '$.created_by_ref'],
  ['object_marking_refs to an identity', variant('identity', { object_marking_refs: [IDENTITY] }), 'reference-type', '$.object_marking_refs[0]'],
  ['malformed reference', variant('identity', { created_by_ref: 'identity--xyz' }), 'identifier-format', '$.created_by_ref'],
  ['relationship to a relationship', variant('relationship', { target_ref: ref('relationship') }), 'reference-type', '$.target_ref'],
  ['relationship from a marking-definition', variant('relationship', { source_ref: MARKING }), 'reference-type', '$.source_ref'],
  ['sighting of an SCO', variant('sighting', { sighting_of_ref: ref('file') }), 'reference-type', '$.sighting_of_ref'],
  ['sighting where_sighted_refs to a tool', variant('sighting', { where_sighted_refs: [ref('tool')] }), 'reference-type', '$.where_sighted_refs[0]'],
  ['sighting observed_data_refs to an indicator', variant('sighting', { observed_data_refs: [ref('indicator')] }), 'reference-type', '$.observed_data_refs[0]'],
  ['sighting count negative', variant('sighting', { count: -1 }), 'value-range', '$.count'],
  ['report object_refs to a bundle', variant('report', { object_refs: [ref('bundle')] }), 'reference-type', '$.object_refs[0]'],
  ['observed-data object_refs to an SDO', variant('observed-data', { object_refs: [ref('indicator')] }), 'reference-type', '$.object_refs[0]'],
  ['observed-data with neither objects nor object_refs', variant('observed-data', { object_refs: undefined }), 'exactly-one-of', '$'],
  ['observed-data number_observed 0', variant('observed-data', { number_observed: 0 }), 'value-range', '$.number_observed'],
  ['opinion outside the enumeration', variant('opinion', { opinion: 'meh' }), 'enumeration', '$.opinion'],
  ['indicator without pattern_type', variant('indicator', { pattern_type: undefined }), 'required-property', '$.pattern_type'],
  ['location with only a city', variant('location', { region: undefined, country: undefined, city: 'Tak' }), 'at-least-one-of', '$'],
  ['location latitude without longitude', variant('location', { latitude: 10 }), 'property-dependency', '$.latitude'],
  ['location precision without coordinates', variant('location', { precision: 10 }), 'property-dependency', '$.precision'],
  ['location latitude out of range', variant('location', { latitude: 91, longitude: 0 }), 'value-range', '$.latitude'],
  ['malware family without name', variant('malware', { name: undefined }), 'required-property', '$.name'],
  ['malware without is_family', variant('malware', { is_family: undefined }), 'required-property', '$.is_family'],
  ['malware sample_refs to an ipv4-addr', variant('malware', { sample_refs: [ref('ipv4-addr')] }), 'reference-type', '$.sample_refs[0]'],
  ['malware-analysis without result or analysis_sco_refs', variant('malware-analysis', { result: undefined }), 'at-least-one-of', '$'],
  ['malware-analysis sample_ref to a mutex', variant('malware-analysis', { sample_ref: ref('mutex') }), 'reference-type', '$.sample_ref'],
  ['grouping without context', variant('grouping', { context: undefined }), 'required-property', '$.context'],
  ['relationship_type with capitals', variant('relationship', { relationship_type: 'Uses' }), 'value-format', '$.relationship_type'],
  ['external reference without description, url or id', variant('identity', { external_references: [{ source_name: 'acme' }] }), 'at-least-one-of', '$.external_references[0]'],
  ['external reference without source_name', variant('identity', { external_references: [{ url: 'https://example.com' }] }), 'required-property', '$.external_references[0].source_name'],
  ['malformed CVE id', variant('vulnerability', { external_references: [{ source_name: 'cve', external_id: 'CVE-16-1' }] }), 'value-format', '$.external_references[0].external_id'],
  ['malformed CAPEC id', variant('attack-pattern', { external_references: [{ source_name: 'capec', external_id: '163' }] }), 'value-format', '$.external_references[0].external_id'],
  ['external reference hash outside the vocabulary', variant('identity', { external_references: [{ source_name: 'acme', url: 'https://example.com', hashes: { SHA2: 'ab' } }] }), 'hash-algorithm', '$.external_references[0].hashes.SHA2'],
  ['malformed url', variant('identity', { external_references: [{ source_name: 'acme', url: 'not a url' }] }), 'value-format', '$.external_references[0].url'],
  ['kill chain phase without phase_name', variant('tool', { kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain' }] }), 'required-property', '$.kill_chain_phases[0].phase_name'],
  ['malformed lang', variant('identity', { lang: 'english language' }), 'value-format', '$.lang'],
  ['reserved property', variant('course-of-action', { action: 'block' }), 'reserved-property', '$.action'],
  ['defanged on an SDO', variant('identity', { defanged: true }), 'not-applicable-property', '$.defanged'],
  ['malformed custom property name', variant('identity', { 'X-Foo': 1 }), 'property-name', '$["X-Foo"]'],
  ['custom _hex property that is not hex', variant('identity', { x_acme_hex: 'xyz' }), 'value-format', '$.x_acme_hex'],
  ['custom _bin property that is not base64', variant('identity', { x_acme_bin: '***' }), 'value-format', '$.x_acme_bin'],
  ['granular marking selector to nothing', variant('identity', { granular_markings: [{ marking_ref: MARKING, selectors: ['description'] }] }), 'selector-unresolved', '$.granular_markings[0].selectors[0]'],
  ['granular marking selector past a list', variant('identity', { labels: ['a'], granular_markings: [{ marking_ref: MARKING, selectors: ['labels.[1]'] }] }), 'selector-unresolved', '$.granular_markings[0].selectors[0]'],
  ['granular marking selector syntax', variant('identity', { granular_markings: [{ marking_ref: MARKING, selectors: ['name..x'] }] }), 'selector-syntax', '$.granular_markings[0].selectors[0]'],
  ['granular marking with lang and marking_ref', variant('identity', { granular_markings: [{ marking_ref: MARKING, lang: 'de', selectors: ['name'] }] }), 'exactly-one-of', '$.granular_markings[0]'],
  ['granular marking_ref to an identity', variant('identity', { granular_markings: [{ marking_ref: IDENTITY, selectors: ['name'] }] }), 'reference-type', '$.granular_markings[0].marking_ref'],
  ['extensions key that is neither', variant('identity', { extensions: { acme: { x_value: 1 } } }), 'extension-key', '$.extensions.acme'],
  ['extension without extension_type', variant('identity', { extensions: { [EXT_DEF]: { rank: 5 } } }), 'required-property', `$.extensions["${EXT_DEF}"].extension_type`],
  ['extension_type outside the enumeration', variant('identity', { extensions: { [EXT_DEF]: { extension_type: 'new-thing' } } }), 'enumeration', `$.extensions["${EXT_DEF}"].extension_type`],
  ['empty extension', variant('identity', { extensions: { [EXT_DEF]: {} } }), 'property-type', `$.extensions["${EXT_DEF}"]`],
  ['extension-definition id that is not one', variant('identity', { extensions: { 'extension-definition--1234': { extension_type: 'property-extension' } } }), 'extension-key', '$.extensions["extension-definition--1234"]'],
  ['extension-definition without created_by_ref', variant('extension-definition', { created_by_ref: undefined }), 'required-property', '$.created_by_ref'],
  ['extension_properties without toplevel-property-extension', variant('extension-definition', { extension_properties: ['rank'] }), 'property-dependency', '$.extension_properties'],
  ['extension_types outside the enumeration', variant('extension-definition', { extension_types: ['new-thing'] }), 'enumeration', '$.extension_types[0]'],
  ['marking-definition without definition or extensions', variant('marking-definition', { definition: undefined }), 'required-property', '$.definition'],
  ['statement marking without statement', variant('marking-definition', { definition: { text: 'Copyright' } }), 'required-property', '$.definition.statement'],
  ['TLP 1.0 marking that is not predefined', variant('marking-definition', { definition_type: 'tlp', definition: { tlp: 'green' } }), 'tlp-marking', '$.id'],
  ['TLP 1.0 marking with the wrong level', { type: 'marking-definition', spec_version: '2.1', id: MARKING, created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', name: 'TLP:GREEN', definition: { tlp: 'red' } }, 'tlp-marking', '$.definition.tlp'],
  ['TLP 2.0 marking with an unknown level', variant('marking-definition', { definition_type: undefined, definition: undefined, extensions: { [EXT_DEF]: { extension_type: 'property-extension', tlp_2_0: 'purple' } } }), 'tlp-marking', `$.extensions["${EXT_DEF}"].tlp_2_0`],
  ['marking-definition marking itself', variant('marking-definition', { object_marking_refs: [ref('marking-definition')] }), 'circular-marking', '$.object_marking_refs[0]'],
  ['language-content without contents', variant('language-content', { contents: undefined }), 'required-property', '$.contents'],
  ['language-content key that is not a language', variant('language-content', { contents: { 'not a language!': { name: 'x' } } }), 'value-format', '$.contents["not a language!"]'],
  ['language-content contents value that is a list', variant('language-content', { contents: { de: ['x'] } }), 'property-type', '$.contents.de'],
  ['artifact with payload_bin and url', variant('artifact', { url: 'https://example.com/a', hashes: { MD5: '3773a88f65a5e780c8dff9cdc3a056f3' } }), 'exactly-one-of', '$'],
  ['artifact url without hashes', variant('artifact', { payload_bin: undefined, url: 'https://example.com/a' }), 'property-dependency', '$.url'],
  ['artifact decryption_key without encryption_algorithm', variant('artifact', { decryption_key: 'secret' }), 'property-dependency', '$.decryption_key'],
  ['artifact encryption_algorithm outside the enumeration', variant('artifact', { encryption_algorithm: 'ROT13' }), 'enumeration', '$.encryption_algorithm'],
  ['artifact payload_bin that is not base64', variant('artifact', { payload_bin: 'aGVsbG8' }), 'value-format', '$.payload_bin'],
  ['SHA-256 of the wrong length', variant('file', { hashes: { 'SHA-256': 'abcd' } }), 'value-format', '$.hashes["SHA-256"]'],
  ['empty hashes', variant('file', { hashes: {} }), 'empty-value', '$.hashes'],
  ['hash algorithm name too short', variant('file', { hashes: { MD: 'ab' } }), 'dictionary-key', '$.hashes.MD'],
  ['dictionary key with a space', variant('network-traffic', { ipfix: { 'octet count': 32 } }), 'dictionary-key', '$.ipfix["octet count"]'],
  ['empty dictionary', variant('network-traffic', { ipfix: {} }), 'empty-value', '$.ipfix'],
  ['file without hashes or name', variant('file', { hashes: undefined, name: undefined, size: 1 }), 'at-least-one-of', '$'],
  ['file size negative', variant('file', { size: -1 }), 'value-range', '$.size'],
  ['file name_enc without name', variant('file', { name: undefined, name_enc: 'windows-1252' }), 'property-dependency', '$.name_enc'],
  ['file magic_number_hex of odd length', variant('file', { magic_number_hex: 'abc' }), 'value-format', '$.magic_number_hex'],
  ['file parent_directory_ref to a file', variant('file', { parent_directory_ref: ref('file') }), 'reference-type', '$.parent_directory_ref'],
  ['ntfs-ext without properties', variant('file', { extensions: { 'ntfs-ext': { x_other: 1 } } }), 'at-least-one-of', '$.extensions["ntfs-ext"]'],
  ['archive-ext without contains_refs', variant('file', { extensions: { 'archive-ext': { comment: 'zip' } } }), 'required-property', '$.extensions["archive-ext"].contains_refs'],
  ['windows-pebinary-ext with only pe_type', variant('file', { extensions: { 'windows-pebinary-ext': { pe_type: 'exe' } } }), 'at-least-one-of', '$.extensions["windows-pebinary-ext"]'],
  ['windows-pebinary-ext time_date_stamp with fractions', variant('file', { extensions: { 'windows-pebinary-ext': { pe_type: 'exe', time_date_stamp: T } } }), 'timestamp-precision', '$.extensions["windows-pebinary-ext"].time_date_stamp'],
  ['raster-image-ext exif tag of wrong type', variant('file', { extensions: { 'raster-image-ext': { exif_tags: { Make: true } } } }), 'property-type', '$.extensions["raster-image-ext"].exif_tags.Make'],
  ['malformed ipv4 address', variant('ipv4-addr', { value: '256.1.1.1' }), 'value-format', '$.value'],
  ['ipv4 resolves_to_refs to a domain-name', variant('ipv4-addr', { resolves_to_refs: [ref('domain-name')] }), 'reference-type', '$.resolves_to_refs[0]'],
  ['malformed ipv6 address', variant('ipv6-addr', { value: '2001:db8::g' }), 'value-format', '$.value'],
  ['uppercase MAC address', variant('mac-addr', { value: 'D2:FB:49:24:37:18' }), 'value-format', '$.value'],
  ['domain name with a space', variant('domain-name', { value: 'exa mple.com' }), 'value-format', '$.value'],
  ['email address with display name', variant('email-addr', { value: 'John <jdoe@example.com>' }), 'value-format', '$.value'],
  ['email-message body while multipart', variant('email-message', { is_multipart: true }), 'property-dependency', '$.body'],
  ['email-message from_ref to an identity', variant('email-message', { from_ref: IDENTITY }), 'reference-type', '$.from_ref'],
  ['MIME part without body or body_raw_ref', variant('email-message', { is_multipart: true, body: undefined, body_multipart: [{ content_type: 'text/plain' }] }), 'at-least-one-of', '$.body_multipart[0]'],
  ['network-traffic without src_ref or dst_ref', variant('network-traffic', { src_ref: undefined }), 'at-least-one-of', '$'],
  ['network-traffic without protocols', variant('network-traffic', { protocols: undefined }), 'required-property', '$.protocols'],
  ['network-traffic active with an end', variant('network-traffic', { is_active: true }), 'property-dependency', '$.end'],
  ['network-traffic port out of range', variant('network-traffic', { src_port: 70000 }), 'value-range', '$.src_port'],
  ['network-traffic src_ref to a url', variant('network-traffic', { src_ref: ref('url') }), 'reference-type', '$.src_ref'],
  ['socket-ext address family outside the enumeration', variant('network-traffic', { extensions: { 'socket-ext': { address_family: 'AF_FOO' } } }), 'enumeration', '$.extensions["socket-ext"].address_family'],
  ['http-request-ext without request_value', variant('network-traffic', { extensions: { 'http-request-ext': { request_method: 'get' } } }), 'required-property', '$.extensions["http-request-ext"].request_value'],
  ['icmp-ext type that is not hex', variant('network-traffic', { extensions: { 'icmp-ext': { icmp_type_hex: 'zz', icmp_code_hex: '00' } } }), 'value-format', '$.extensions["icmp-ext"].icmp_type_hex'],
  ['process without properties', { type: 'process', spec_version: '2.1', id: ref('process') }, 'at-least-one-of', '$'],
  ['process parent_ref to a file', variant('process', { parent_ref: ref('file') }), 'reference-type', '$.parent_ref'],
  ['windows-service-ext start_type outside the enumeration', variant('process', { extensions: { 'windows-service-ext': { start_type: 'SOMETIMES' } } }), 'enumeration', '$.extensions["windows-service-ext"].start_type'],
  ['software cpe that is not CPE 2.3', variant('software', { cpe: 'cpe:/a:microsoft:word:2000' }), 'value-format', '$.cpe'],
  ['url without scheme', variant('url', { value: 'example.com/index.html' }), 'value-format', '$.value'],
  ['user-account without properties', { type: 'user-account', id: ref('user-account') }, 'at-least-one-of', '$'],
  ['registry key with an abbreviated hive', variant('windows-registry-key', { key: 'HKLM\\System\\Foo' }), 'value-format', '$.key'],
  ['registry value data_type outside the enumeration', variant('windows-registry-key', { values: [{ name: 'Foo', data_type: 'REG_FOO' }] }), 'enumeration', '$.values[0].data_type'],
  ['registry value without properties', variant('windows-registry-key', { values: [{}] }), 'at-least-one-of', '$.values[0]'],
  ['x509 certificate without properties', { type: 'x509-certificate', id: ref('x509-certificate') }, 'at-least-one-of', '$'],
  ['custom type without created', { type: 'x-acme-widget', spec_version: '2.1', id: ref('x-acme-widget'), modified: T }, 'required-property', '$.created'],
  ['container holding an SDO', variant('observed-data', { object_refs: undefined, objects: { 0: VALID.identity } }), 'container-object', '$.objects["0"].type'],
  ['container reference to a missing key', variant('observed-data', { object_refs: undefined, objects: { 0: { type: 'network-traffic', dst_ref: '5', protocols: ['tcp'] } } }), 'identifier-format', '$.objects["0"].dst_ref'],
  ['container reference that names no key', variant('observed-data', { object_refs: undefined, objects: { 0: { type: 'network-traffic', dst_ref: 'constructor', protocols: ['tcp'] } } }), 'identifier-format', '$.objects["0"].dst_ref'],
  ['header field value of wrong type', variant('email-message', { additional_header_fields: { 'X-Mailer': 7 } }), 'property-type', '$.additional_header_fields["X-Mailer"]'],
  ['container reference to the wrong type', variant('observed-data', { object_refs: undefined, objects: { 0: { type: 'url', value: 'https://example.com' }, 1: { type: 'network-traffic', dst_ref: '0', protocols: ['tcp'] } } }), 'reference-type', '$.objects["1"].dst_ref'],
];

/** Rows of [what, object, expected warning rule, at path]; the objects stay valid. */
const WARNINGS: readonly [string, Json, string, string][] = [
  ['malware type outside the vocabulary', variant('malware', { malware_types: ['cryptominer'] }), 'open-vocabulary', '$.malware_types[0]'],
  ['identity class outside the vocabulary', variant('identity', { identity_class: 'department' }), 'open-vocabulary', '$.identity_class'],
  ['sector outside the vocabulary', variant('identity', { sectors: ['space'] }), 'open-vocabulary', '$.sectors[0]'],
  ['pattern type outside the vocabulary', variant('indicator', { pattern_type: 'kql' }), 'open-vocabulary', '$.pattern_type'],
  ['region outside the vocabulary', variant('location', { region: 'atlantis' }), 'open-vocabulary', '$.region'],
  ['implementation language outside the vocabulary', variant('malware', { implementation_languages: ['cobol'] }), 'open-vocabulary', '$.implementation_languages[0]'],
  ['tool type outside the vocabulary', variant('tool', { tool_types: ['password-spraying'] }), 'open-vocabulary', '$.tool_types[0]'],
  ['report type outside the vocabulary', variant('report', { report_types: ['weekly'] }), 'open-vocabulary', '$.report_types[0]'],
  ['relationship type outside the specification', variant('relationship', { relationship_type: 'subtechnique-of' }), 'open-vocabulary', '$.relationship_type'],
  ['hash algorithm outside the vocabulary', variant('file', { hashes: { 'x_acme_hash': 'abcdef' } }), 'open-vocabulary', '$.hashes.x_acme_hash'],
  ['marking definition type outside the vocabulary', variant('marking-definition', { definition_type: 'acme-label', definition: { label: 'internal' } }), 'open-vocabulary', '$.definition_type'],
  ['uppercase hex', variant('file', { magic_number_hex: '504B0304' }), 'hex-case', '$.magic_number_hex'],
  ['custom object extension', variant('file', { extensions: { 'x-acme-ext': { x_value: 1 } } }), 'custom-extension', '$.extensions["x-acme-ext"]'],
  ['observable container', variant('observed-data', { object_refs: undefined, objects: { 0: { type: 'ipv4-addr', value: '198.51.100.2' } } }), 'deprecated-property', '$.objects'],
];

describe('validateObject', () => {
  it('accepts a minimal object of every type STIX 2.1 defines', () => {
    assert.deepEqual(Object.keys(VALID).sort(), [...SDO_TYPES, ...SRO_TYPES, ...SCO_TYPES, ...SMO_TYPES].sort());
    assert.deepEqual([...TYPE_SPECS.keys()].sort(), Object.keys(VALID).sort());
    for (const [type, object] of Object.entries(VALID)) {
      const result = validateObject(object);
      assert.equal(result.valid, true, `${type}: ${describeProblems(result)}`);
      assert.deepEqual(result.warnings, [], `${type}: ${describeProblems(result)}`);
    }
  });

  for (const [what, object, rule, path] of ERRORS) {
    it(`reports ${what} as ${rule} at ${path}`, () => {
      const result = validateObject(object);
      assert.equal(result.valid, false);
      assert.ok(result.errors.some((error) => error.rule === rule && error.path === path), describeProblems(result));
      for (const problem of result.errors) assert.ok(problem.message.length > 0, `${problem.rule} has a message`);
    });
  }

  for (const [what, object, rule, path] of WARNINGS) {
    it(`warns about ${what} (${rule} at ${path}) without rejecting the object`, () => {
      const result = validateObject(object);
      assert.equal(result.valid, true, describeProblems(result));
      assert.ok(result.warnings.some((warning) => warning.rule === rule && warning.path === path), describeProblems(result));
    });
  }

  it('returns every problem at once', () => {
    const result = validateObject(variant('indicator', {
      id: 'indicator--1', created: 'yesterday', pattern_type: undefined, confidence: 200, created_by_ref: ref('tool'), labels: [],
    }));
    const found = result.errors.map(({ path, rule }) => `${path} ${rule}`).sort();
    assert.deepEqual(found, [
      '$.confidence value-range',
      '$.created timestamp-format',
      '$.created_by_ref reference-type',
      '$.id identifier-format',
      '$.labels empty-value',
      '$.pattern_type required-property',
    ]);
  });

  it('accepts custom objects and custom properties, warning about prefixes only when asked', () => {
    const custom = { type: 'x-mitre-tactic', spec_version: '2.1', id: ref('x-mitre-tactic'), created: T, modified: T, name: 'Execution', x_mitre_shortname: 'execution', tactic_refs: [ref('x-mitre-tactic')] };
    assert.deepEqual(validateObject(custom, { strictCustom: true }), { valid: true, errors: [], warnings: [] });
    const identity = variant('identity', { foo: 'bar', x_acme_rank: 3 });
    assert.deepEqual(validateObject(identity), { valid: true, errors: [], warnings: [] });
    const strict = validateObject(identity, { strictCustom: true });
    assert.equal(strict.valid, true);
    assert.deepEqual(strict.warnings.map(({ path, rule }) => `${path} ${rule}`), ['$.foo custom-property-prefix']);
  });

  it('validates custom observables declared with a new-sco extension as SCOs', () => {
    const observable = { type: 'x-acme-usb', id: ref('x-acme-usb'), serial: '42', extensions: { [EXT_DEF]: { extension_type: 'new-sco' } } };
    assert.deepEqual(validateObject(observable).errors, []);
    assert.deepEqual(validateObject({ ...observable, defanged: 'no' }).errors.map(({ path, rule }) => `${path} ${rule}`), ['$.defanged property-type']);
  });

  it('accepts references inside an observable container by their keys', () => {
    const observedData = variant('observed-data', {
      object_refs: undefined,
      objects: { 0: { type: 'ipv4-addr', value: '198.51.100.2' }, 1: { type: 'network-traffic', dst_ref: '0', protocols: ['tcp'] } },
    });
    assert.deepEqual(validateObject(observedData).errors, []);
  });
});

describe('granular marking selectors', () => {
  const vulnerability = {
    type: 'vulnerability', description: 'The (1) TLS...',
    external_references: [{ source_name: 'cve', external_id: 'CVE-2014-0160' }],
    labels: ['heartbleed', 'has-logo'],
    hashes: { 'SHA-256': 'abc' },
  };

  // STIX 2.1 §7.2.3.1, with the valid and invalid selectors of its example.
  const RESOLUTIONS: readonly [string, { found: true; value: unknown } | { found: false; problem: 'syntax' | 'missing' }][] = [
    ['description', { found: true, value: 'The (1) TLS...' }],
    ['external_references.[0].source_name', { found: true, value: 'cve' }],
    ['labels.[0]', { found: true, value: 'heartbleed' }],
    ['labels', { found: true, value: ['heartbleed', 'has-logo'] }],
    ['hashes.SHA-256', { found: true, value: 'abc' }],
    ['pattern', { found: false, problem: 'missing' }],
    ['external_references.[3]', { found: false, problem: 'missing' }],
    ['description.[0]', { found: false, problem: 'missing' }],
    ['labels.name', { found: false, problem: 'missing' }],
    ['labels.[01]', { found: false, problem: 'syntax' }],
    ['labels[0]', { found: false, problem: 'syntax' }],
    ['', { found: false, problem: 'syntax' }],
  ];

  for (const [selector, expected] of RESOLUTIONS) {
    it(`resolves '${selector}'`, () => {
      const resolution = resolveSelector(vulnerability, selector);
      if (expected.found) assert.deepEqual(resolution, expected);
      else assert.ok(!resolution.found && resolution.problem === expected.problem && resolution.reason.length > 0);
    });
  }

  it('parses selectors into steps', () => {
    assert.deepEqual(parseSelector('external_references.[0].source_name'), ['external_references', 0, 'source_name']);
    assert.equal(parseSelector('a.[x]'), undefined);
  });
});
