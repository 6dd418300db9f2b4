import { createHash, randomUUID } from 'node:crypto';
import { canonicalize } from './canonical-json.ts';

/**
 * STIX identifiers (§2.9): `type--UUID`. The type part follows the type-name
 * rules of §2.9/§3.1 (3–250 characters, lowercase ASCII letters, digits and
 * single hyphens); the UUID is an RFC 4122 UUID of version 1–5.
 */
const TYPE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** The namespace of deterministic SCO identifiers (STIX 2.1 §2.9). */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

export interface ParsedIdentifier {
  type: string;
  uuid: string;
}

/** Why `type` is not a valid STIX type name, or `undefined` (STIX 2.1 §3.1). */
export function typeNameProblem(type: string): string | undefined {
  if (type.length < 3) return 'type names have at least 3 characters';
  if (type.length > 250) return 'type names have at most 250 characters';
  if (!TYPE_NAME.test(type)) return 'type names use only lowercase letters a-z, digits and single hyphens, and start with a letter';
  return undefined;
}

/** Splits `type--uuid`; returns `undefined` when the text is not a STIX identifier. */
export function parseIdentifier(text: string): ParsedIdentifier | undefined {
  const separator = text.indexOf('--');
  if (separator === -1) return undefined;
  const type = text.slice(0, separator);
  const uuid = text.slice(separator + 2);
  if (typeNameProblem(type) !== undefined || !UUID.test(uuid)) return undefined;
  return { type, uuid };
}

export function isIdentifier(text: unknown): text is string {
  return typeof text === 'string' && parseIdentifier(text) !== undefined;
}

/** The type part of an identifier (no validation). */
export function identifierType(id: string): string {
  const separator = id.indexOf('--');
  return separator === -1 ? id : id.slice(0, separator);
}

/** A fresh identifier with a random (version 4) UUID, for SDOs, SROs and SMOs. */
export function newIdentifier(type: string): string {
  return `${type}--${randomUUID()}`;
}

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). */
export function uuidV5(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const digest = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The ID-contributing properties of each STIX 2.1 SCO (listed in each SCO's
 * section of the specification, e.g. §6.1 artifact). An SCO type that is not
 * listed (process, or a custom SCO without its own list) gets a UUIDv4.
 */
export const SCO_ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/** Hash algorithms in the order §2.9 prefers when a `hashes` dictionary contributes to an id. */
const PREFERRED_HASHES = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function oneHash(hashes: Record<string, unknown>): Record<string, unknown> {
  const preferred = PREFERRED_HASHES.find((algorithm) => algorithm in hashes);
  const chosen = preferred ?? Object.keys(hashes).sort()[0];
  return chosen === undefined ? {} : { [chosen]: hashes[chosen] };
}

/**
 * The deterministic identifier of an SCO (STIX 2.1 §2.9): a UUIDv5 in the SCO
 * namespace over the canonical JSON (RFC 8785) of its ID-contributing
 * properties. Falls back to a UUIDv4 when none of them is present.
 */
export function scoIdentifier(sco: { type: string; [property: string]: unknown }): string {
  const contributing = SCO_ID_CONTRIBUTING_PROPERTIES[sco.type];
  const name: Record<string, unknown> = {};
  for (const property of contributing ?? []) {
    const value = sco[property];
    if (value === undefined) continue;
    name[property] = property === 'hashes' && value !== null && typeof value === 'object'
      ? oneHash(value as Record<string, unknown>)
      : value;
  }
  if (Object.keys(name).length === 0) return newIdentifier(sco.type);
  return `${sco.type}--${uuidV5(SCO_ID_NAMESPACE, canonicalize(name))}`;
}
