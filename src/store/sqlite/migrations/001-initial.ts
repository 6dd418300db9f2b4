import type { Migration } from '../migrations.ts';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    -- One row per stored version. seq orders insertion (rows are never deleted,
    -- so the rowid only grows); id_hash is idHash(id); date_added_us is microseconds since the epoch,
    -- strictly increasing, and json is the object exactly as received.
    CREATE TABLE objects (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL,
      id_hash INTEGER NOT NULL,
      type TEXT NOT NULL,
      version TEXT NOT NULL,
      version_key TEXT NOT NULL,
      spec_version TEXT NOT NULL,
      created_by_ref TEXT,
      revoked INTEGER NOT NULL,
      is_latest INTEGER NOT NULL,
      is_first INTEGER NOT NULL,
      date_added_us INTEGER NOT NULL,
      json TEXT NOT NULL
    ) STRICT;
    -- Every lookup by id (duplicate checks, heads, id filters, graph walks) goes
    -- through id_hash (id-hash.ts), an index small enough to stay in the cache.
    -- (id, version_key) is unique, but ingest, holding the write lock, checks that.
    CREATE INDEX objects_by_id ON objects (id_hash);
    -- Paging in date-added order (the index carries seq, the tie-breaker) and added_after.
    CREATE INDEX objects_by_date_added ON objects (date_added_us);
    -- Paging one type without walking every other type (TAXII match[type]).
    CREATE INDEX objects_by_type ON objects (type, date_added_us);

    CREATE TABLE object_markings (
      seq INTEGER NOT NULL,
      marking_ref TEXT NOT NULL,
      PRIMARY KEY (seq, marking_ref)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE collections (
      id TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      description TEXT
    ) STRICT;

    -- Membership has its own date_added (TAXII 2.1 §3.3: when the version was
    -- added to the collection): a version already stored that joins a
    -- collection later must come after what its readers have paged past.
    CREATE TABLE collection_objects (
      collection_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      date_added_us INTEGER NOT NULL,
      PRIMARY KEY (collection_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX collection_objects_by_date_added ON collection_objects (collection_id, date_added_us);

    -- References held by latest versions, keyed for "who references target?".
    -- Whom a version references is read from its JSON, so one B-tree suffices.
    CREATE TABLE edges (
      target TEXT NOT NULL,
      source_seq INTEGER NOT NULL,
      property TEXT NOT NULL,
      PRIMARY KEY (target, source_seq, property)
    ) STRICT, WITHOUT ROWID;

    -- Kept on ingest so stats() does not scan every version.
    CREATE TABLE type_counts (
      type TEXT PRIMARY KEY,
      objects INTEGER NOT NULL,
      versions INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- Latest versions only; rowid = objects.seq. Contentless: the text lives in objects.json.
    CREATE VIRTUAL TABLE search_index USING fts5 (
      name, description, aliases,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );
  `,
};
