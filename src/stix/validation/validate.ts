import { parseIdentifier, typeNameProblem } from '../identifier.ts';
import { checkAnyValue, checkRequired, checkValue, isPlainObject, propertyCheckers } from './check-value.ts';
import { registeredExtensionChecks, runExtensionChecks, type ExtensionCheckOptions } from './extension-checks.ts';
import { checkExtensions, declaresNewSco, hasToplevelExtension } from './extensions.ts';
import { BINARY, HEX, type Context } from './property-kinds.ts';
import { Report, ROOT, describe, keyPath, type ValidationOptions, type ValidationResult } from './report.ts';
import { CUSTOM_OBJECT_SPEC, CUSTOM_OBSERVABLE_SPEC, TYPE_SPECS } from './type-registry.ts';
import type { TypeSpec } from './type-spec.ts';

/**
 * Validates one STIX 2.1 object (not a bundle) and returns every problem at
 * once. Pure and synchronous; safe to call on every object at ingest.
 */
export function validateObject(value: unknown, options: ValidationOptions & ExtensionCheckOptions = {}): ValidationResult {
  const report = new Report(options);
  checkObject(value, ROOT, { report, validateObservable: checkObject });
  if (isPlainObject(value)) runExtensionChecks(value, options.extensionChecks ?? registeredExtensionChecks(), report);
  return report.result();
}

/** §3.8: reserved for future use; MUST NOT appear in STIX content. */
const RESERVED_PROPERTIES: ReadonlySet<string> = new Set(['severity', 'username', 'phone_number', 'action']);

/** Properties checked here before the type's table is consulted. */
const STRUCTURAL_PROPERTIES: ReadonlySet<string> = new Set(['type', 'id', 'spec_version', 'extensions']);

// §3.1 and §11.1: property names are 3-250 characters of a-z, 0-9 and underscore, starting with a letter.
const PROPERTY_NAME = /^[a-z][a-z0-9_]{2,249}$/;
// Custom property names repeat from object to object (x_mitre_version...): remember a bounded number of good ones.
const GOOD_PROPERTY_NAMES = new Set<string>();
const GOOD_PROPERTY_NAMES_LIMIT = 1000;

function isPropertyName(name: string): boolean {
  if (GOOD_PROPERTY_NAMES.has(name)) return true;
  if (!PROPERTY_NAME.test(name)) return false;
  if (GOOD_PROPERTY_NAMES.size < GOOD_PROPERTY_NAMES_LIMIT) GOOD_PROPERTY_NAMES.add(name);
  return true;
}

function checkObject(value: unknown, path: string, context: Context): void {
  const { report } = context;
  if (!isPlainObject(value)) {
    report.error(path, 'not-an-object', `a STIX object must be a JSON object, not ${describe(value)}`);
    return;
  }
  const inContainer = context.container !== undefined;
  const type = checkType(value.type, keyPath(path, 'type'), context);
  const spec = specFor(type, value, path, context);

  // §2.9: the id names the object's own type. Objects in an observable container may omit it (§2.13).
  if (value.id === undefined) {
    if (!inContainer) report.error(keyPath(path, 'id'), 'required-property', `${spec.name} requires the property 'id' (STIX 2.1 §3.2)`);
  } else {
    checkId(value.id, type, keyPath(path, 'id'), context);
  }

  // §3.2: spec_version is required except on SCOs, and MUST be 2.1.
  if (value.spec_version === undefined) {
    if (spec.category !== 'sco') report.error(keyPath(path, 'spec_version'), 'required-property', `${spec.name} requires the property 'spec_version' (STIX 2.1 §3.2)`);
  } else if (value.spec_version !== '2.1') {
    report.error(keyPath(path, 'spec_version'), 'spec-version', `spec_version must be "2.1" for STIX 2.1 content, not ${describe(value.spec_version)} (STIX 2.1 §3.2)`);
  }

  if (value.extensions !== undefined) checkExtensions(value.extensions, spec, keyPath(path, 'extensions'), context);

  const customType = spec === CUSTOM_OBJECT_SPEC || spec === CUSTOM_OBSERVABLE_SPEC;
  const expectPrefix = report.options.strictCustom === true && !customType && !hasToplevelExtension(value.extensions);
  const checkers = propertyCheckers(spec);
  for (const name in value) {
    const checker = checkers.get(name);
    if (checker !== undefined) {
      checker(value[name], path, name, context);
    } else if (RESERVED_PROPERTIES.has(name)) {
      report.error(keyPath(path, name), 'reserved-property', `'${name}' is reserved for future versions of STIX and must not be used (STIX 2.1 §3.8)`);
    } else if (!STRUCTURAL_PROPERTIES.has(name)) {
      checkCustomProperty(name, value[name], path, context, expectPrefix);
    }
  }

  // §3.2: defanged MUST NOT be used on any objects other than SCOs.
  if (value.defanged !== undefined && spec.category !== 'sco') {
    report.error(keyPath(path, 'defanged'), 'not-applicable-property', "'defanged' may only be used on SCOs (STIX 2.1 §3.2)");
  }

  checkRequired(spec, value, path, context);
  for (const constraint of spec.constraints) constraint(value, path, context);
}

/** The object's type name, or undefined when it is missing or malformed (reported). */
function checkType(type: unknown, path: string, { report }: Context): string | undefined {
  if (type === undefined) {
    report.error(path, 'required-property', "every STIX object requires the property 'type' (STIX 2.1 §3.2)");
    return undefined;
  }
  if (typeof type !== 'string') {
    report.error(path, 'property-type', `must be a string, not ${describe(type)}`);
    return undefined;
  }
  // Specification-defined names are well-formed by construction.
  const problem = TYPE_SPECS.has(type) ? undefined : typeNameProblem(type);
  if (problem !== undefined) {
    report.error(path, 'type-name', `${describe(type)} is not a valid type name: ${problem} (STIX 2.1 §3.1)`);
    return undefined;
  }
  return type;
}

function specFor(type: string | undefined, object: Readonly<Record<string, unknown>>, path: string, context: Context): TypeSpec {
  const known = type === undefined ? undefined : TYPE_SPECS.get(type);
  if (context.container !== undefined) {
    // §2.13: an observable container holds SCOs only.
    if (known !== undefined && known.category !== 'sco') {
      context.report.error(keyPath(path, 'type'), 'container-object', `an observable container holds only SCOs, not ${known.type} objects (STIX 2.1 §2.13)`);
    }
    return known?.category === 'sco' ? known : CUSTOM_OBSERVABLE_SPEC;
  }
  if (known !== undefined) return known;
  if (type === 'bundle') {
    context.report.error(keyPath(path, 'type'), 'type-name', 'a bundle is not a STIX Object; validate each of its objects instead (STIX 2.1 §8)');
  }
  // A custom type is an observable only when it says so with a new-sco extension (§7.3).
  return declaresNewSco(object.extensions) ? CUSTOM_OBSERVABLE_SPEC : CUSTOM_OBJECT_SPEC;
}

function checkId(id: unknown, type: string | undefined, path: string, { report }: Context): void {
  if (typeof id !== 'string') {
    report.error(path, 'property-type', `must be an identifier string, not ${describe(id)}`);
    return;
  }
  const parsed = parseIdentifier(id);
  if (parsed === undefined) {
    report.error(path, 'identifier-format', `${describe(id)} must be an identifier of the form type--UUID, with an RFC 4122 UUID (STIX 2.1 §2.9)`);
  } else if (type !== undefined && parsed.type !== type) {
    report.error(path, 'identifier-type', `${describe(id)} must start with '${type}--', the object's own type (STIX 2.1 §2.9)`);
  }
}

/** A property the type's table does not define: a custom property (§11.1) or a property of a custom type. */
function checkCustomProperty(name: string, value: unknown, parent: string, context: Context, expectPrefix: boolean): void {
  const { report } = context;
  if (!isPropertyName(name)) {
    report.error(keyPath(parent, name), 'property-name', `'${name}' is not a valid property name: 3-250 characters of a-z, 0-9 and _, starting with a letter (STIX 2.1 §3.1)`);
  }
  // §2.1, §2.8: the suffixes _bin and _hex promise binary and hex values.
  if (name.endsWith('_bin') && value !== null) checkValue(BINARY, value, parent, name, context);
  else if (name.endsWith('_hex') && value !== null) checkValue(HEX, value, parent, name, context);
  else checkAnyValue(value, parent, name, context);
  if (expectPrefix && !name.startsWith('x_')) {
    report.warning(keyPath(parent, name), 'custom-property-prefix', `custom property '${name}' should start with 'x_' (STIX 2.1 §11.1)`);
  }
}
