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
  {
    version: 2,
    name: 'federation',
    sql: `
      CREATE TABLE node_keys (
        id INTEGER PRIMARY KEY,
        algorithm TEXT NOT NULL CHECK (algorithm IN ('ed25519')),
        public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT
      ) STRICT;
      -- At most one current key: a second init racing the first stores nothing.
      CREATE UNIQUE INDEX node_keys_current ON node_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;
      CREATE TABLE partners (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('state', 'industry', 'public')),
        url TEXT,
        identity_id TEXT,
        public_key TEXT,
        account_name TEXT,
        credentials TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE agreements (
        id TEXT PRIMARY KEY,
        partner TEXT NOT NULL REFERENCES partners (name),
        direction TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
        collections TEXT NOT NULL,
        object_types TEXT NOT NULL,
        tlp TEXT NOT NULL,
        onward INTEGER NOT NULL,
        basis TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX agreements_partner ON agreements (partner, direction, id);
    `,
  },
  {
    version: 3,
    name: 'audit',
    // The hash-chained audit trail (store/audit/sqlite-audit-log.ts, docs/audit.md). \`seq\` is a
    // real column, not the rowid, so verify reads the chain in the order the hashes say.
    sql: `
      CREATE TABLE audit_log (
        seq INTEGER NOT NULL UNIQUE CHECK (seq >= 1),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        details TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_action ON audit_log (action, seq);
      -- The head anchor: entry count and last hash, moved in the append's transaction.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        entries INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      INSERT INTO audit_head (id, entries, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
      -- Defence in depth only: whoever can write the file can drop these; verify trusts none of them.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_extends_head BEFORE INSERT ON audit_log
        WHEN NEW.seq IS NOT (SELECT entries + 1 FROM audit_head WHERE id = 1)
          OR NEW.prev_hash IS NOT (SELECT hash FROM audit_head WHERE id = 1)
        BEGIN SELECT RAISE(ABORT, 'an audit entry must extend the head: seq = entries + 1, prev_hash = the head hash'); END;
      CREATE TRIGGER audit_head_follows_log BEFORE UPDATE ON audit_head
        WHEN NEW.id IS NOT OLD.id OR NEW.entries IS NOT OLD.entries + 1
          OR NEW.hash IS NOT (SELECT hash FROM audit_log WHERE seq = NEW.entries)
        BEGIN SELECT RAISE(ABORT, 'the audit head moves only to the entry just appended'); END;
      CREATE TRIGGER audit_head_no_insert BEFORE INSERT ON audit_head
        BEGIN SELECT RAISE(ABORT, 'the audit head is one row'); END;
      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
        BEGIN SELECT RAISE(ABORT, 'the audit head is one row'); END;
    `,
  },
  {
    version: 4,
    name: 'provenance',
    // Where each received object version came from (federation/policy.ts onward rules).
    sql: `
      CREATE TABLE provenance (
        object_id TEXT NOT NULL,
        modified TEXT NOT NULL,
        partner TEXT NOT NULL,
        agreement_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (object_id, modified)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'sync-state',
    // Where each sync link (partner, direction, collection) stands (federation/sync).
    sql: `
      CREATE TABLE sync_state (
        partner TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('pull', 'push')),
        collection_id TEXT NOT NULL,
        cursor TEXT,
        last_attempt_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT,
        PRIMARY KEY (partner, direction, collection_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'ui-sessions',
    // Web sessions (server/session.ts): only the SHA-256 of the cookie's id is kept. \`account_visits\`
    // outlives the sessions (deleted at logout and expiry), so a new session knows the previous visit.
    sql: `
      CREATE TABLE sessions (
        hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (id),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        previous_visit TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sessions_expiry ON sessions (expires_at);
      CREATE TABLE account_visits (
        account_id TEXT PRIMARY KEY REFERENCES accounts (id),
        last_login_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX provenance_received ON provenance (partner, received_at);
    `,
  },
  {
    version: 7,
    name: 'partner-push-collection',
    // The partner's collection pushes go to (federation/sync); NULL: its first writable one.
    sql: `
      ALTER TABLE partners ADD COLUMN push_collection TEXT;
    `,
  },
];
