/** Node-local data (accounts, keys, API roots, grants, TAXII statuses, settings): the port and its SQLite adapter. */
export * from './local-store.ts';
export { LOCAL_STORE_FILE, openSqliteLocalStore, SqliteLocalStore, type SqliteLocalStoreOptions } from './sqlite-local-store.ts';
