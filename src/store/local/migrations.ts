import type { Migration } from '../sqlite/migrations.ts';

/**
 * The node-local database's schema, one numbered step per migration, tracked
 * in its own `PRAGMA user_version` (the object store keeps its own count in
 * its own file). Append; never edit a migration that has shipped.
 */
export const LOCAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'system')),
        role TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE api_keys (
        key_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id),
        hash TEXT NOT NULL,
        label TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
      ) STRICT;
      CREATE INDEX api_keys_account ON api_keys (account_id);
      CREATE TABLE api_roots (
        name TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT,
        max_content_length INTEGER NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE collection_grants (
        collection_id TEXT PRIMARY KEY,
        api_root TEXT NOT NULL REFERENCES api_roots (name),
        read_roles TEXT NOT NULL,
        write_roles TEXT NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX collection_grants_root ON collection_grants (api_root, seq);
      CREATE TABLE taxii_statuses (
        id TEXT PRIMARY KEY,
        api_root TEXT NOT NULL,
        account_id TEXT NOT NULL,
        resource TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
];
