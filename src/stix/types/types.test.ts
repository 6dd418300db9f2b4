import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sharedPath } from '../../../test/support/shared.ts';
import type { StixObject } from '../object.ts';
import {
  SCO_TYPES,
  SDO_TYPES,
  SMO_TYPES,
  SRO_TYPES,
  objectCategory,
  type AnyStixObject,
  type Bundle,
  type ObjectCategory,
  type ScoTypeName,
  type SdoTypeName,
  type SmoTypeName,
  type SroTypeName,
  type StixCyberObservable,
  type StixDomainObject,
  type StixMetaObject,
  type StixRelationshipObject,
  type StixTypeName,
} from './index.ts';

// Compile-time checks: each runtime list names exactly the members of its union.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsMatchUnions: [
  Same<StixDomainObject['type'], SdoTypeName>,
  Same<StixRelationshipObject['type'], SroTypeName>,
  Same<StixCyberObservable['type'], ScoTypeName>,
  Same<StixMetaObject['type'], SmoTypeName>,
  Same<AnyStixObject['type'], StixTypeName>,
] = [true, true, true, true, true];

// Compile-time check: every interface is a StixObject, so generic code accepts it.
const asStixObject = (object: AnyStixObject): StixObject => object;

// Compile-time check: `type` discriminates the union.
function summary(object: AnyStixObject): string {
  switch (object.type) {
    case 'indicator':
      return object.pattern;
    case 'relationship':
      return `${object.source_ref} ${object.relationship_type} ${object.target_ref}`;
    case 'file':
      return object.name ?? Object.keys(object.hashes ?? {}).join(',');
    case 'marking-definition':
      return object.name ?? object.id;
    default:
      return object.id;
  }
}

const EXAMPLES = sharedPath('conformance', 'stix2.1-examples');
const SCHEMAS = sharedPath('conformance', 'stix2.1-schemas', 'schemas');

/** Every object in the OASIS example files: bundles, arrays of objects and single objects. */
function exampleObjects(): AnyStixObject[] {
  const files = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));
  return files.flatMap((file) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'));
    } catch {
      return []; // the validator's deliberately malformed files
    }
    if (Array.isArray(parsed)) return parsed as AnyStixObject[];
    const value = parsed as Bundle<AnyStixObject> | AnyStixObject;
    if (value.type === 'bundle') return value.objects ?? [];
    return typeof value.type === 'string' ? [value as AnyStixObject] : []; // index and expectation files
  });
}

/** The family of each type that has an OASIS schema, read from the schema folders. */
function schemaCategories(): Map<string, ObjectCategory> {
  const categories = new Map<string, ObjectCategory>();
  const folders: [string, ObjectCategory][] = [['sdos', 'sdo'], ['sros', 'sro'], ['observables', 'sco']];
  for (const [folder, category] of folders) {
    for (const file of readdirSync(path.join(SCHEMAS, folder))) categories.set(path.basename(file, '.json'), category);
  }
  // The SMOs' schemas sit in common/ beside the data types.
  for (const type of ['marking-definition', 'language-content', 'extension-definition']) {
    sharedPath('conformance', 'stix2.1-schemas', 'schemas', 'common', `${type}.json`); // throws if absent
    categories.set(type, 'smo');
  }
  return categories;
}

describe('STIX 2.1 type lists', () => {
  const categories = schemaCategories();
  const lists: [ObjectCategory, readonly string[]][] = [
    ['sdo', SDO_TYPES],
    ['sro', SRO_TYPES],
    ['sco', SCO_TYPES],
    ['smo', SMO_TYPES],
  ];
  for (const [category, list] of lists) {
    it(`${category.toUpperCase()}_TYPES names exactly the OASIS schemas of that family`, () => {
      const fromSchemas = [...categories].filter(([, value]) => value === category).map(([type]) => type);
      assert.deepEqual([...list].sort(), fromSchemas.sort());
    });
  }

  it('the lists compile against the unions', () => assert.deepEqual(listsMatchUnions, [true, true, true, true, true]));
});

describe('objectCategory of every object in the OASIS examples', () => {
  const categories = schemaCategories();
  const objects = exampleObjects();
  const types = [...new Set(objects.map((object) => object.type as string))].sort();

  it('finds the examples', () => assert.ok(objects.length > 400, `only ${objects.length} objects`));

  for (const type of types) {
    const expected = categories.get(type) ?? 'custom';
    it(`${type} → ${expected}`, () => assert.equal(objectCategory(type), expected));
  }

  it('bundle is not an object category', () => assert.equal(objectCategory('bundle'), 'custom'));

  it('typed objects are usable as StixObject and narrow by type', () => {
    for (const object of objects) {
      assert.equal(asStixObject(object).id, object.id);
      assert.equal(typeof summary(object), 'string');
    }
  });
});
