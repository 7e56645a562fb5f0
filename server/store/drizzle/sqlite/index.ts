export { sqliteStore, SqliteTwoFactorStore, type SqliteDb } from './store.js';
export * as sqliteSchema from './schema.js';
