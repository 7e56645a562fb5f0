export { migrateSqlite, sqliteMigrationsFolder } from './migrate.js';
export { openLibsql, type OpenedDatabase } from './libsql.js';
