import { parseApiKey } from '../common/secrets.ts';
import { parseIdentifier } from '../stix/identifier.ts';
import { now as clockNow } from '../stix/timestamp.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import type { TaxiiCredentials } from '../taxii/index.ts';
import { assertUsableUrl } from '../taxii/transport.ts';
import { parsePublicKey } from './keys.ts';
import { PARTNER_KINDS, type Checked, type Partner, type PartnerKind } from './model.ts';

/** Partner names: short, lower case, safe on a command line and in logs (`au`, `pl`, `acme-isac`). */
const PARTNER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/** What `accord partner add` (or the API) is given; every field as typed. */
export interface PartnerInput {
  name: string;
  /** Default `state`. */
  kind?: string;
  url?: string;
  identity?: string;
  publicKey?: string;
  account?: string;
  /** `USER:SECRET` (HTTP Basic) or an Accord API key `accord_KEYID_SECRET` (Bearer) for the partner's server. */
  credentials?: string;
  /** The id of the partner's collection pushes go to (default: the first it lets this node write). */
  pushCollection?: string;
}

export interface PartnerContext {
  /** Whether this node has a local account of that name. */
  accountExists(name: string): boolean;
  now?: string;
}

export interface NewPartner {
  partner: Partner;
  /** Stored beside the partner, never printed. */
  credentials?: string;
}

/** Options that only a partner with a node has (the public has none). */
const NODE_FIELDS = [
  ['url', 'a URL'],
  ['identity', 'an identity'],
  ['publicKey', 'a public key'],
  ['account', 'an account'],
  ['credentials', 'credentials'],
  ['pushCollection', 'a push collection'],
] as const;

/** What to say about a partner name that no partner has. */
export function unknownPartner(name: string): string {
  return `there is no partner named "${name}" (see \`accord partner list\`)`;
}

/** Why `name` cannot name a partner, or undefined. */
export function partnerNameProblem(name: string): string | undefined {
  return PARTNER_NAME.test(name) ? undefined : `the partner name "${name}" is not allowed: use 1-32 lower-case letters, digits and hyphens (e.g. au, acme-isac)`;
}

/**
 * Checks a new partner: the name, the kind, and for a partner with a node its
 * TAXII API root URL, STIX identity, Ed25519 public key, local account and
 * credentials; the public takes none of those. Reports every problem at once.
 */
export function checkPartner(input: PartnerInput, context: PartnerContext): Checked<NewPartner> {
  const problems: string[] = [];
  const nameProblem = partnerNameProblem(input.name);
  if (nameProblem !== undefined) problems.push(nameProblem);
  const kind = (input.kind ?? 'state') as PartnerKind;
  if (!PARTNER_KINDS.includes(kind)) {
    problems.push(`unknown partner kind "${input.kind}": expected ${PARTNER_KINDS.join(', ')}`);
    return { ok: false, problems };
  }
  const partner: Partner = { name: input.name, kind, createdAt: context.now ?? clockNow() };
  if (kind === 'public') {
    const given = NODE_FIELDS.filter(([field]) => input[field] !== undefined).map(([, label]) => label);
    if (given.length > 0) problems.push(`the public has no node, so a public partner takes no ${given.join(', ')}: it reads only the public pages`);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { partner }, warnings: [] };
  }

  const required = (field: 'url' | 'identity' | 'publicKey', option: string): string | undefined => {
    const value = input[field];
    if (value === undefined || value.trim() === '') problems.push(`a ${kind} partner needs ${option}`);
    return value?.trim() || undefined;
  };
  const url = required('url', '--url (its TAXII API root, e.g. https://taxii.example.gov/taxii2/accord/)');
  if (url !== undefined) {
    const checked = checkPartnerUrl(url);
    if ('problem' in checked) problems.push(checked.problem);
    else partner.url = checked.url;
  }
  const identity = required('identity', '--identity (the identity id that `accord identity show` prints on its node)');
  if (identity !== undefined) {
    if (parseIdentifier(identity)?.type === 'identity') partner.identityId = identity;
    else problems.push(`the identity "${identity}" is not a STIX identity id: expected identity--<uuid>`);
  }
  const publicKey = required('publicKey', '--public-key (the public key that `accord identity show` prints on its node)');
  if (publicKey !== undefined) {
    const parsed = parsePublicKey(publicKey);
    if ('problem' in parsed) problems.push(`the public key ${parsed.problem}`);
    else partner.publicKey = parsed.publicKey;
  }
  if (input.account !== undefined) {
    if (context.accountExists(input.account)) partner.accountName = input.account;
    else problems.push(`there is no local account named "${input.account}": create it first with \`accord user add ${input.account} --role partner --kind system\``);
  }
  if (input.credentials !== undefined) {
    const parsed = parseCredentials(input.credentials);
    if ('problem' in parsed) problems.push(parsed.problem);
  }
  if (input.pushCollection !== undefined) {
    // A TAXII collection id goes into a URL path segment of the partner's API root.
    if (/^[^\s/?#]{1,200}$/.test(input.pushCollection)) partner.pushCollection = input.pushCollection;
    else problems.push(`the push collection "${input.pushCollection}" is not a collection id: expected the id of one of the partner's TAXII collections (1-200 characters, no spaces, / ? or #)`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { partner, ...(input.credentials !== undefined && { credentials: input.credentials }) }, warnings: [] };
}

/** What `accord partner update` (or the API) may change; every field as typed, absent: unchanged. */
export type PartnerChange = Omit<PartnerInput, 'name' | 'kind'>;

/**
 * Checks a change to a stored partner: the stored fields with the change laid
 * over them are checked exactly as a new partner's are (`checkPartner`), so an
 * update can never store what `add` would refuse. The partner keeps its name,
 * kind and `createdAt`. `credentials`: the stored ones, kept unless changed.
 */
export function checkPartnerUpdate(current: Partner, credentials: string | undefined, change: PartnerChange, context: PartnerContext): Checked<NewPartner> {
  const given = Object.entries(change).filter(([, value]) => value !== undefined).map(([field]) => field);
  if (given.length === 0) return { ok: false, problems: ['nothing to change: give at least one of --url, --identity, --public-key, --account, --credentials, --push-collection'] };
  const merged: PartnerInput = {
    name: current.name,
    kind: current.kind,
    ...(current.url !== undefined && { url: current.url }),
    ...(current.identityId !== undefined && { identity: current.identityId }),
    ...(current.publicKey !== undefined && { publicKey: current.publicKey }),
    ...(current.accountName !== undefined && { account: current.accountName }),
    ...(current.pushCollection !== undefined && { pushCollection: current.pushCollection }),
    ...(credentials !== undefined && { credentials }),
    ...Object.fromEntries(given.map((field) => [field, change[field as keyof PartnerChange]])),
  };
  return checkPartner(merged, { ...context, now: current.createdAt });
}

/** A partner's TAXII API root URL, with a closing slash; http(s) only, plain http only to this machine, no credentials. */
export function checkPartnerUrl(text: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `the URL "${text}" is not a URL: expected the partner's TAXII API root, e.g. https://taxii.example.gov/taxii2/accord/` };
  }
  if (url.search !== '' || url.hash !== '') return { problem: `the URL "${text}" has a query or fragment: expected the partner's TAXII API root, e.g. https://taxii.example.gov/taxii2/accord/` };
  try {
    assertUsableUrl(url, false);
  } catch (error) {
    return { problem: `the URL "${text}" cannot be used: ${(error as Error).message.replace(/^cannot use \S*: /, '')}` };
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { url: url.href };
}

/**
 * The credentials this node signs in at a partner's TAXII server with:
 * `USER:SECRET` for HTTP Basic, or an Accord API key (`accord_KEYID_SECRET`)
 * sent as a Bearer token.
 */
export function parseCredentials(text: string): TaxiiCredentials | { problem: string } {
  if (parseApiKey(text) !== undefined) return { scheme: 'bearer', token: text };
  const colon = text.indexOf(':');
  if (colon > 0 && colon < text.length - 1) return { scheme: 'basic', username: text.slice(0, colon), password: text.slice(colon + 1) };
  return { problem: 'the credentials are neither USER:SECRET (HTTP Basic at the partner\'s server) nor an Accord API key accord_KEYID_SECRET' };
}

/** The stored credentials for signing in at the partner's server, or undefined when none were given. */
export function partnerCredentials(local: LocalStore, name: string): TaxiiCredentials | undefined {
  const text = local.partnerCredentials(name);
  if (text === undefined) return undefined;
  const parsed = parseCredentials(text);
  return 'problem' in parsed ? undefined : parsed;
}
