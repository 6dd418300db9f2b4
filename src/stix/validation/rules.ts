import { isPlainObject } from './check-value.ts';
import { timestampOrder } from './constraints.ts';
import { LANGUAGE_TAG, RELATIONSHIP_TYPE_NAME } from './formats.ts';
import type { Constraint, Context } from './property-kinds.ts';
import { describe, indexPath, keyPath } from './report.ts';
import { resolveSelector } from './selectors.ts';
import { TLP1_CREATED, TLP1_MARKINGS, TLP1_PROPERTIES, TLP2_EXTENSION_ID, TLP2_LEVELS, TLP2_MARKINGS } from './tlp.ts';

/**
 * Named rules that the property tables cannot express: requirements that
 * compare properties or depend on their values. Each is a constraint on the
 * whole object, attached to the types it applies to.
 */

/** §3.2: modified MUST be later than or equal to created. */
export const modifiedNotBeforeCreated = timestampOrder('modified', 'created', '3.2', { rule: 'modified-before-created' });

/** §7.2.3.1: every selector MUST select content present in the object. */
export const granularMarkingSelectors: Constraint = (object, path, { report }) => {
  const markings = object.granular_markings;
  if (!Array.isArray(markings)) return;
  markings.forEach((marking, markingIndex) => {
    if (!isPlainObject(marking) || !Array.isArray(marking.selectors)) return;
    const selectorsPath = keyPath(indexPath(keyPath(path, 'granular_markings'), markingIndex), 'selectors');
    marking.selectors.forEach((selector, selectorIndex) => {
      if (typeof selector !== 'string') return;
      const resolution = resolveSelector(object, selector);
      if (resolution.found) return;
      const rule = resolution.problem === 'syntax' ? 'selector-syntax' : 'selector-unresolved';
      report.error(indexPath(selectorsPath, selectorIndex), rule, `${resolution.reason} (STIX 2.1 §7.2.3.1)`);
    });
  });
};

/** §4.10: a location has a region, a country, or a latitude and longitude. */
export const locationArea: Constraint = (location, path, { report }) => {
  const hasCoordinates = location.latitude !== undefined && location.longitude !== undefined;
  if (location.region === undefined && location.country === undefined && !hasCoordinates) {
    report.error(path, 'at-least-one-of', "a location needs 'region', 'country', or both 'latitude' and 'longitude' (STIX 2.1 §4.10)");
  }
};

/** §4.11: a malware family MUST have a name. */
export const malwareFamilyName: Constraint = (malware, path, { report }) => {
  if (malware.is_family === true && malware.name === undefined) {
    report.error(keyPath(path, 'name'), 'required-property', "a malware family (is_family true) requires 'name' (STIX 2.1 §4.11)");
  }
};

/** §2.13, §4.14: the observable container is deprecated; each of its values is an SCO. */
export const deprecatedObservableContainer: Constraint = (observedData, path, context) => {
  const container = observedData.objects;
  if (container === undefined) return;
  const at = keyPath(path, 'objects');
  context.report.warning(at, 'deprecated-property', "'objects' is deprecated in STIX 2.1; use 'object_refs' to top-level SCOs (STIX 2.1 §4.14)");
  if (!isPlainObject(container)) {
    context.report.error(at, 'property-type', `must be an observable container (JSON object), not ${describe(container)}`);
    return;
  }
  const keys = Object.keys(container);
  if (keys.length === 0) context.report.error(at, 'empty-value', 'the observable container must hold at least one object (STIX 2.1 §4.14)');
  const inContainer: Context = { ...context, container };
  for (const key of keys) context.validateObservable(container[key], keyPath(at, key), inContainer);
};

/** §5.1: relationship types use ASCII lowercase letters, digits and hyphens. */
export const relationshipTypeName: Constraint = (relationship, path, { report }) => {
  const name = relationship.relationship_type;
  if (typeof name !== 'string') return;
  const problem = RELATIONSHIP_TYPE_NAME.problem(name);
  if (problem !== undefined) report.error(keyPath(path, 'relationship_type'), 'value-format', `${describe(name)} ${problem} (STIX 2.1 §5.1)`);
};

/** §6.6: body is for single-part messages, body_multipart for multipart ones. */
export const emailBodies: Constraint = (message, path, { report }) => {
  if (message.is_multipart === true && message.body !== undefined) {
    report.error(keyPath(path, 'body'), 'property-dependency', "'body' must not be used when is_multipart is true; use body_multipart (STIX 2.1 §6.6)");
  }
  if (message.is_multipart === false && message.body_multipart !== undefined) {
    report.error(keyPath(path, 'body_multipart'), 'property-dependency', "'body_multipart' must not be used when is_multipart is false (STIX 2.1 §6.6)");
  }
};

/** §6.12: traffic that is still active has no end. */
export const activeTrafficHasNoEnd: Constraint = (traffic, path, { report }) => {
  if (traffic.is_active === true && traffic.end !== undefined) {
    report.error(keyPath(path, 'end'), 'property-dependency', "'end' must not be present while is_active is true (STIX 2.1 §6.12)");
  }
};

/** §7.1.1: the keys of contents are RFC 5646 language codes. */
export const languageContentKeys: Constraint = (languageContent, path, { report }) => {
  const contents = languageContent.contents;
  if (!isPlainObject(contents)) return;
  for (const key of Object.keys(contents)) {
    const problem = LANGUAGE_TAG.problem(key);
    if (problem !== undefined) report.error(keyPath(keyPath(path, 'contents'), key), 'value-format', `the key '${key}' ${problem} (STIX 2.1 §7.1.1)`);
  }
};

/** §7.3.1: extension_properties only accompanies toplevel-property-extension. */
export const extensionPropertiesNeedTopLevel: Constraint = (definition, path, { report }) => {
  const types = definition.extension_types;
  if (definition.extension_properties === undefined || !Array.isArray(types)) return;
  if (!types.includes('toplevel-property-extension')) {
    report.error(keyPath(path, 'extension_properties'), 'property-dependency', "'extension_properties' may only be used when extension_types includes toplevel-property-extension (STIX 2.1 §7.3.1)");
  }
};

/** §7.2.1: what a marking-definition must carry, and the TLP markings it must match. */
export const markingDefinition: Constraint = (marking, path, context) => {
  const { report } = context;
  if (marking.extensions === undefined) {
    for (const name of ['definition_type', 'definition']) {
      if (marking[name] === undefined) {
        report.error(keyPath(path, name), 'required-property', `a marking-definition without extensions requires '${name}' (STIX 2.1 §7.2.1)`);
      }
    }
  }
  if (marking.definition_type === 'statement' && isPlainObject(marking.definition) && typeof marking.definition.statement !== 'string') {
    report.error(keyPath(keyPath(path, 'definition'), 'statement'), 'required-property', 'a statement marking requires the string property \'statement\' (STIX 2.1 §7.2.1.3)');
  }
  if (marking.definition_type === 'tlp') checkTlp1(marking, path, context);
  if (isPlainObject(marking.extensions) && marking.extensions[TLP2_EXTENSION_ID] !== undefined) checkTlp2(marking, path, context);
  checkCircularMarkings(marking, path, context);
};

const checkTlp1: Constraint = (marking, path, { report }) => {
  // §7.2.1.4: "Other instances of tlp-marking MUST NOT be used or created."
  const canonical = typeof marking.id === 'string' ? TLP1_MARKINGS.get(marking.id) : undefined;
  if (canonical === undefined) {
    report.error(keyPath(path, 'id'), 'tlp-marking', 'a TLP 1.0 marking must be one of the four predefined marking-definitions (STIX 2.1 §7.2.1.4)');
    return;
  }
  const level = isPlainObject(marking.definition) ? marking.definition.tlp : undefined;
  if (level !== canonical.level) report.error(keyPath(keyPath(path, 'definition'), 'tlp'), 'tlp-marking', `${marking.id} is ${canonical.name}: definition.tlp must be '${canonical.level}' (STIX 2.1 §7.2.1.4)`);
  if (marking.name !== canonical.name) report.error(keyPath(path, 'name'), 'tlp-marking', `${marking.id} must be named '${canonical.name}' (STIX 2.1 §7.2.1.4)`);
  if (marking.created !== TLP1_CREATED) report.error(keyPath(path, 'created'), 'tlp-marking', `a TLP 1.0 marking is created ${TLP1_CREATED} (STIX 2.1 §7.2.1.4)`);
  for (const name of Object.keys(marking)) {
    if (!TLP1_PROPERTIES.has(name)) report.error(keyPath(path, name), 'tlp-marking', `a TLP 1.0 marking-definition has no property '${name}': it must be used exactly as published (STIX 2.1 §7.2.1.4)`);
  }
};

const checkTlp2: Constraint = (marking, path, { report }) => {
  const extension = (marking.extensions as Record<string, unknown>)[TLP2_EXTENSION_ID];
  if (!isPlainObject(extension)) return;
  const at = keyPath(keyPath(keyPath(path, 'extensions'), TLP2_EXTENSION_ID), 'tlp_2_0');
  const level = extension.tlp_2_0;
  if (typeof level !== 'string' || !TLP2_LEVELS.has(level)) {
    report.error(at, 'tlp-marking', `a TLP 2.0 marking's tlp_2_0 must be one of ${[...TLP2_LEVELS].join(', ')}, not ${describe(level)}`);
    return;
  }
  const published = typeof marking.id === 'string' ? TLP2_MARKINGS.get(marking.id) : undefined;
  if (published !== undefined && (published.level !== level || published.name !== marking.name)) {
    report.error(at, 'tlp-marking', `${marking.id} is the published ${published.name} marking: tlp_2_0 must be '${published.level}' and name '${published.name}'`);
  }
};

// §3.2: a marking-definition must not mark itself (no circular references).
const checkCircularMarkings: Constraint = (marking, path, { report }) => {
  const { id } = marking;
  if (Array.isArray(marking.object_marking_refs)) {
    marking.object_marking_refs.forEach((ref, index) => {
      if (ref === id) report.error(indexPath(keyPath(path, 'object_marking_refs'), index), 'circular-marking', 'a marking-definition must not reference itself in object_marking_refs (STIX 2.1 §3.2)');
    });
  }
  if (Array.isArray(marking.granular_markings)) {
    marking.granular_markings.forEach((granular, index) => {
      if (isPlainObject(granular) && granular.marking_ref === id) {
        report.error(keyPath(indexPath(keyPath(path, 'granular_markings'), index), 'marking_ref'), 'circular-marking', 'a marking-definition must not reference itself in granular_markings (STIX 2.1 §3.2)');
      }
    });
  }
};
