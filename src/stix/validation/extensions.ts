import { parseIdentifier } from '../identifier.ts';
import { checkAnyValue, checkShape, checkValue, isPlainObject } from './check-value.ts';
import { vocab, type Context } from './property-kinds.ts';
import { describe, keyPath } from './report.ts';
import type { TypeSpec } from './type-spec.ts';
import { EXTENSION_TYPE } from './vocabularies.ts';

/**
 * The `extensions` dictionary (STIX 2.1 §3.2): keys are either the id of an
 * extension-definition (§7.3) or the name of a predefined object extension
 * (§3.10) of the object's type. Other names ending in `-ext` are deprecated
 * custom object extensions (§11.3).
 */

const EXTENSION_TYPE_KIND = vocab(EXTENSION_TYPE);
const CUSTOM_EXTENSION_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-ext$/;
// §7.3.2.1: extension property names are 3-250 characters a-z, 0-9 and underscore.
const EXTENSION_PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

/** Whether the object declares a toplevel-property-extension, whose properties sit beside the common ones. */
export function hasToplevelExtension(extensions: unknown): boolean {
  if (!isPlainObject(extensions)) return false;
  return Object.values(extensions).some((extension) => isPlainObject(extension) && extension.extension_type === 'toplevel-property-extension');
}

/** Whether the object declares that it is a new SCO type (§7.3, extension_type new-sco). */
export function declaresNewSco(extensions: unknown): boolean {
  if (!isPlainObject(extensions)) return false;
  return Object.values(extensions).some((extension) => isPlainObject(extension) && extension.extension_type === 'new-sco');
}

export function checkExtensions(extensions: unknown, spec: TypeSpec, path: string, context: Context): void {
  const { report } = context;
  if (!isPlainObject(extensions)) {
    report.error(path, 'property-type', `must be a dictionary of extensions, not ${describe(extensions)}`);
    return;
  }
  const keys = Object.keys(extensions);
  if (keys.length === 0) report.error(path, 'empty-value', 'dictionaries must have at least one key (STIX 2.1 §2.3)');
  for (const key of keys) {
    const at = keyPath(path, key);
    const extension = extensions[key];
    const predefined = spec.extensions.get(key);
    if (!isPlainObject(extension) || Object.keys(extension).length === 0) {
      report.error(at, 'property-type', `an extension must be a non-empty object, not ${describe(extension)}`);
    } else if (key.startsWith('extension-definition--')) {
      checkDefinedExtension(key, extension, at, context);
    } else if (predefined !== undefined) {
      checkShape(predefined, extension, at, context);
    } else if (CUSTOM_EXTENSION_NAME.test(key)) {
      report.warning(at, 'custom-extension', `'${key}' is not a predefined extension of ${spec.type}; custom object extensions are deprecated in favour of extension-definitions (STIX 2.1 §11.3, §7.3)`);
    } else {
      report.error(at, 'extension-key', `'${key}' must be the id of an extension-definition or the name of a predefined extension (STIX 2.1 §3.2)`);
    }
  }
}

function checkDefinedExtension(key: string, extension: Readonly<Record<string, unknown>>, path: string, context: Context): void {
  const { report } = context;
  if (parseIdentifier(key)?.type !== 'extension-definition') {
    report.error(path, 'extension-key', `'${key}' is not a valid extension-definition identifier (STIX 2.1 §2.9)`);
  }
  // §3.2: when the extension facility is used, extension_type MUST be present.
  if (extension.extension_type === undefined) {
    report.error(keyPath(path, 'extension_type'), 'required-property', 'an extension that refers to an extension-definition requires extension_type (STIX 2.1 §3.2)');
  }
  for (const name of Object.keys(extension)) {
    if (name === 'extension_type') {
      checkValue(EXTENSION_TYPE_KIND, extension[name], path, name, context);
      continue;
    }
    if (!EXTENSION_PROPERTY_NAME.test(name)) {
      report.error(keyPath(path, name), 'property-name', `'${name}' is not a valid extension property name (3-250 characters a-z, 0-9 and _; STIX 2.1 §7.3.2.1)`);
    }
    checkAnyValue(extension[name], path, name, context);
  }
}
