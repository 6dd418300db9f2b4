import { AppError, ErrorCode } from '../common/errors.ts';
import { newIdentifier, parseIdentifier, uuidV5 } from '../stix/identifier.ts';
import type { StixObject } from '../stix/object.ts';
import { now as clockNow } from '../stix/timestamp.ts';
import { INDUSTRY_SECTOR } from '../stix/validation/vocabularies.ts';
import { validateObject } from '../stix/validation/index.ts';
import { newVersion } from '../stix/versioning.ts';
import type { LocalStore } from '../store/local/local-store.ts';
import type { Store } from '../store/store.ts';
import type { Checked } from './model.ts';

/** The name of a node's identity when neither an option nor the node's title gives one. */
export const DEFAULT_NODE_NAME = 'Accord node';

/** Who the node is, beyond its name: sectors (`industry-sector-ov`) and country (ISO 3166-1 alpha-2). */
export interface IdentityProfile {
  sectors?: string[];
  country?: string;
}

export interface NodeIdentityOptions extends IdentityProfile {
  /** The identity's `name` when it is created (default: the node's title, else "Accord node"). Ignored once it exists. */
  name?: string;
  /** `created`/`modified` of a new identity (default: the clock). */
  now?: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** Two-letter codes that name no country: user-assigned (AA, QM-QZ, XA-XZ, ZZ) and groupings (EU, EZ, UN). */
const NOT_A_COUNTRY = /^(?:AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN)$/;

/** The code ISO 3166-1 uses for `code` when CLDR knows it by an alias (UK → GB, DD → DE). */
function canonicalRegion(code: string): string {
  return Intl.getCanonicalLocales(`und-${code}`)[0]!.slice('und-'.length);
}

/** The English name of an ISO 3166-1 alpha-2 country code, or undefined when it names none. */
export function countryName(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || NOT_A_COUNTRY.test(code) || canonicalRegion(code) !== code) return undefined;
  const name = regionNames.of(code);
  return name === undefined || name === code ? undefined : name;
}

/** Checks sectors (each in STIX 2.1 `industry-sector-ov`, §10.11) and a country code (`gb` is read as `GB`). */
export function checkIdentityProfile(input: { sectors?: string | readonly string[]; country?: string }): Checked<IdentityProfile> {
  const problems: string[] = [];
  const profile: IdentityProfile = {};
  if (input.sectors !== undefined) {
    const sectors = [...new Set((typeof input.sectors === 'string' ? [input.sectors] : input.sectors).flatMap((item) => item.split(',')).map((item) => item.trim()).filter((item) => item !== ''))];
    const unknown = sectors.filter((sector) => !INDUSTRY_SECTOR.values.has(sector));
    if (sectors.length === 0) problems.push('no sector given');
    for (const sector of unknown) problems.push(`"${sector}" is not an industry sector of STIX 2.1 (industry-sector-ov), e.g. government-national, government, defense, financial-services`);
    profile.sectors = sectors;
  }
  if (input.country !== undefined) {
    const code = input.country.trim().toUpperCase();
    if (countryName(code) === undefined) {
      const alias = /^[A-Z]{2}$/.test(code) ? canonicalRegion(code) : code;
      problems.push(`"${input.country}" is not an ISO 3166-1 alpha-2 country code (${alias !== code && countryName(alias) !== undefined ? `did you mean ${alias}?` : 'e.g. GB, AU, PL'})`);
    }
    profile.country = code;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: profile, warnings: [] };
}

/** The latest stored version of `id`, if any. */
async function latest(store: Store, id: string): Promise<StixObject | undefined> {
  return (await store.query({ ids: [id] }, { limit: 1 })).items[0]?.object;
}

/** Validates and stores an object the node makes about itself. */
async function storeOwn(store: Store, object: StixObject): Promise<void> {
  const validation = validateObject(object);
  if (!validation.valid) {
    throw new AppError(ErrorCode.STIX_INVALID, `the node's ${object.type} is not valid STIX 2.1: ${validation.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
  }
  const result = await store.ingest([object]);
  if (result.conflicts.length > 0) throw new AppError(ErrorCode.STORE_CONFLICT, `the node's ${object.type} ${object.id} could not be stored: ${result.conflicts[0]!.message}`);
}

/**
 * The ids of the node's `location` (its country) and the `located-at`
 * relationship from its identity: derived from the identity's id, so each node
 * has its own and finds them again without remembering them.
 */
export function nodeLocationIds(identityId: string): { location: string; relationship: string } {
  const namespace = parseIdentifier(identityId)!.uuid;
  return { location: `location--${uuidV5(namespace, 'country')}`, relationship: `relationship--${uuidV5(namespace, 'located-at')}` };
}

/**
 * The node's own STIX 2.1 `identity` (identity_class `organization`): who
 * created what this node produces (sightings, observed-data), and where it
 * was sighted. Made once and remembered in the node settings (`identityId`);
 * later calls return the stored latest version and change nothing — unless
 * they give `sectors` that differ from the stored ones (a new version) or a
 * `country` (see `ensureNodeCountry`). If the settings name an identity the
 * object store no longer holds (a replaced store file), it is made again
 * under the same id. Its signing key is federation/keys.ts.
 */
export async function ensureNodeIdentity(store: Store, local: LocalStore, options: NodeIdentityOptions = {}): Promise<StixObject> {
  const settings = local.settings();
  let identity = settings.identityId === undefined ? undefined : await latest(store, settings.identityId);
  const timestamp = options.now ?? clockNow();
  if (identity === undefined) {
    identity = {
      type: 'identity',
      spec_version: '2.1',
      id: settings.identityId ?? newIdentifier('identity'),
      created: timestamp,
      modified: timestamp,
      name: options.name ?? (settings.title.trim() === '' ? DEFAULT_NODE_NAME : settings.title),
      identity_class: 'organization',
      ...(options.sectors !== undefined && options.sectors.length > 0 && { sectors: options.sectors }),
    };
    // The id is remembered first: a crash before the write leaves an id that the next call fills in, never a second identity.
    if (settings.identityId === undefined) local.putSettings({ identityId: identity.id });
    await storeOwn(store, identity);
  } else if (options.sectors !== undefined && JSON.stringify(options.sectors) !== JSON.stringify(identity.sectors ?? [])) {
    identity = newVersion(identity, { sectors: options.sectors.length > 0 ? options.sectors : undefined }, timestamp);
    await storeOwn(store, identity);
  }
  if (options.country !== undefined) await ensureNodeCountry(store, identity, options.country, timestamp);
  return identity;
}

/**
 * Records the node's country as STIX 2.1 does: a `location` with `country`
 * (§4.10) and a `located-at` relationship from the identity to it (§4.5).
 * Idempotent; a different country makes a new version of the location.
 */
export async function ensureNodeCountry(store: Store, identity: StixObject, country: string, now: string = clockNow()): Promise<StixObject> {
  const ids = nodeLocationIds(identity.id);
  const name = countryName(country) ?? country;
  let location = await latest(store, ids.location);
  if (location === undefined) {
    location = { type: 'location', spec_version: '2.1', id: ids.location, created: now, modified: now, created_by_ref: identity.id, name, country };
    await storeOwn(store, location);
  } else if (location.country !== country) {
    location = newVersion(location, { name, country }, now);
    await storeOwn(store, location);
  }
  if ((await latest(store, ids.relationship)) === undefined) {
    await storeOwn(store, {
      type: 'relationship', spec_version: '2.1', id: ids.relationship, created: now, modified: now, created_by_ref: identity.id,
      relationship_type: 'located-at', source_ref: identity.id, target_ref: location.id,
    });
  }
  return location;
}

/** The node's identity and its country, as stored; undefined before `accord init`. */
export async function readNodeIdentity(store: Store, local: LocalStore): Promise<{ identity: StixObject; country?: string } | undefined> {
  const { identityId } = local.settings();
  const identity = identityId === undefined ? undefined : await latest(store, identityId);
  if (identity === undefined) return undefined;
  const location = await latest(store, nodeLocationIds(identity.id).location);
  return { identity, ...(typeof location?.country === 'string' && { country: location.country }) };
}
