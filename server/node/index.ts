export { migrateSqlite, sqliteMigrationsFolder } from './migrate.js';
export { openLibsql, type OpenedDatabase } from './libsql.js';
export { migratePg, pgMigrationsFolder, PG_MIGRATION_LOCK } from './migrate-pg.js';
export { openPostgres, type OpenedPostgres } from './pg.js';
export { argon2Hasher, OWASP_ARGON2ID, type Argon2Options } from './argon2.js';
export { nodeHmac } from './hmac.js';
