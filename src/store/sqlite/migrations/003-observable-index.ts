import type { Migration } from '../migrations.ts';

export const observableIndex: Migration = {
  version: 3,
  name: 'observable-index',
  sql: `
    -- Keys derived above the store from latest versions (observable-index.ts).
    -- By key for "who carries this value"; by seq to drop a replaced version's keys.
    CREATE TABLE observable_keys (
      key TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (key, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX observable_keys_by_seq ON observable_keys (seq);

    -- One row: which deriver built the keys, and the last seq it has read.
    -- Left empty here: the first refresh reads every stored version.
    CREATE TABLE observable_index_state (
      deriver TEXT NOT NULL,
      watermark INTEGER NOT NULL
    ) STRICT;
  `,
};
