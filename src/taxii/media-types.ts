/**
 * TAXII 2.1 content negotiation (§1.6.8): the media types, a parser for
 * Content-Type and Accept values (RFC 9110 §8.3.1, §12.5.1), and the two
 * decisions a server makes with them: which type to answer in (none → 406)
 * and whether it can read a request body (no → 415).
 */

/** The one TAXII version Accord speaks (§1.6.8.2). */
export const TAXII_VERSION = '2.1';

/** Requests and responses of every TAXII 2.1 endpoint (§1.6.8.2), in the spec's exact spelling. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** STIX 2.1 objects: what a collection stores (§5.2.1 `media_types`) and a manifest record describes (§5.3.1). */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

export interface MediaType {
  /** Lowercase; `*` only in an Accept range. */
  type: string;
  subtype: string;
  /** Names lowercase; values unquoted, case kept. */
  parameters: Readonly<Record<string, string>>;
}

export interface MediaRange extends MediaType {
  /** The weight `q`, 0 to 1 (default 1): 0 means "not acceptable". */
  q: number;
}

// RFC 9110 §5.6.2 token, §5.6.4 quoted-string (qdtext and quoted-pair, obs-text included).
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t !#-\\[\\]-~\\x80-\\xff]|\\\\[\\t -~\\x80-\\xff])*"';
// RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS [ parameter ] ).
const MEDIA = new RegExp(`^[ \\t]*(${TOKEN})/(${TOKEN})((?:[ \\t]*;[ \\t]*(?:${TOKEN}=(?:${TOKEN}|${QUOTED}))?)*)[ \\t]*$`);
const PARAMETER = new RegExp(`(${TOKEN})=(${TOKEN}|${QUOTED})`, 'g');
// RFC 9110 §12.4.2: at most three decimals, never above 1.
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** A Content-Type value, or `undefined` when it is malformed or a wildcard. */
export function parseMediaType(text: string): MediaType | undefined {
  const media = parseElement(text, false);
  if (media === undefined || media.type === '*' || media.subtype === '*') return undefined;
  return { type: media.type, subtype: media.subtype, parameters: media.parameters };
}

/**
 * The media ranges of an Accept value, in order. Malformed members are left
 * out rather than failing the whole header, so one odd range from a client
 * library does not hide the TAXII range beside it.
 */
export function parseAccept(header: string): MediaRange[] {
  return splitList(header).flatMap((element) => parseElement(element, true) ?? []);
}

/**
 * The type of `offered` (the server's preference order) that `accept` rates
 * highest, or `undefined` when none is acceptable (→ 406). Each offered type
 * takes the weight of the most specific range that names it (RFC 9110
 * §12.5.1), so `application/taxii+json;q=0, application/*` refuses TAXII.
 *
 * - `application/taxii+json` without `version` means the latest version the
 *   server supports (§1.6.8.2), so it matches `version=2.1`; another version
 *   does not match.
 * - The wildcards (any type, `application/*`) match: TAXII requests MUST carry a TAXII range
 *   (§3.1), but types not defined for an endpoint MAY be satisfied (§3.1), and
 *   answering the one type we have is more useful than a 406.
 * - No Accept header (or an empty one) accepts anything (RFC 9110 §12.5.1).
 * - Parameters other than `version` (e.g. `charset`) do not affect matching.
 */
export function negotiate(accept: string | undefined, offered: readonly string[]): string | undefined {
  const ranges = accept === undefined || accept.trim() === '' ? [ANY] : parseAccept(accept);
  let best: { type: string; q: number } | undefined;
  for (const candidate of offered) {
    const media = parseMediaType(candidate);
    if (media === undefined) throw new TypeError(`offered media type ${JSON.stringify(candidate)} is malformed`);
    const q = weight(media, ranges);
    if (q > 0 && (best === undefined || q > best.q)) best = { type: candidate, q };
  }
  return best?.type;
}

/**
 * Whether a request body labelled `contentType` is a TAXII 2.1 body Accord
 * reads (else 415): `application/taxii+json` with `version` 2.1 or none (the
 * latest, §1.6.8.2) and, if a charset is given, UTF-8 (§1.6.7).
 */
export function isReadableContentType(contentType: string | undefined): boolean {
  const media = contentType === undefined ? undefined : parseMediaType(contentType);
  if (media?.type !== 'application' || media.subtype !== 'taxii+json') return false;
  const { version, charset } = media.parameters;
  return (version === undefined || version === TAXII_VERSION) && (charset === undefined || charset.toLowerCase() === 'utf-8');
}

const ANY: MediaRange = { type: '*', subtype: '*', parameters: {}, q: 1 };

function weight(media: MediaType, ranges: readonly MediaRange[]): number {
  let bestSpecificity = -1;
  let q = 0;
  for (const range of ranges) {
    const specificity = specificityOf(range, media);
    if (specificity < 0) continue;
    if (specificity > bestSpecificity || (specificity === bestSpecificity && range.q > q)) {
      bestSpecificity = specificity;
      q = range.q;
    }
  }
  return q;
}

/** How closely `range` names `media` (higher is more specific), or -1 when it does not match it. */
function specificityOf(range: MediaRange, media: MediaType): number {
  if (range.type === '*') return 0;
  if (range.type !== media.type) return -1;
  if (range.subtype === '*') return 1;
  if (range.subtype !== media.subtype) return -1;
  const version = range.parameters.version;
  if (version === undefined) return 2;
  return version === media.parameters.version ? 3 : -1;
}

/**
 * One media type or range. In a range the first `q` parameter is the weight
 * and ends the range (RFC 9110 §12.5.1: nothing follows the weight). A
 * parameter given twice is an error (RFC 6838 §4.3).
 */
function parseElement(text: string, isRange: boolean): MediaRange | undefined {
  const match = MEDIA.exec(text);
  if (!match) return undefined;
  const type = match[1]!.toLowerCase();
  const subtype = match[2]!.toLowerCase();
  if (type === '*' && subtype !== '*') return undefined;
  const parameters: Record<string, string> = {};
  let q = 1;
  for (const [, rawName, rawValue] of match[3]!.matchAll(PARAMETER)) {
    const name = rawName!.toLowerCase();
    const value = unquote(rawValue!);
    if (isRange && name === 'q') {
      if (!QVALUE.test(value)) return undefined;
      q = Number(value);
      break;
    }
    if (Object.hasOwn(parameters, name)) return undefined;
    parameters[name] = value;
  }
  return { type, subtype, parameters, q };
}

function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/** The members of a comma-separated list (RFC 9110 §5.6.1), commas inside quoted strings kept; empty members dropped. */
function splitList(header: string): string[] {
  const members: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const char = header[i];
    if (quoted && char === '\\') i++;
    else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      members.push(header.slice(start, i));
      start = i + 1;
    }
  }
  members.push(header.slice(start));
  return members.filter((member) => member.trim() !== '');
}
