import { isIPv6 } from 'node:net';

/**
 * A named string format. `problem` says why a string does not conform, or
 * returns undefined when it does.
 */
export interface StringFormat {
  readonly name: string;
  readonly problem: (value: string) => string | undefined;
}

function fromPattern(name: string, pattern: RegExp, expectation: string): StringFormat {
  return { name, problem: (value) => (pattern.test(value) ? undefined : expectation) };
}

// RFC 3986 §3: a scheme, a colon, then no whitespace or characters that may never appear in a URI.
export const URL_FORMAT = fromPattern(
  'url', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]*$/, 'must be a URL as defined by RFC 3986 (scheme:rest, no spaces)',
);

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';

// STIX 2.1 §6.8: CIDR notation, the /32 suffix may be omitted.
export const IPV4_CIDR = fromPattern(
  'ipv4-cidr', new RegExp(`^${OCTET}(?:\\.${OCTET}){3}(?:/(?:3[0-2]|[12]?[0-9]))?$`),
  'must be an IPv4 address or CIDR block such as 198.51.100.0/24',
);

const IPV6_PREFIX = /^(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;

// STIX 2.1 §6.9: CIDR notation, the /128 suffix may be omitted.
export const IPV6_CIDR: StringFormat = {
  name: 'ipv6-cidr',
  problem(value) {
    const slash = value.indexOf('/');
    const address = slash === -1 ? value : value.slice(0, slash);
    const prefixOk = slash === -1 || IPV6_PREFIX.test(value.slice(slash + 1));
    return isIPv6(address) && prefixOk ? undefined : 'must be an IPv6 address or CIDR block such as 2001:db8::/96';
  },
};

// STIX 2.1 §6.10: colon-delimited, lowercase MAC-48 with leading zeros.
export const MAC_ADDRESS = fromPattern(
  'mac-address', /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/, 'must be a lowercase, colon-delimited MAC-48 address such as 00:00:ab:cd:ef:01',
);

// STIX 2.1 §6.4: RFC 1034 names; labels of internationalised names (RFC 5890) may hold non-ASCII letters.
export const DOMAIN_NAME: StringFormat = {
  name: 'domain-name',
  problem(value) {
    const name = value.endsWith('.') ? value.slice(0, -1) : value;
    if (name.length === 0 || name.length > 253) return 'must be a domain name of 1 to 253 characters';
    for (const label of name.split('.')) {
      if (label.length === 0 || label.length > 63) return 'each label of a domain name must have 1 to 63 characters';
      if (/[\s/:@\\?#[\]]/.test(label)) return 'a domain name must not contain spaces or URL punctuation';
    }
    return undefined;
  },
};

// STIX 2.1 §6.5: the addr-spec of RFC 5322 §3.4 (no display name).
export const EMAIL_ADDRESS = fromPattern(
  'email-address', /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+$/, 'must be an email address (addr-spec) such as jane.smith@example.com, without a display name',
);

// RFC 6838 §4.2: type "/" subtype, both restricted-name tokens.
export const MIME_TYPE = fromPattern(
  'mime-type', /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(?:\s*;.*)?$/,
  'must be a MIME type such as application/zip',
);

// RFC 5646 §2.1, well-formedness only: a primary subtag then subtags of 1-8 letters or digits.
export const LANGUAGE_TAG = fromPattern(
  'language-tag', /^(?:[A-Za-z]{2,8}|[xXiI])(?:-[A-Za-z0-9]{1,8})*$/, 'must be an RFC 5646 language tag such as en or pt-BR',
);

// CPE 2.3 formatted string (NISTIR 7695 §6.2): "cpe:2.3:" then 11 colon-separated components.
const CPE_COMPONENT = String.raw`(?:[^:\\]|\\.)+`;
export const CPE_23 = fromPattern(
  'cpe-2.3', new RegExp(`^cpe:2\\.3:[aho*-](?::${CPE_COMPONENT}){10}$`),
  'must be a CPE 2.3 formatted string such as cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*',
);

// STIX 2.1 §3.9.1: a name from the IANA character set registry.
export const CHARSET = fromPattern(
  'charset', /^[A-Za-z0-9][A-Za-z0-9()+_.:-]{0,249}$/, 'must be a character set name from the IANA registry such as windows-1252',
);

// STIX 2.1 §6.17.1: the hive must be spelled out, e.g. HKEY_LOCAL_MACHINE rather than HKLM.
export const REGISTRY_KEY = fromPattern(
  'registry-key', /^(?!(?:HKLM|HKCU|HKCR|HKU|HKCC)(?:\\|$))/i, 'must spell out the hive (HKEY_LOCAL_MACHINE, not HKLM)',
);

// STIX 2.1 §5.1: ASCII lowercase letters, digits and hyphens.
export const RELATIONSHIP_TYPE_NAME = fromPattern(
  'relationship-type', /^[a-z0-9-]+$/, 'must use only lowercase ASCII letters, digits and hyphens',
);

// RFC 4648 §4 base64 with padding, as STIX 2.1 §2.1 requires for binary.
export const BASE64 = fromPattern(
  'base64', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/,
  'must be base64 (RFC 4648) with padding',
);

// STIX 2.1 §2.8: an even number of hexadecimal digits.
export const HEX = fromPattern('hex', /^(?:[0-9A-Fa-f]{2})+$/, 'must be an even number of hexadecimal digits');

/**
 * The value formats of the hash algorithms in hash-algorithm-ov (§10.7).
 * Hex digests accept either case, as the published examples use both.
 */
export const HASH_VALUE_FORMATS: ReadonlyMap<string, StringFormat> = new Map([
  ['MD5', fromPattern('MD5', /^[0-9A-Fa-f]{32}$/, 'must be 32 hexadecimal digits')],
  ['SHA-1', fromPattern('SHA-1', /^[0-9A-Fa-f]{40}$/, 'must be 40 hexadecimal digits')],
  ['SHA-256', fromPattern('SHA-256', /^[0-9A-Fa-f]{64}$/, 'must be 64 hexadecimal digits')],
  ['SHA-512', fromPattern('SHA-512', /^[0-9A-Fa-f]{128}$/, 'must be 128 hexadecimal digits')],
  ['SHA3-256', fromPattern('SHA3-256', /^[0-9A-Fa-f]{64}$/, 'must be 64 hexadecimal digits')],
  ['SHA3-512', fromPattern('SHA3-512', /^[0-9A-Fa-f]{128}$/, 'must be 128 hexadecimal digits')],
  ['SSDEEP', fromPattern('SSDEEP', /^[A-Za-z0-9/+:.]{1,128}$/, 'must be an ssdeep piecewise hash')],
  ['TLSH', fromPattern('TLSH', /^[A-Za-z0-9]{70}$/, 'must be a 35-byte TLSH digest (70 characters)')],
]);
