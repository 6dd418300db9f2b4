/** The object store: the port, its SQLite adapter, and helpers over the port. */
export type * from './store.ts';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';
export { iterateObjects, type IterateOptions } from './iterate.ts';
