import { atLeastOneOf, exactlyOneOf } from './constraints.ts';
import { LANGUAGE_TAG, URL_FORMAT } from './formats.ts';
import {
  BOOLEAN, STRING, STRINGS, embedded, integer, listOf, ref, refTo, refs, shape, stringOf,
  type Constraint, type Kind,
} from './property-kinds.ts';
import { keyPath } from './report.ts';
import { granularMarkingSelectors, modifiedNotBeforeCreated } from './rules.ts';

/** The embedded types (§2.5, §2.11, §7.2.3) and common properties (§3.2) that many objects share. */

const CVE_ID = /^CVE-\d{4}-(?:0\d{3}|[1-9]\d{3,})$/;
const CAPEC_ID = /^CAPEC-\d+$/;

// STIX 2.1 §4.19 and §4.1: references to CVE and CAPEC use fixed source names and id formats.
const knownSourceIds: Constraint = (reference, path, { report }) => {
  const id = reference.external_id;
  if (typeof id !== 'string') return;
  if (reference.source_name === 'cve' && !CVE_ID.test(id)) {
    report.error(keyPath(path, 'external_id'), 'value-format', `'${id}' must be a CVE identifier such as CVE-2016-1234 when source_name is cve (STIX 2.1 §4.19)`);
  } else if (reference.source_name === 'capec' && !CAPEC_ID.test(id)) {
    report.error(keyPath(path, 'external_id'), 'value-format', `'${id}' must be formatted CAPEC-[id] when source_name is capec (STIX 2.1 §4.1)`);
  }
};

/** STIX 2.1 §2.5. */
const EXTERNAL_REFERENCE = shape('external-reference', '2.5', {
  source_name: STRING,
  description: STRING,
  url: stringOf(URL_FORMAT),
  // §2.5.1: these keys MUST come from hash-algorithm-ov, unlike the hashes of SCOs.
  hashes: { kind: 'hashes', closedNames: true },
  external_id: STRING,
}, {
  required: ['source_name'],
  constraints: [atLeastOneOf(['description', 'url', 'external_id'], '2.5.2'), knownSourceIds],
});

/** STIX 2.1 §2.11. */
const KILL_CHAIN_PHASE = shape('kill-chain-phase', '2.11', {
  kill_chain_name: STRING,
  phase_name: STRING,
}, { required: ['kill_chain_name', 'phase_name'] });

/** STIX 2.1 §7.2.3.1; selectors are resolved against the object by the granular-markings rule. */
const GRANULAR_MARKING = shape('granular-marking', '7.2.3.1', {
  lang: stringOf(LANGUAGE_TAG),
  marking_ref: ref(refTo('marking-definition')),
  selectors: STRINGS,
}, { required: ['selectors'], constraints: [exactlyOneOf(['lang', 'marking_ref'], '7.2.3')] });

const EXTERNAL_REFERENCES: Kind = listOf(embedded(EXTERNAL_REFERENCE));
export const KILL_CHAIN_PHASES: Kind = listOf(embedded(KILL_CHAIN_PHASE));
const IDENTITY_REF: Kind = ref(refTo('identity'));

/** A category's common properties (§3.2 table), which of them are required, and the rules on them. */
export interface CommonProperties {
  readonly properties: Readonly<Record<string, Kind>>;
  readonly required: readonly string[];
  readonly constraints: readonly Constraint[];
}

// created and modified MUST be precise to the millisecond (§3.2).
const VERSIONING_TIMESTAMP: Kind = { kind: 'timestamp', precision: 'millisecond' };

const MARKINGS = {
  object_marking_refs: refs(refTo('marking-definition')),
  granular_markings: listOf(embedded(GRANULAR_MARKING)),
};

const VERSIONING = {
  created_by_ref: IDENTITY_REF,
  created: VERSIONING_TIMESTAMP,
  modified: VERSIONING_TIMESTAMP,
  revoked: BOOLEAN,
  labels: STRINGS,
};

/** SDOs and SROs (§4, §5). */
export const CORE_COMMON: CommonProperties = {
  properties: {
    ...VERSIONING,
    confidence: integer(0, 100),
    lang: stringOf(LANGUAGE_TAG),
    external_references: EXTERNAL_REFERENCES,
    ...MARKINGS,
  },
  required: ['created', 'modified'],
  constraints: [modifiedNotBeforeCreated, granularMarkingSelectors],
};

/** SCOs (§6): not versioned. */
export const SCO_COMMON: CommonProperties = {
  properties: { ...MARKINGS, defanged: BOOLEAN },
  required: [],
  constraints: [granularMarkingSelectors],
};

/** Language content (§7.1.1): like an SDO, without lang. */
export const LANGUAGE_CONTENT_COMMON: CommonProperties = {
  properties: { ...VERSIONING, confidence: integer(0, 100), external_references: EXTERNAL_REFERENCES, ...MARKINGS },
  required: ['created', 'modified'],
  constraints: [modifiedNotBeforeCreated, granularMarkingSelectors],
};

/** Marking definitions (§7.2.1): not versioned. */
export const MARKING_COMMON: CommonProperties = {
  properties: { created_by_ref: IDENTITY_REF, created: VERSIONING_TIMESTAMP, external_references: EXTERNAL_REFERENCES, ...MARKINGS },
  required: ['created'],
  constraints: [granularMarkingSelectors],
};

/** Extension definitions (§7.3.1): created_by_ref is required. */
export const EXTENSION_DEFINITION_COMMON: CommonProperties = {
  properties: { ...VERSIONING, external_references: EXTERNAL_REFERENCES, ...MARKINGS },
  required: ['created', 'modified', 'created_by_ref'],
  constraints: [modifiedNotBeforeCreated, granularMarkingSelectors],
};
