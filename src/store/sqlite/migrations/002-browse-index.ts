import { backfillBrowseIndex } from '../browse-index.ts';
import type { Migration } from '../migrations.ts';

export const browseIndex: Migration = {
  version: 2,
  name: 'browse-index',
  sql: `
    -- Latest versions only (browse-index.ts); rowid = objects.seq, so an index
    -- on one key also orders ties by seq, that is by date added.
    CREATE TABLE browse_index (
      seq INTEGER PRIMARY KEY,
      type TEXT NOT NULL,
      name TEXT NOT NULL COLLATE NOCASE,
      -- Version keys (version-key.ts); NULL for SCOs, which have no dates.
      created_key TEXT,
      modified_key TEXT,
      -- The object-level TLP 2.0 level; '' when unmarked, not NULL, so that
      -- "these levels or unmarked" is one IN list, whose index ranges SQLite
      -- merges in modified order (an OR IS NULL made it sort every match).
      tlp TEXT NOT NULL
    ) STRICT;
    CREATE INDEX browse_by_modified ON browse_index (modified_key);
    CREATE INDEX browse_by_created ON browse_index (created_key);
    CREATE INDEX browse_by_name ON browse_index (name);
    -- By type alone: the type sort, a type's count and its added order (by seq).
    -- Other sorts within a type sort that type's rows (~20 ms for 35,000):
    -- an index for each would cost ingest more than it saves here.
    CREATE INDEX browse_by_type ON browse_index (type);
    CREATE INDEX browse_by_type_modified ON browse_index (type, modified_key);
    CREATE INDEX browse_by_tlp_modified ON browse_index (tlp, modified_key);

    CREATE TABLE browse_labels (
      label TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (label, seq)
    ) STRICT, WITHOUT ROWID;
  `,
  backfill: backfillBrowseIndex,
};
