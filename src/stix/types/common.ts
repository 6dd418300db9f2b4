/**
 * Common data types of STIX 2.1 (§2) and the common properties every object
 * family shares (§3.2 for SDOs/SROs, §6 for SCOs). Wire property names are the
 * spec's snake_case.
 */
import type { StixObject } from '../object.ts';

/** An identifier, `object-type--UUID` (STIX 2.1 §2.9). */
export type Identifier = string;

/** An RFC 3339 timestamp in UTC ending in `Z` (STIX 2.1 §2.15). */
export type Timestamp = string;

/** Hashes (STIX 2.1 §2.7): hash algorithm (`hash-algorithm-ov`, e.g. `SHA-256`) → digest. */
export type Hashes = Record<string, string>;

/** External reference (STIX 2.1 §2.5): a pointer to information outside STIX. */
export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  hashes?: Hashes;
  external_id?: string;
}

/** Kill chain phase (STIX 2.1 §2.11). */
export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

/**
 * Granular marking (STIX 2.1 §7.2.3): applies a marking, or a language
 * (`lang`), to the parts of the object picked by `selectors` (§7.2.3.1).
 * Exactly one of `marking_ref` and `lang` is present.
 */
export interface GranularMarking {
  lang?: string;
  marking_ref?: Identifier;
  selectors: string[];
}

/** The kinds of extension an extension-definition can define (STIX 2.1 §7.3, `extension-type-enum`). */
export type ExtensionType =
  | 'new-sdo'
  | 'new-sco'
  | 'new-sro'
  | 'property-extension'
  | 'toplevel-property-extension';

/**
 * One entry of an `extensions` dictionary. Extensions defined by an
 * extension-definition carry `extension_type`; the predefined SCO extensions
 * (e.g. `archive-ext`, §6.7) do not.
 */
export interface Extension {
  extension_type?: ExtensionType;
  [property: string]: unknown;
}

/** The `extensions` property: extension name (predefined name or extension-definition id) → extension. */
export interface Extensions {
  [name: string]: Extension | undefined;
}

/**
 * The common properties of SDOs, SROs and the SMOs that are versioned
 * (language-content, extension-definition): STIX 2.1 §3.2.
 */
export interface StixCommonProperties<Type extends string> extends StixObject {
  type: Type;
  spec_version: '2.1';
  id: Identifier;
  created_by_ref?: Identifier;
  created: Timestamp;
  modified: Timestamp;
  revoked?: boolean;
  labels?: string[];
  /** 0 (no confidence) to 100 (certain). */
  confidence?: number;
  lang?: string;
  external_references?: ExternalReference[];
  object_marking_refs?: Identifier[];
  granular_markings?: GranularMarking[];
  extensions?: Extensions;
}

/**
 * The common properties of SCOs (STIX 2.1 §6 / §3.2). SCOs have no
 * `created`/`modified`: they are not versioned.
 */
export interface ScoCommonProperties<Type extends string> extends StixObject {
  type: Type;
  /** Optional on SCOs; absent means 2.1. */
  spec_version?: '2.1';
  id: Identifier;
  object_marking_refs?: Identifier[];
  granular_markings?: GranularMarking[];
  defanged?: boolean;
  extensions?: Extensions;
}
