/** STIX Meta Objects (STIX 2.1 §7) and the `StixMetaObject` union. */
import type { StixObject } from '../object.ts';
import type {
  ExtensionType,
  Extensions,
  ExternalReference,
  GranularMarking,
  Identifier,
  StixCommonProperties,
  Timestamp,
} from './common.ts';

/** STIX 2.1 §7.1 Language Content: translations of another object's text properties. */
export interface LanguageContent extends StixCommonProperties<'language-content'> {
  object_ref: Identifier;
  object_modified?: Timestamp;
  /** Language tag (RFC 5646) → property name → translated value (same shape as the original). */
  contents: Record<string, Record<string, unknown>>;
}

/**
 * STIX 2.1 §7.2.1 Marking Definition. Not versioned, so it has `created`
 * but no `modified`. The marking is either `definition_type` + `definition`
 * (deprecated form) or an extension (e.g. TLP 2.0).
 */
export interface MarkingDefinition extends StixObject {
  type: 'marking-definition';
  spec_version: '2.1';
  id: Identifier;
  created_by_ref?: Identifier;
  created: Timestamp;
  external_references?: ExternalReference[];
  object_marking_refs?: Identifier[];
  granular_markings?: GranularMarking[];
  extensions?: Extensions;
  name?: string;
  /** `statement` (§7.2.1.3), `tlp` (§7.2.1.4, only the four predefined TLP 1.0 objects) or a custom type. */
  definition_type?: string;
  /** `{ statement }` or `{ tlp }` for the two predefined types. */
  definition?: Record<string, unknown>;
}

/** STIX 2.1 §7.3 Extension Definition: the schema of a new object type or of added properties. */
export interface ExtensionDefinition extends StixCommonProperties<'extension-definition'> {
  created_by_ref: Identifier;
  name: string;
  description?: string;
  /** The normative definition: a URL or plain text. */
  schema: string;
  version: string;
  extension_types: ExtensionType[];
  /** Only with `toplevel-property-extension`: the added top-level property names. */
  extension_properties?: string[];
}

/** Every SMO type of STIX 2.1 §7. */
export const SMO_TYPES = ['extension-definition', 'language-content', 'marking-definition'] as const;
export type SmoTypeName = (typeof SMO_TYPES)[number];

export type StixMetaObject = ExtensionDefinition | LanguageContent | MarkingDefinition;
