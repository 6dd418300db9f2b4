import { SCO_COMMON } from './common-properties.ts';
import { atLeastOneOf, exactlyOneOf, requires, timestampOrder } from './constraints.ts';
import {
  CHARSET, CPE_23, DOMAIN_NAME, EMAIL_ADDRESS, IPV4_CIDR, IPV6_CIDR, LANGUAGE_TAG, MAC_ADDRESS, MIME_TYPE, REGISTRY_KEY,
  URL_FORMAT,
} from './formats.ts';
import {
  BINARY, BOOLEAN, DICTIONARY, FLOAT, HASHES, HEX, INTEGER, NON_NEGATIVE_INTEGER, STRING, STRINGS, TIMESTAMP,
  dictionaryOf, either, embedded, integer, listOf, ref, refTo, refToCategories, refs, shape, stringOf, vocab,
  type Constraint, type Kind, type Shape,
} from './property-kinds.ts';
import { activeTrafficHasNoEnd, emailBodies } from './rules.ts';
import { defineType, someOf, type TypeSpec } from './type-spec.ts';
import * as V from './vocabularies.ts';

/** STIX Cyber-observable Objects and their predefined extensions, STIX 2.1 §6. */

function sco(
  type: string, section: string, properties: Readonly<Record<string, Kind>>,
  options: { required?: readonly string[]; constraints?: readonly Constraint[]; extensions?: Record<string, Shape> } = {},
): TypeSpec {
  return defineType({ type, category: 'sco', section, common: SCO_COMMON, properties, ...options });
}

/** "At least one of the properties defined below MUST be included" (optionally counting extensions). */
function atLeastOneProperty(properties: Readonly<Record<string, Kind>>, section: string, options: { orExtensions: boolean }): Constraint {
  const names = Object.keys(properties);
  return atLeastOneOf(options.orExtensions ? [...names, 'extensions'] : names, section);
}

const ARTIFACT_REF = ref(refTo('artifact'));
const EMAIL_ADDR_REF = ref(refTo('email-addr'));
const EMAIL_ADDR_REFS = refs(refTo('email-addr'));
const USER_ACCOUNT_REF = ref(refTo('user-account'));
const ADDRESS_REF = ref(refTo('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'));
const NETWORK_TRAFFIC_REF = ref(refTo('network-traffic'));
const SECOND_TIMESTAMP: Kind = { kind: 'timestamp', precision: 'second' };

// §6.6.2
const EMAIL_MIME_PART = shape('email-mime-part-type', '6.6.2', {
  body: STRING, body_raw_ref: ref(refTo('artifact', 'file')), content_type: STRING, content_disposition: STRING,
}, { constraints: [atLeastOneOf(['body', 'body_raw_ref'], '6.6.2')] });

// §6.7.3.2
const ALTERNATE_DATA_STREAM = shape('alternate-data-stream-type', '6.7.3.2', {
  name: STRING, hashes: HASHES, size: NON_NEGATIVE_INTEGER,
}, { required: ['name'] });

// §6.7.6.2
const PE_OPTIONAL_HEADER = someOf('windows-pe-optional-header-type', {
  magic_hex: HEX, major_linker_version: INTEGER, minor_linker_version: INTEGER, size_of_code: NON_NEGATIVE_INTEGER,
  size_of_initialized_data: NON_NEGATIVE_INTEGER, size_of_uninitialized_data: NON_NEGATIVE_INTEGER,
  address_of_entry_point: INTEGER, base_of_code: INTEGER, base_of_data: INTEGER, image_base: INTEGER,
  section_alignment: INTEGER, file_alignment: INTEGER, major_os_version: INTEGER, minor_os_version: INTEGER,
  major_image_version: INTEGER, minor_image_version: INTEGER, major_subsystem_version: INTEGER,
  minor_subsystem_version: INTEGER, win32_version_value_hex: HEX, size_of_image: NON_NEGATIVE_INTEGER,
  size_of_headers: NON_NEGATIVE_INTEGER, checksum_hex: HEX, subsystem_hex: HEX, dll_characteristics_hex: HEX,
  size_of_stack_reserve: NON_NEGATIVE_INTEGER, size_of_stack_commit: NON_NEGATIVE_INTEGER,
  size_of_heap_reserve: NON_NEGATIVE_INTEGER, size_of_heap_commit: NON_NEGATIVE_INTEGER, loader_flags_hex: HEX,
  number_of_rva_and_sizes: INTEGER, hashes: HASHES,
}, '6.7.6.2');

// §6.7.6.3
const PE_SECTION = shape('windows-pe-section-type', '6.7.6.3', {
  name: STRING, size: NON_NEGATIVE_INTEGER, entropy: FLOAT, hashes: HASHES,
}, { required: ['name'] });

const PE_BINARY_DETAILS = {
  imphash: STRING, machine_hex: HEX, number_of_sections: NON_NEGATIVE_INTEGER, time_date_stamp: SECOND_TIMESTAMP,
  pointer_to_symbol_table_hex: HEX, number_of_symbols: NON_NEGATIVE_INTEGER,
  size_of_optional_header: NON_NEGATIVE_INTEGER, characteristics_hex: HEX, file_header_hashes: HASHES,
  optional_header: embedded(PE_OPTIONAL_HEADER), sections: listOf(embedded(PE_SECTION)),
};

const FILE_EXTENSIONS: Record<string, Shape> = {
  // §6.7.2
  'archive-ext': shape('archive-ext', '6.7.2', {
    contains_refs: refs(refTo('file', 'directory')), comment: STRING,
  }, { required: ['contains_refs'] }),
  // §6.7.3
  'ntfs-ext': someOf('ntfs-ext', { sid: STRING, alternate_data_streams: listOf(embedded(ALTERNATE_DATA_STREAM)) }, '6.7.3'),
  // §6.7.4
  'pdf-ext': someOf('pdf-ext', {
    version: STRING, is_optimized: BOOLEAN, document_info_dict: dictionaryOf(STRING), pdfid0: STRING, pdfid1: STRING,
  }, '6.7.4'),
  // §6.7.5
  'raster-image-ext': someOf('raster-image-ext', {
    image_height: INTEGER, image_width: INTEGER, bits_per_pixel: INTEGER, exif_tags: dictionaryOf(either(INTEGER, STRING)),
  }, '6.7.5'),
  // §6.7.6: at least one property other than pe_type.
  'windows-pebinary-ext': shape('windows-pebinary-ext', '6.7.6', {
    pe_type: vocab(V.WINDOWS_PEBINARY_TYPE), ...PE_BINARY_DETAILS,
  }, { required: ['pe_type'], constraints: [atLeastOneOf(Object.keys(PE_BINARY_DETAILS), '6.7.6')] }),
};

const NETWORK_TRAFFIC_EXTENSIONS: Record<string, Shape> = {
  // §6.12.2
  'http-request-ext': shape('http-request-ext', '6.12.2', {
    request_method: STRING, request_value: STRING, request_version: STRING, request_header: dictionaryOf(STRINGS),
    message_body_length: INTEGER, message_body_data_ref: ARTIFACT_REF,
  }, { required: ['request_method', 'request_value'] }),
  // §6.12.3
  'icmp-ext': shape('icmp-ext', '6.12.3', { icmp_type_hex: HEX, icmp_code_hex: HEX }, { required: ['icmp_type_hex', 'icmp_code_hex'] }),
  // §6.12.4
  'socket-ext': shape('socket-ext', '6.12.4', {
    address_family: vocab(V.NETWORK_SOCKET_ADDRESS_FAMILY), is_blocking: BOOLEAN, is_listening: BOOLEAN,
    options: dictionaryOf(INTEGER), socket_type: vocab(V.NETWORK_SOCKET_TYPE), socket_descriptor: NON_NEGATIVE_INTEGER,
    socket_handle: INTEGER,
  }, { required: ['address_family'] }),
  // §6.12.5
  'tcp-ext': someOf('tcp-ext', { src_flags_hex: HEX, dst_flags_hex: HEX }, '6.12.5'),
};

const PROCESS_EXTENSIONS: Record<string, Shape> = {
  // §6.13.2
  'windows-process-ext': someOf('windows-process-ext', {
    aslr_enabled: BOOLEAN, dep_enabled: BOOLEAN, priority: STRING, owner_sid: STRING, window_title: STRING,
    startup_info: DICTIONARY, integrity_level: vocab(V.WINDOWS_INTEGRITY_LEVEL),
  }, '6.13.2'),
  // §6.13.3
  'windows-service-ext': someOf('windows-service-ext', {
    service_name: STRING, descriptions: STRINGS, display_name: STRING, group_name: STRING,
    start_type: vocab(V.WINDOWS_SERVICE_START_TYPE), service_dll_refs: refs(refTo('file')),
    service_type: vocab(V.WINDOWS_SERVICE_TYPE), service_status: vocab(V.WINDOWS_SERVICE_STATUS),
  }, '6.13.3'),
};

// §6.16.2
const UNIX_ACCOUNT_EXT = someOf('unix-account-ext', { gid: INTEGER, groups: STRINGS, home_dir: STRING, shell: STRING }, '6.16.2');

// §6.17.2
const REGISTRY_VALUE = someOf('windows-registry-value-type', {
  name: STRING, data: STRING, data_type: vocab(V.WINDOWS_REGISTRY_DATATYPE),
}, '6.17.2');

// §6.18.2
const X509_V3_EXTENSIONS = someOf('x509-v3-extensions-type', {
  basic_constraints: STRING, name_constraints: STRING, policy_constraints: STRING, key_usage: STRING,
  extended_key_usage: STRING, subject_key_identifier: STRING, authority_key_identifier: STRING,
  subject_alternative_name: STRING, issuer_alternative_name: STRING, subject_directory_attributes: STRING,
  crl_distribution_points: STRING, inhibit_any_policy: STRING, private_key_usage_period_not_before: TIMESTAMP,
  private_key_usage_period_not_after: TIMESTAMP, certificate_policies: STRING, policy_mappings: STRING,
}, '6.18.2');

const PROCESS_PROPERTIES = {
  is_hidden: BOOLEAN, pid: INTEGER, created_time: TIMESTAMP, cwd: STRING, command_line: STRING,
  environment_variables: dictionaryOf(STRING), opened_connection_refs: refs(refTo('network-traffic')),
  creator_user_ref: USER_ACCOUNT_REF, image_ref: ref(refTo('file')), parent_ref: ref(refTo('process')),
  child_refs: refs(refTo('process')),
};

const USER_ACCOUNT_PROPERTIES = {
  user_id: STRING, credential: STRING, account_login: STRING, account_type: vocab(V.ACCOUNT_TYPE), display_name: STRING,
  is_service_account: BOOLEAN, is_privileged: BOOLEAN, can_escalate_privs: BOOLEAN, is_disabled: BOOLEAN,
  account_created: TIMESTAMP, account_expires: TIMESTAMP, credential_last_changed: TIMESTAMP,
  account_first_login: TIMESTAMP, account_last_login: TIMESTAMP,
};

const REGISTRY_KEY_PROPERTIES = {
  key: stringOf(REGISTRY_KEY), values: listOf(embedded(REGISTRY_VALUE)), modified_time: TIMESTAMP,
  creator_user_ref: USER_ACCOUNT_REF, number_of_subkeys: INTEGER,
};

const X509_PROPERTIES = {
  is_self_signed: BOOLEAN, hashes: HASHES, version: STRING, serial_number: STRING, signature_algorithm: STRING,
  issuer: STRING, validity_not_before: TIMESTAMP, validity_not_after: TIMESTAMP, subject: STRING,
  subject_public_key_algorithm: STRING, subject_public_key_modulus: STRING, subject_public_key_exponent: INTEGER,
  x509_v3_extensions: embedded(X509_V3_EXTENSIONS),
};

export const SCO_SPECS: readonly TypeSpec[] = [
  sco('artifact', '6.1', {
    mime_type: stringOf(MIME_TYPE), payload_bin: BINARY, url: stringOf(URL_FORMAT), hashes: HASHES,
    encryption_algorithm: vocab(V.ENCRYPTION_ALGORITHM), decryption_key: STRING,
  }, {
    constraints: [
      exactlyOneOf(['payload_bin', 'url'], '6.1'),
      requires('url', 'hashes', '6.1'),
      requires('decryption_key', 'encryption_algorithm', '6.1'),
    ],
  }),

  sco('autonomous-system', '6.2', { number: INTEGER, name: STRING, rir: STRING }, { required: ['number'] }),

  sco('directory', '6.3', {
    path: STRING, path_enc: stringOf(CHARSET), ctime: TIMESTAMP, mtime: TIMESTAMP, atime: TIMESTAMP,
    contains_refs: refs(refTo('file', 'directory')),
  }, { required: ['path'] }),

  sco('domain-name', '6.4', {
    value: stringOf(DOMAIN_NAME), resolves_to_refs: refs(refTo('ipv4-addr', 'ipv6-addr', 'domain-name')),
  }, { required: ['value'] }),

  sco('email-addr', '6.5', {
    value: stringOf(EMAIL_ADDRESS), display_name: STRING, belongs_to_ref: USER_ACCOUNT_REF,
  }, { required: ['value'] }),

  sco('email-message', '6.6', {
    is_multipart: BOOLEAN, date: TIMESTAMP, content_type: STRING, from_ref: EMAIL_ADDR_REF, sender_ref: EMAIL_ADDR_REF,
    to_refs: EMAIL_ADDR_REFS, cc_refs: EMAIL_ADDR_REFS, bcc_refs: EMAIL_ADDR_REFS, message_id: STRING, subject: STRING,
    received_lines: STRINGS,
    // The text says each value is a list of strings; the specification's own example uses plain strings too.
    additional_header_fields: dictionaryOf(either(STRING, STRINGS)),
    body: STRING, body_multipart: listOf(embedded(EMAIL_MIME_PART)), raw_email_ref: ARTIFACT_REF,
  }, { required: ['is_multipart'], constraints: [emailBodies] }),

  sco('file', '6.7', {
    hashes: HASHES, size: NON_NEGATIVE_INTEGER, name: STRING, name_enc: stringOf(CHARSET), magic_number_hex: HEX,
    mime_type: stringOf(MIME_TYPE), ctime: TIMESTAMP, mtime: TIMESTAMP, atime: TIMESTAMP,
    parent_directory_ref: ref(refTo('directory')), contains_refs: refs(refToCategories(['sco'], { custom: true })),
    content_ref: ARTIFACT_REF,
  }, {
    constraints: [atLeastOneOf(['hashes', 'name'], '6.7'), requires('name_enc', 'name', '3.1')],
    extensions: FILE_EXTENSIONS,
  }),

  sco('ipv4-addr', '6.8', {
    value: stringOf(IPV4_CIDR), resolves_to_refs: refs(refTo('mac-addr')), belongs_to_refs: refs(refTo('autonomous-system')),
  }, { required: ['value'] }),

  sco('ipv6-addr', '6.9', {
    value: stringOf(IPV6_CIDR), resolves_to_refs: refs(refTo('mac-addr')), belongs_to_refs: refs(refTo('autonomous-system')),
  }, { required: ['value'] }),

  sco('mac-addr', '6.10', { value: stringOf(MAC_ADDRESS) }, { required: ['value'] }),

  sco('mutex', '6.11', { name: STRING }, { required: ['name'] }),

  sco('network-traffic', '6.12', {
    start: TIMESTAMP, end: TIMESTAMP, is_active: BOOLEAN, src_ref: ADDRESS_REF, dst_ref: ADDRESS_REF,
    src_port: integer(0, 65535), dst_port: integer(0, 65535), protocols: STRINGS,
    src_byte_count: NON_NEGATIVE_INTEGER, dst_byte_count: NON_NEGATIVE_INTEGER, src_packets: NON_NEGATIVE_INTEGER,
    dst_packets: NON_NEGATIVE_INTEGER, ipfix: dictionaryOf(either(INTEGER, STRING)), src_payload_ref: ARTIFACT_REF,
    dst_payload_ref: ARTIFACT_REF, encapsulates_refs: refs(refTo('network-traffic')), encapsulated_by_ref: NETWORK_TRAFFIC_REF,
  }, {
    required: ['protocols'],
    constraints: [atLeastOneOf(['src_ref', 'dst_ref'], '6.12'), timestampOrder('end', 'start', '6.12.1'), activeTrafficHasNoEnd],
    extensions: NETWORK_TRAFFIC_EXTENSIONS,
  }),

  sco('process', '6.13', PROCESS_PROPERTIES, {
    constraints: [atLeastOneProperty(PROCESS_PROPERTIES, '6.13', { orExtensions: true })],
    extensions: PROCESS_EXTENSIONS,
  }),

  sco('software', '6.14', {
    name: STRING, cpe: stringOf(CPE_23), swid: STRING, languages: listOf(stringOf(LANGUAGE_TAG)), vendor: STRING,
    version: STRING,
  }, { required: ['name'] }),

  sco('url', '6.15', { value: stringOf(URL_FORMAT) }, { required: ['value'] }),

  sco('user-account', '6.16', USER_ACCOUNT_PROPERTIES, {
    constraints: [atLeastOneProperty(USER_ACCOUNT_PROPERTIES, '6.16', { orExtensions: true })],
    extensions: { 'unix-account-ext': UNIX_ACCOUNT_EXT },
  }),

  sco('windows-registry-key', '6.17', REGISTRY_KEY_PROPERTIES, {
    constraints: [atLeastOneProperty(REGISTRY_KEY_PROPERTIES, '6.17', { orExtensions: false })],
  }),

  sco('x509-certificate', '6.18', X509_PROPERTIES, {
    constraints: [atLeastOneProperty(X509_PROPERTIES, '6.18', { orExtensions: false })],
  }),
];
