import type { TlpLevel } from '../stix/markings.ts';
import type { StixObject } from '../stix/object.ts';

/**
 * The Store port: everything Accord keeps as STIX lives behind it. Adapters
 * (`sqlite/`, later `postgres/`) implement it and pass one contract suite
 * (`store.contract.ts`). It returns plain data and knows nothing of HTTP.
 */
export interface Store {
  /** What this adapter can do beyond the port's minimum. */
  readonly capabilities: StoreCapabilities;

  /**
   * Writes a batch of already-validated objects in one transaction: all of
   * the batch's outcomes become visible at once, or none.
   * Re-ingesting the same id + version with the same content is a counted no-op;
   * the same id + version with different content is a conflict and is not written.
   */
  ingest(objects: readonly StixObject[], options?: IngestOptions): Promise<IngestResult>;

  /** One page of object versions matching `filter`, ordered by date added. */
  query(filter?: ObjectFilter, page?: PageRequest): Promise<Page>;

  /** Full-text search over names, descriptions and aliases of latest versions. */
  search(text: string, options?: SearchOptions): Promise<StoredObject[]>;

  /**
   * One page of latest versions for people browsing (the web explorer): filtered,
   * sorted, with the total that match. Cost stays flat as the store grows (a side
   * index kept for latest versions, like full-text search).
   */
  browse(query: BrowseQuery): Promise<BrowsePage>;
  /** How many latest versions carry each type and each label (for filter controls). */
  facets(): Promise<StoreFacets>;
  /** The latest versions around `id` through relationships and embedded `*_ref(s)`; STORE_NOT_FOUND if `id` is not stored. */
  neighbourhood(id: string, options?: NeighbourhoodOptions): Promise<Graph>;

  /** Counts of objects (distinct ids) and versions by type. */
  stats(): Promise<StoreStats>;

  /**
   * Takes the selected versions of `id` out of a collection (TAXII 2.1 §5.7
   * Delete An Object): they stay in the store, with their provenance, and in
   * any other collection. `versions` defaults to all; `first`/`last` mean the
   * object's first/last version in the store. Returns how many left the collection.
   */
  removeFromCollection(collectionId: string, id: string, filter?: Pick<ObjectFilter, 'versions' | 'specVersions'>): Promise<number>;

  createCollection(collection: CollectionInput): Promise<Collection>;
  listCollections(): Promise<Collection[]>;

  /** The observable index, where the adapter keeps one (SQLite does): see `ObservableIndex`. */
  readonly observableIndex?: ObservableIndex;

  close(): Promise<void>;
}

/**
 * Keys derived from the latest version of each object (observable values,
 * reverse references…), each mapped to the objects carrying it. What a key
 * means is decided above the store, by a `KeyDeriver` (patterns are parsed in
 * src/pattern/, which the store may not import); the store keeps the keys,
 * drops a version's keys when a newer version replaces it, and derives keys
 * for what arrived since the last `refresh`.
 */
export interface ObservableIndex {
  /**
   * Derives the keys of every latest version stored since the last refresh (of
   * all of them when `deriver.version` differs from the one that built the
   * index), in write transactions of a few thousand versions. Returns how many
   * versions it read.
   */
  refresh(deriver: KeyDeriver): Promise<number>;
  /** Per key (keys no version carries are left out): how many latest versions carry it, and the first `limit` of them that are not revoked. */
  carriers(keys: readonly string[], limit: number): Promise<Map<string, KeyCarriers>>;
  /** The keys carried by the latest version of each of these ids (ids not stored are left out). */
  keysOf(ids: readonly string[]): Promise<Map<string, string[]>>;
  /** The distinct keys that start with `prefix` (which ends with an ASCII character), in order, at most `limit`: a key can name a pair of objects. */
  keysWithPrefix(prefix: string, limit: number): Promise<string[]>;
}

export interface KeyDeriver {
  /** Changing it rebuilds the index on the next refresh. */
  readonly version: string;
  keys(object: StixObject): Iterable<string>;
}

export interface KeyCarriers {
  count: number;
  objects: StoredObject[];
}

export interface StoreCapabilities {
  /** Whether full-text search ranks results (FTS5, tsvector) or only filters. */
  rankedSearch: boolean;
}

export interface IngestOptions {
  /** Collections the stored versions join (duplicates join too). Unknown ids are an error. */
  collections?: readonly string[];
}

export type IngestOutcome = 'stored' | 'duplicate' | 'conflict';

export interface IngestResult {
  stored: number;
  duplicates: number;
  /** Objects refused by the store (the same version with other content, or a version newer than a revocation: STIX 2.1 §3.6). */
  conflicts: IngestConflict[];
  /** One outcome per input object, in input order. */
  outcomes: IngestOutcome[];
}

export interface IngestConflict {
  index: number;
  id: string;
  version: string;
  message: string;
}

/**
 * Which versions of each object a query returns (TAXII 2.1 §3.4.2 `match[version]`):
 * `last` (default), `first`, `all`, or an exact version timestamp.
 */
export type VersionSelector = 'first' | 'last' | 'all' | string;

/** Filters are AND-ed; a list that is present but empty matches nothing. */
export interface ObjectFilter {
  ids?: readonly string[];
  types?: readonly string[];
  /** Several selectors are OR-ed. Default: `['last']`. */
  versions?: readonly VersionSelector[];
  /** Objects without `spec_version` (SCOs) count as 2.1. */
  specVersions?: readonly string[];
  /** Only versions added strictly after this timestamp. */
  addedAfter?: string;
  createdByRefs?: readonly string[];
  /** Versions carrying any of these marking-definition ids in `object_marking_refs`. */
  markings?: readonly string[];
  collection?: string;
}

export interface PageRequest {
  /** At most this many versions (default 100, capped at 10,000). */
  limit?: number;
  /** The opaque `next` value of the previous page. */
  next?: string;
}

export interface StoredObject {
  object: StixObject;
  /** The object's JSON exactly as stored: every property kept, byte for byte. */
  json: string;
  /** When this version reached this store (RFC 3339, microseconds). */
  dateAdded: string;
  /** `modified`, else `created`, else '' (SCOs). */
  version: string;
}

export interface Page {
  items: StoredObject[];
  /** True when more versions match than this page holds. */
  more: boolean;
  /** Cursor for the next page when `more`. Stateless: it encodes a position, not a session. */
  next?: string;
}

export interface SearchOptions {
  /** At most this many results (default 50, capped at 1,000). */
  limit?: number;
  types?: readonly string[];
}

export const BROWSE_SORTS = ['relevance', 'name', 'type', 'created', 'modified', 'added'] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];

/** Filters are AND-ed; inside one list, OR. A list that is present but empty matches nothing. */
export interface BrowseQuery {
  /** Full-text over names, descriptions and aliases (as `search`). */
  text?: string;
  types?: readonly string[];
  /** Any of these labels. */
  labels?: readonly string[];
  /**
   * The object-level TLP 2.0 level (from `object_marking_refs`), any of these;
   * `unmarked` also matches versions with no TLP marking.
   */
  tlp?: { levels: readonly TlpLevel[]; unmarked: boolean };
  /** Only these ids (e.g. what came from one partner). */
  ids?: readonly string[];
  /** Leave out these ids. */
  excludeIds?: readonly string[];
  /** Only objects in any of these collections. */
  collections?: readonly string[];
  /** `modified` (else `created`) at or after / at or before (RFC 3339). */
  modifiedFrom?: string;
  modifiedTo?: string;
  /**
   * Default: `relevance` with text, else `modified`. Ties go by date added, in the
   * sort's direction; objects without the date (SCOs) sort as earliest.
   */
  sort?: BrowseSort;
  /** Default: `desc` for dates and relevance, `asc` for name and type. */
  order?: 'asc' | 'desc';
  offset?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

export interface BrowsePage {
  items: StoredObject[];
  /** How many latest versions match in all. */
  total: number;
}

export interface StoreFacets {
  types: { type: string; count: number }[];
  /** Most used first, at most 100. */
  labels: { label: string; count: number }[];
}

export interface NeighbourhoodOptions {
  /** Hops to follow (default 1, at most 5). A relationship object counts as a hop. */
  depth?: number;
  /** At most this many nodes (default 500). */
  limit?: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  /** The property that holds the reference, e.g. `created_by_ref`, `source_ref`. */
  property: string;
}

export interface Graph {
  /** The latest version of each node, the start first. Missing targets are left out. */
  nodes: StoredObject[];
  edges: GraphEdge[];
  /** True when `limit` cut the neighbourhood short. */
  truncated: boolean;
}

export interface StoreStats {
  objects: number;
  versions: number;
  byType: Record<string, { objects: number; versions: number }>;
}

export interface CollectionInput {
  id?: string;
  title: string;
  description?: string;
}

export interface Collection {
  id: string;
  title: string;
  description?: string;
}
