/**
 * The database drivers' types, named once for the declarations of `cb-2fa/server/node`.
 *
 * `@libsql/client` and `pg` are optional peer dependencies: a host on one driver has no types of
 * the other, and with `skipLibCheck: false` an unresolved import in our declarations would fail
 * its build. Each alias is its driver's own type when the driver (for `pg`, `@types/pg`) is
 * installed, and `any` when it is not. The directive sits in a doc comment because tsc keeps
 * those in the emitted `.d.ts`, where it is needed.
 * @module
 */

/** @ts-ignore (for hosts without `@libsql/client`, where this is `any`) The libSQL client. */
export type LibsqlClient = import('@libsql/client').Client;

/** @ts-ignore (for hosts without `@types/pg`, where this is `any`) node-postgres's `pg.Pool`. */
export type PgPool = import('pg').Pool;
