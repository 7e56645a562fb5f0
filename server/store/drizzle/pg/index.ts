export { pgStore, PgTwoFactorStore, type PgDb } from './store.js';
export * as pgSchema from './schema.js';
