/**
 * STIX Cyber-observable Objects (STIX 2.1 §6), their predefined extensions,
 * and the `StixCyberObservable` union discriminated by `type`. `*_ref(s)`
 * properties hold SCO identifiers.
 */
import type { Extension, Extensions, Hashes, Identifier, ScoCommonProperties, Timestamp } from './common.ts';

/** STIX 2.1 §6.1 Artifact. Either `payload_bin` or `url` (with `hashes`) is present. */
export interface Artifact extends ScoCommonProperties<'artifact'> {
  mime_type?: string;
  /** Base64. */
  payload_bin?: string;
  url?: string;
  hashes?: Hashes;
  encryption_algorithm?: 'AES-256-GCM' | 'ChaCha20-Poly1305' | 'mime-type-indicated';
  decryption_key?: string;
}

/** STIX 2.1 §6.2 Autonomous System. */
export interface AutonomousSystem extends ScoCommonProperties<'autonomous-system'> {
  number: number;
  name?: string;
  rir?: string;
}

/** STIX 2.1 §6.3 Directory. */
export interface Directory extends ScoCommonProperties<'directory'> {
  path: string;
  path_enc?: string;
  ctime?: Timestamp;
  mtime?: Timestamp;
  atime?: Timestamp;
  /** File or directory SCOs. */
  contains_refs?: Identifier[];
}

/** STIX 2.1 §6.4 Domain Name. */
export interface DomainName extends ScoCommonProperties<'domain-name'> {
  value: string;
  resolves_to_refs?: Identifier[];
}

/** STIX 2.1 §6.5 Email Address. */
export interface EmailAddress extends ScoCommonProperties<'email-addr'> {
  value: string;
  display_name?: string;
  /** A user-account SCO. */
  belongs_to_ref?: Identifier;
}

/** STIX 2.1 §6.6 Email Message. `body` only when not multipart, `body_multipart` only when multipart. */
export interface EmailMessage extends ScoCommonProperties<'email-message'> {
  is_multipart: boolean;
  date?: Timestamp;
  content_type?: string;
  from_ref?: Identifier;
  sender_ref?: Identifier;
  to_refs?: Identifier[];
  cc_refs?: Identifier[];
  bcc_refs?: Identifier[];
  message_id?: string;
  subject?: string;
  received_lines?: string[];
  additional_header_fields?: Record<string, string | string[]>;
  body?: string;
  body_multipart?: EmailMimePart[];
  /** An artifact SCO. */
  raw_email_ref?: Identifier;
}

/** STIX 2.1 §6.6 Email MIME Component type: one part of a multipart body (`body` or `body_raw_ref`). */
export interface EmailMimePart {
  body?: string;
  /** An artifact or file SCO. */
  body_raw_ref?: Identifier;
  content_type?: string;
  content_disposition?: string;
}

/** STIX 2.1 §6.7 Archive File extension (`archive-ext`). */
export interface ArchiveExtension extends Extension {
  contains_refs: Identifier[];
  comment?: string;
}

/** STIX 2.1 §6.7 NTFS File extension (`ntfs-ext`). */
export interface NtfsExtension extends Extension {
  sid?: string;
  alternate_data_streams?: NtfsAlternateDataStream[];
}

/** An NTFS alternate data stream (STIX 2.1 §6.7). */
export interface NtfsAlternateDataStream {
  name: string;
  hashes?: Hashes;
  size?: number;
}

/** STIX 2.1 §6.7 PDF File extension (`pdf-ext`). */
export interface PdfExtension extends Extension {
  version?: string;
  is_optimized?: boolean;
  document_info_dict?: Record<string, string>;
  pdfid0?: string;
  pdfid1?: string;
}

/** STIX 2.1 §6.7 Raster Image File extension (`raster-image-ext`). */
export interface RasterImageExtension extends Extension {
  image_height?: number;
  image_width?: number;
  bits_per_pixel?: number;
  exif_tags?: Record<string, string | number>;
}

/** STIX 2.1 §6.7 Windows PE Binary File extension (`windows-pebinary-ext`). */
export interface WindowsPeBinaryExtension extends Extension {
  /** `windows-pebinary-type-ov` (`exe`, `dll`, `sys`). */
  pe_type: string;
  imphash?: string;
  machine_hex?: string;
  number_of_sections?: number;
  time_date_stamp?: Timestamp;
  pointer_to_symbol_table_hex?: string;
  number_of_symbols?: number;
  size_of_optional_header?: number;
  characteristics_hex?: string;
  file_header_hashes?: Hashes;
  optional_header?: WindowsPeOptionalHeader;
  sections?: WindowsPeSection[];
}

/** The PE optional header (STIX 2.1 §6.7). */
export interface WindowsPeOptionalHeader {
  magic_hex?: string;
  major_linker_version?: number;
  minor_linker_version?: number;
  size_of_code?: number;
  size_of_initialized_data?: number;
  size_of_uninitialized_data?: number;
  address_of_entry_point?: number;
  base_of_code?: number;
  base_of_data?: number;
  image_base?: number;
  section_alignment?: number;
  file_alignment?: number;
  major_os_version?: number;
  minor_os_version?: number;
  major_image_version?: number;
  minor_image_version?: number;
  major_subsystem_version?: number;
  minor_subsystem_version?: number;
  win32_version_value_hex?: string;
  size_of_image?: number;
  size_of_headers?: number;
  checksum_hex?: string;
  subsystem_hex?: string;
  dll_characteristics_hex?: string;
  size_of_stack_reserve?: number;
  size_of_stack_commit?: number;
  size_of_heap_reserve?: number;
  size_of_heap_commit?: number;
  loader_flags_hex?: string;
  number_of_rva_and_sizes?: number;
  hashes?: Hashes;
}

/** A PE section (STIX 2.1 §6.7). */
export interface WindowsPeSection {
  name: string;
  size?: number;
  entropy?: number;
  hashes?: Hashes;
}

/** The predefined extensions of a file (STIX 2.1 §6.7), beside custom ones. */
export interface FileExtensions extends Extensions {
  'archive-ext'?: ArchiveExtension;
  'ntfs-ext'?: NtfsExtension;
  'pdf-ext'?: PdfExtension;
  'raster-image-ext'?: RasterImageExtension;
  'windows-pebinary-ext'?: WindowsPeBinaryExtension;
}

/** STIX 2.1 §6.7 File. At least one of `hashes` and `name` is present. */
export interface File extends ScoCommonProperties<'file'> {
  extensions?: FileExtensions;
  hashes?: Hashes;
  size?: number;
  name?: string;
  name_enc?: string;
  magic_number_hex?: string;
  mime_type?: string;
  ctime?: Timestamp;
  mtime?: Timestamp;
  atime?: Timestamp;
  /** A directory SCO. */
  parent_directory_ref?: Identifier;
  contains_refs?: Identifier[];
  /** An artifact SCO. */
  content_ref?: Identifier;
}

/** STIX 2.1 §6.8 IPv4 Address (`value` may be a CIDR block). */
export interface Ipv4Address extends ScoCommonProperties<'ipv4-addr'> {
  value: string;
  /** MAC address SCOs (deprecated in 2.1 in favour of relationships). */
  resolves_to_refs?: Identifier[];
  /** Autonomous-system SCOs (deprecated in 2.1 in favour of relationships). */
  belongs_to_refs?: Identifier[];
}

/** STIX 2.1 §6.9 IPv6 Address (`value` may be a CIDR block). */
export interface Ipv6Address extends ScoCommonProperties<'ipv6-addr'> {
  value: string;
  resolves_to_refs?: Identifier[];
  belongs_to_refs?: Identifier[];
}

/** STIX 2.1 §6.10 MAC Address (colon-delimited, lowercase). */
export interface MacAddress extends ScoCommonProperties<'mac-addr'> {
  value: string;
}

/** STIX 2.1 §6.11 Mutex. */
export interface Mutex extends ScoCommonProperties<'mutex'> {
  name: string;
}

/** STIX 2.1 §6.12 HTTP Request extension (`http-request-ext`). */
export interface HttpRequestExtension extends Extension {
  request_method: string;
  request_value: string;
  request_version?: string;
  request_header?: Record<string, string[]>;
  message_body_length?: number;
  /** An artifact SCO. */
  message_body_data_ref?: Identifier;
}

/** STIX 2.1 §6.12 ICMP extension (`icmp-ext`). */
export interface IcmpExtension extends Extension {
  icmp_type_hex: string;
  icmp_code_hex: string;
}

/** STIX 2.1 §6.12 Network Socket extension (`socket-ext`). */
export interface SocketExtension extends Extension {
  address_family:
    | 'AF_UNSPEC'
    | 'AF_INET'
    | 'AF_IPX'
    | 'AF_APPLETALK'
    | 'AF_NETBIOS'
    | 'AF_INET6'
    | 'AF_IRDA'
    | 'AF_BTH';
  is_blocking?: boolean;
  is_listening?: boolean;
  /** `SO_*` (and similar) option name → value. */
  options?: Record<string, number>;
  socket_type?: 'SOCK_STREAM' | 'SOCK_DGRAM' | 'SOCK_RAW' | 'SOCK_RDM' | 'SOCK_SEQPACKET';
  socket_descriptor?: number;
  socket_handle?: number;
}

/** STIX 2.1 §6.12 TCP extension (`tcp-ext`). */
export interface TcpExtension extends Extension {
  src_flags_hex?: string;
  dst_flags_hex?: string;
}

/** The predefined extensions of network traffic (STIX 2.1 §6.12), beside custom ones. */
export interface NetworkTrafficExtensions extends Extensions {
  'http-request-ext'?: HttpRequestExtension;
  'icmp-ext'?: IcmpExtension;
  'socket-ext'?: SocketExtension;
  'tcp-ext'?: TcpExtension;
}

/** STIX 2.1 §6.12 Network Traffic. At least one of `src_ref` and `dst_ref` is present. */
export interface NetworkTraffic extends ScoCommonProperties<'network-traffic'> {
  extensions?: NetworkTrafficExtensions;
  start?: Timestamp;
  /** Absent while `is_active` is true. */
  end?: Timestamp;
  is_active?: boolean;
  src_ref?: Identifier;
  dst_ref?: Identifier;
  src_port?: number;
  dst_port?: number;
  /** Protocol names, outermost layer first, lowercase (e.g. `ipv4`, `tcp`, `http`). */
  protocols: string[];
  src_byte_count?: number;
  dst_byte_count?: number;
  src_packets?: number;
  dst_packets?: number;
  ipfix?: Record<string, string | number>;
  src_payload_ref?: Identifier;
  dst_payload_ref?: Identifier;
  encapsulates_refs?: Identifier[];
  encapsulated_by_ref?: Identifier;
}

/** STIX 2.1 §6.13 Windows Process extension (`windows-process-ext`). */
export interface WindowsProcessExtension extends Extension {
  aslr_enabled?: boolean;
  dep_enabled?: boolean;
  priority?: string;
  owner_sid?: string;
  window_title?: string;
  /** The STARTUPINFO struct, member name → value. */
  startup_info?: Record<string, string | number | null>;
  integrity_level?: 'low' | 'medium' | 'high' | 'system';
}

/** STIX 2.1 §6.13 Windows Service extension (`windows-service-ext`). */
export interface WindowsServiceExtension extends Extension {
  service_name?: string;
  descriptions?: string[];
  display_name?: string;
  group_name?: string;
  start_type?:
    | 'SERVICE_AUTO_START'
    | 'SERVICE_BOOT_START'
    | 'SERVICE_DEMAND_START'
    | 'SERVICE_DISABLED'
    | 'SERVICE_SYSTEM_ALERT';
  /** File SCOs. */
  service_dll_refs?: Identifier[];
  service_type?:
    | 'SERVICE_KERNEL_DRIVER'
    | 'SERVICE_FILE_SYSTEM_DRIVER'
    | 'SERVICE_WIN32_OWN_PROCESS'
    | 'SERVICE_WIN32_SHARE_PROCESS';
  service_status?:
    | 'SERVICE_CONTINUE_PENDING'
    | 'SERVICE_PAUSE_PENDING'
    | 'SERVICE_PAUSED'
    | 'SERVICE_RUNNING'
    | 'SERVICE_START_PENDING'
    | 'SERVICE_STOP_PENDING'
    | 'SERVICE_STOPPED';
}

/** The predefined extensions of a process (STIX 2.1 §6.13), beside custom ones. */
export interface ProcessExtensions extends Extensions {
  'windows-process-ext'?: WindowsProcessExtension;
  'windows-service-ext'?: WindowsServiceExtension;
}

/** STIX 2.1 §6.13 Process. It has no ID-contributing properties, so its id is a UUIDv4. */
export interface Process extends ScoCommonProperties<'process'> {
  extensions?: ProcessExtensions;
  is_hidden?: boolean;
  pid?: number;
  created_time?: Timestamp;
  cwd?: string;
  command_line?: string;
  environment_variables?: Record<string, string>;
  /** Network-traffic SCOs. */
  opened_connection_refs?: Identifier[];
  /** A user-account SCO. */
  creator_user_ref?: Identifier;
  /** A file SCO. */
  image_ref?: Identifier;
  parent_ref?: Identifier;
  child_refs?: Identifier[];
}

/** STIX 2.1 §6.14 Software. */
export interface Software extends ScoCommonProperties<'software'> {
  name: string;
  cpe?: string;
  swid?: string;
  /** ISO 639-2 language codes. */
  languages?: string[];
  vendor?: string;
  version?: string;
}

/** STIX 2.1 §6.15 URL. */
export interface Url extends ScoCommonProperties<'url'> {
  value: string;
}

/** STIX 2.1 §6.16 UNIX Account extension (`unix-account-ext`). */
export interface UnixAccountExtension extends Extension {
  gid?: number;
  groups?: string[];
  home_dir?: string;
  shell?: string;
}

/** The predefined extension of a user account (STIX 2.1 §6.16), beside custom ones. */
export interface UserAccountExtensions extends Extensions {
  'unix-account-ext'?: UnixAccountExtension;
}

/** STIX 2.1 §6.16 User Account. */
export interface UserAccount extends ScoCommonProperties<'user-account'> {
  extensions?: UserAccountExtensions;
  user_id?: string;
  credential?: string;
  account_login?: string;
  /** `account-type-ov`. */
  account_type?: string;
  display_name?: string;
  is_service_account?: boolean;
  is_privileged?: boolean;
  can_escalate_privs?: boolean;
  is_disabled?: boolean;
  account_created?: Timestamp;
  account_expires?: Timestamp;
  credential_last_changed?: Timestamp;
  account_first_login?: Timestamp;
  account_last_login?: Timestamp;
}

/** A registry value (STIX 2.1 §6.17 Windows Registry Value type). */
export interface WindowsRegistryValue {
  name?: string;
  data?: string;
  data_type?:
    | 'REG_NONE'
    | 'REG_SZ'
    | 'REG_EXPAND_SZ'
    | 'REG_BINARY'
    | 'REG_DWORD'
    | 'REG_DWORD_BIG_ENDIAN'
    | 'REG_DWORD_LITTLE_ENDIAN'
    | 'REG_LINK'
    | 'REG_MULTI_SZ'
    | 'REG_RESOURCE_LIST'
    | 'REG_FULL_RESOURCE_DESCRIPTION'
    | 'REG_RESOURCE_REQUIREMENTS_LIST'
    | 'REG_QWORD'
    | 'REG_INVALID_TYPE';
}

/** STIX 2.1 §6.17 Windows Registry Key. */
export interface WindowsRegistryKey extends ScoCommonProperties<'windows-registry-key'> {
  key?: string;
  values?: WindowsRegistryValue[];
  modified_time?: Timestamp;
  /** A user-account SCO. */
  creator_user_ref?: Identifier;
  number_of_subkeys?: number;
}

/** X.509 v3 extensions (STIX 2.1 §6.18), each as its text form. */
export interface X509V3Extensions {
  basic_constraints?: string;
  name_constraints?: string;
  policy_constraints?: string;
  key_usage?: string;
  extended_key_usage?: string;
  subject_key_identifier?: string;
  authority_key_identifier?: string;
  subject_alternative_name?: string;
  issuer_alternative_name?: string;
  subject_directory_attributes?: string;
  crl_distribution_points?: string;
  inhibit_any_policy?: string;
  private_key_usage_period_not_before?: Timestamp;
  private_key_usage_period_not_after?: Timestamp;
  certificate_policies?: string;
  policy_mappings?: string;
}

/** STIX 2.1 §6.18 X.509 Certificate. */
export interface X509Certificate extends ScoCommonProperties<'x509-certificate'> {
  is_self_signed?: boolean;
  hashes?: Hashes;
  version?: string;
  serial_number?: string;
  signature_algorithm?: string;
  issuer?: string;
  validity_not_before?: Timestamp;
  validity_not_after?: Timestamp;
  subject?: string;
  subject_public_key_algorithm?: string;
  subject_public_key_modulus?: string;
  subject_public_key_exponent?: number;
  x509_v3_extensions?: X509V3Extensions;
}

/** Every SCO type of STIX 2.1 §6. */
export const SCO_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;
export type ScoTypeName = (typeof SCO_TYPES)[number];

export type StixCyberObservable =
  | Artifact
  | AutonomousSystem
  | Directory
  | DomainName
  | EmailAddress
  | EmailMessage
  | File
  | Ipv4Address
  | Ipv6Address
  | MacAddress
  | Mutex
  | NetworkTraffic
  | Process
  | Software
  | Url
  | UserAccount
  | WindowsRegistryKey
  | X509Certificate;
