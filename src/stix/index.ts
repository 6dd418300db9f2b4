/**
 * `accord/stix`: STIX 2.1 for TypeScript. Pure functions and types; no files,
 * network or database.
 */
export * from './types/index.ts';
export type { StixObject, StixBundle } from './object.ts';
export { versionOf } from './object.ts';
export * from './identifier.ts';
export * from './timestamp.ts';
export { canonicalize } from './canonical-json.ts';
export * from './markings.ts';
export * from './versioning.ts';
export * from './validation/index.ts';
export { readBundle, DEFAULT_MAX_OBJECT_BYTES } from './bundle-reader.ts';
export type { BundleEntry, BundleObjectEntry, BundleMalformedEntry, BundleReaderOptions } from './bundle-reader.ts';
