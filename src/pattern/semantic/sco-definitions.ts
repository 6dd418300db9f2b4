/**
 * The STIX 2.1 Cyber-observable Objects (SCOs) as data: every property of the 18
 * SCOs of STIX 2.1 §6, their predefined extensions, and the properties common to
 * all SCOs (§3.2). Written by hand from the specification; the test
 * cross-checks it against the OASIS JSON schemas. Only data here: check.ts reads it.
 */

/** A single value. `identifier` is a STIX id; `ip-address` an IPv4/IPv6 address or CIDR (the only targets of ISSUBSET/ISSUPERSET). */
export type ScalarType =
  | 'string' | 'integer' | 'float' | 'boolean' | 'timestamp' | 'binary' | 'hex' | 'ip-address' | 'identifier';

export type PropertyType =
  | ScalarType
  /** The hashes type (STIX 2.1 §2): keys are hash algorithm names (hash-algorithm-ov, or custom), values strings. */
  | 'hashes'
  /** The SCO's `extensions` dictionary: its predefined extensions by name, or custom ones. */
  | 'extensions'
  /** Free-form content: nothing below it is checked. */
  | 'any'
  | { readonly list: PropertyType }
  /** A reference to an object of one of these types; `any` when the spec allows any SCO. Pattern paths follow references (§9.7). */
  | { readonly ref: readonly string[] | 'any' }
  /** A sub-object with known keys. */
  | { readonly object: PropertyTable }
  /** A dictionary with free keys and values of one type. */
  | { readonly dictionary: PropertyType };

export type PropertyTable = Readonly<Record<string, PropertyType>>;

export interface ScoDefinition {
  /** The section of STIX 2.1 that defines the object. */
  readonly section: string;
  /** The object's own properties (the common ones are in COMMON_SCO_PROPERTIES). */
  readonly properties: PropertyTable;
  /** Predefined extensions by name (the keys of `extensions`). */
  readonly extensions?: Readonly<Record<string, PropertyTable>>;
}

/** Properties every SCO has (§3.2 common properties, as the table there lists them for SCOs). */
export const COMMON_SCO_PROPERTIES: PropertyTable = {
  type: 'string',
  id: 'identifier',
  spec_version: 'string',
  object_marking_refs: { list: { ref: ['marking-definition'] } },
  granular_markings: {
    list: {
      object: { lang: 'string', marking_ref: { ref: ['marking-definition'] }, selectors: { list: 'string' } },
    },
  },
  defanged: 'boolean',
  extensions: 'extensions',
};

/** The reference targets of network-traffic src_ref/dst_ref (§6.12). */
const ADDRESS_TYPES = ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'];

/** Windows PE section (§6.7.5 windows-pe-section type). */
const WINDOWS_PE_SECTION: PropertyTable = { name: 'string', size: 'integer', entropy: 'float', hashes: 'hashes' };

/** Windows PE optional header (§6.7.5 windows-pe-optional-header-type). */
const WINDOWS_PE_OPTIONAL_HEADER: PropertyTable = {
  magic_hex: 'hex',
  major_linker_version: 'integer',
  minor_linker_version: 'integer',
  size_of_code: 'integer',
  size_of_initialized_data: 'integer',
  size_of_uninitialized_data: 'integer',
  address_of_entry_point: 'integer',
  base_of_code: 'integer',
  base_of_data: 'integer',
  image_base: 'integer',
  section_alignment: 'integer',
  file_alignment: 'integer',
  major_os_version: 'integer',
  minor_os_version: 'integer',
  major_image_version: 'integer',
  minor_image_version: 'integer',
  major_subsystem_version: 'integer',
  minor_subsystem_version: 'integer',
  win32_version_value_hex: 'hex',
  size_of_image: 'integer',
  size_of_headers: 'integer',
  checksum_hex: 'hex',
  subsystem_hex: 'hex',
  dll_characteristics_hex: 'hex',
  size_of_stack_reserve: 'integer',
  size_of_stack_commit: 'integer',
  size_of_heap_reserve: 'integer',
  size_of_heap_commit: 'integer',
  loader_flags_hex: 'hex',
  number_of_rva_and_sizes: 'integer',
  hashes: 'hashes',
};

/** The IPv4 and IPv6 Address objects have the same properties (§6.8, §6.9). */
const IP_ADDRESS: PropertyTable = {
  value: 'ip-address',
  resolves_to_refs: { list: { ref: ['mac-addr'] } },
  belongs_to_refs: { list: { ref: ['autonomous-system'] } },
};

export const SCO_DEFINITIONS: Readonly<Record<string, ScoDefinition>> = {
  'artifact': {
    section: '6.1',
    properties: {
      mime_type: 'string',
      payload_bin: 'binary',
      url: 'string',
      hashes: 'hashes',
      encryption_algorithm: 'string',
      decryption_key: 'string',
    },
  },
  'autonomous-system': {
    section: '6.2',
    properties: { number: 'integer', name: 'string', rir: 'string' },
  },
  'directory': {
    section: '6.3',
    properties: {
      path: 'string',
      path_enc: 'string',
      ctime: 'timestamp',
      mtime: 'timestamp',
      atime: 'timestamp',
      contains_refs: { list: { ref: ['file', 'directory'] } },
    },
  },
  'domain-name': {
    section: '6.4',
    properties: {
      value: 'string',
      resolves_to_refs: { list: { ref: ['domain-name', 'ipv4-addr', 'ipv6-addr'] } },
    },
  },
  'email-addr': {
    section: '6.5',
    properties: { value: 'string', display_name: 'string', belongs_to_ref: { ref: ['user-account'] } },
  },
  'email-message': {
    section: '6.6',
    properties: {
      is_multipart: 'boolean',
      date: 'timestamp',
      content_type: 'string',
      from_ref: { ref: ['email-addr'] },
      sender_ref: { ref: ['email-addr'] },
      to_refs: { list: { ref: ['email-addr'] } },
      cc_refs: { list: { ref: ['email-addr'] } },
      bcc_refs: { list: { ref: ['email-addr'] } },
      message_id: 'string',
      subject: 'string',
      received_lines: { list: 'string' },
      additional_header_fields: { dictionary: 'any' },
      body: 'string',
      body_multipart: {
        list: {
          object: {
            body: 'string',
            body_raw_ref: { ref: ['artifact', 'file'] },
            content_type: 'string',
            content_disposition: 'string',
          },
        },
      },
      raw_email_ref: { ref: ['artifact'] },
    },
  },
  'file': {
    section: '6.7',
    properties: {
      hashes: 'hashes',
      size: 'integer',
      name: 'string',
      name_enc: 'string',
      magic_number_hex: 'hex',
      mime_type: 'string',
      ctime: 'timestamp',
      mtime: 'timestamp',
      atime: 'timestamp',
      parent_directory_ref: { ref: ['directory'] },
      contains_refs: { list: { ref: 'any' } },
      content_ref: { ref: ['artifact'] },
    },
    extensions: {
      'archive-ext': { contains_refs: { list: { ref: ['file', 'directory'] } }, comment: 'string' },
      'ntfs-ext': {
        sid: 'string',
        alternate_data_streams: { list: { object: { name: 'string', hashes: 'hashes', size: 'integer' } } },
      },
      'pdf-ext': {
        version: 'string',
        is_optimized: 'boolean',
        document_info_dict: { dictionary: 'string' },
        pdfid0: 'string',
        pdfid1: 'string',
      },
      'raster-image-ext': {
        image_height: 'integer',
        image_width: 'integer',
        bits_per_pixel: 'integer',
        exif_tags: { dictionary: 'any' },
      },
      'windows-pebinary-ext': {
        pe_type: 'string',
        imphash: 'string',
        machine_hex: 'hex',
        number_of_sections: 'integer',
        time_date_stamp: 'timestamp',
        pointer_to_symbol_table_hex: 'hex',
        number_of_symbols: 'integer',
        size_of_optional_header: 'integer',
        characteristics_hex: 'hex',
        file_header_hashes: 'hashes',
        optional_header: { object: WINDOWS_PE_OPTIONAL_HEADER },
        sections: { list: { object: WINDOWS_PE_SECTION } },
      },
    },
  },
  'ipv4-addr': { section: '6.8', properties: IP_ADDRESS },
  'ipv6-addr': { section: '6.9', properties: IP_ADDRESS },
  'mac-addr': { section: '6.10', properties: { value: 'string' } },
  'mutex': { section: '6.11', properties: { name: 'string' } },
  'network-traffic': {
    section: '6.12',
    properties: {
      start: 'timestamp',
      end: 'timestamp',
      is_active: 'boolean',
      src_ref: { ref: ADDRESS_TYPES },
      dst_ref: { ref: ADDRESS_TYPES },
      src_port: 'integer',
      dst_port: 'integer',
      protocols: { list: 'string' },
      src_byte_count: 'integer',
      dst_byte_count: 'integer',
      src_packets: 'integer',
      dst_packets: 'integer',
      ipfix: { dictionary: 'any' },
      src_payload_ref: { ref: ['artifact'] },
      dst_payload_ref: { ref: ['artifact'] },
      encapsulates_refs: { list: { ref: ['network-traffic'] } },
      encapsulated_by_ref: { ref: ['network-traffic'] },
    },
    extensions: {
      'http-request-ext': {
        request_method: 'string',
        request_value: 'string',
        request_version: 'string',
        request_header: { dictionary: 'any' },
        message_body_length: 'integer',
        message_body_data_ref: { ref: ['artifact'] },
      },
      'icmp-ext': { icmp_type_hex: 'hex', icmp_code_hex: 'hex' },
      'socket-ext': {
        address_family: 'string',
        is_blocking: 'boolean',
        is_listening: 'boolean',
        options: { dictionary: 'integer' },
        socket_type: 'string',
        socket_descriptor: 'integer',
        socket_handle: 'integer',
      },
      'tcp-ext': { src_flags_hex: 'hex', dst_flags_hex: 'hex' },
    },
  },
  'process': {
    section: '6.13',
    properties: {
      is_hidden: 'boolean',
      pid: 'integer',
      created_time: 'timestamp',
      cwd: 'string',
      command_line: 'string',
      environment_variables: { dictionary: 'string' },
      opened_connection_refs: { list: { ref: ['network-traffic'] } },
      creator_user_ref: { ref: ['user-account'] },
      image_ref: { ref: ['file'] },
      parent_ref: { ref: ['process'] },
      child_refs: { list: { ref: ['process'] } },
    },
    extensions: {
      'windows-process-ext': {
        aslr_enabled: 'boolean',
        dep_enabled: 'boolean',
        priority: 'string',
        owner_sid: 'string',
        window_title: 'string',
        startup_info: { dictionary: 'any' },
        integrity_level: 'string',
      },
      'windows-service-ext': {
        service_name: 'string',
        descriptions: { list: 'string' },
        display_name: 'string',
        group_name: 'string',
        start_type: 'string',
        service_dll_refs: { list: { ref: ['file'] } },
        service_type: 'string',
        service_status: 'string',
      },
    },
  },
  'software': {
    section: '6.14',
    properties: {
      name: 'string',
      cpe: 'string',
      swid: 'string',
      languages: { list: 'string' },
      vendor: 'string',
      version: 'string',
    },
  },
  'url': { section: '6.15', properties: { value: 'string' } },
  'user-account': {
    section: '6.16',
    properties: {
      user_id: 'string',
      credential: 'string',
      account_login: 'string',
      account_type: 'string',
      display_name: 'string',
      is_service_account: 'boolean',
      is_privileged: 'boolean',
      can_escalate_privs: 'boolean',
      is_disabled: 'boolean',
      account_created: 'timestamp',
      account_expires: 'timestamp',
      credential_last_changed: 'timestamp',
      account_first_login: 'timestamp',
      account_last_login: 'timestamp',
    },
    extensions: {
      'unix-account-ext': { gid: 'integer', groups: { list: 'string' }, home_dir: 'string', shell: 'string' },
    },
  },
  'windows-registry-key': {
    section: '6.17',
    properties: {
      key: 'string',
      values: { list: { object: { name: 'string', data: 'string', data_type: 'string' } } },
      modified_time: 'timestamp',
      creator_user_ref: { ref: ['user-account'] },
      number_of_subkeys: 'integer',
    },
  },
  'x509-certificate': {
    section: '6.18',
    properties: {
      is_self_signed: 'boolean',
      hashes: 'hashes',
      version: 'string',
      serial_number: 'string',
      signature_algorithm: 'string',
      issuer: 'string',
      validity_not_before: 'timestamp',
      validity_not_after: 'timestamp',
      subject: 'string',
      subject_public_key_algorithm: 'string',
      subject_public_key_modulus: 'string',
      subject_public_key_exponent: 'integer',
      x509_v3_extensions: {
        object: {
          basic_constraints: 'string',
          name_constraints: 'string',
          policy_constraints: 'string',
          key_usage: 'string',
          extended_key_usage: 'string',
          subject_key_identifier: 'string',
          authority_key_identifier: 'string',
          subject_alternative_name: 'string',
          issuer_alternative_name: 'string',
          subject_directory_attributes: 'string',
          crl_distribution_points: 'string',
          inhibit_any_policy: 'string',
          private_key_usage_period_not_before: 'timestamp',
          private_key_usage_period_not_after: 'timestamp',
          certificate_policies: 'string',
          policy_mappings: 'string',
        },
      },
    },
  },
};

/** hash-algorithm-ov (STIX 2.1 §10): the spellings a `hashes` key should use. */
export const HASH_ALGORITHMS: readonly string[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'SHA3-256', 'SHA3-512', 'SSDEEP', 'TLSH'];

/**
 * STIX 2.0 property names (STIX 2.0 Part 4) that STIX 2.1 renamed or removed:
 * the new name, or '' when 2.1 has no direct replacement. Used for hints only.
 */
export const STIX_2_0_PROPERTIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'directory': { created: 'ctime', modified: 'mtime', accessed: 'atime' },
  'file': { created: 'ctime', modified: 'mtime', accessed: 'atime', is_encrypted: '', encryption_algorithm: '', decryption_key: '' },
  'process': { created: 'created_time', binary_ref: 'image_ref', name: '', arguments: 'command_line' },
  'user-account': { password_last_changed: 'credential_last_changed' },
  'windows-registry-key': { modified: 'modified_time' },
};
