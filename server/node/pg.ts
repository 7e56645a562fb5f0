/**
 * Node-only: opens a PostgreSQL database through node-postgres and applies our migrations.
 * `pg` and `drizzle-orm/node-postgres` are loaded only when this runs, so hosts on libSQL can
 * import `cb-2fa/server/node` without installing `pg`.
 * @module
 */
import type { PgPool as Pool } from './driver-types.js';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migratePg } from './migrate-pg.js';

export interface OpenedPostgres {
  pool: Pool;
  db: NodePgDatabase;
}

/**
 * A pool rather than one client: parallel requests then run on parallel connections, so the
 * database (not a queue in this process) decides who wins a race, as it does across instances.
 */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<OpenedPostgres> {
  const [{ default: pg }, { drizzle }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  logIdleClientErrors(pool);
  const db = drizzle(pool);
  try {
    await migratePg(db);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return { pool, db };
}

/**
 * node-postgres re-emits the error of an idle client (the server restarted, an administrator
 * ended the connection, the network dropped) on the pool, and an EventEmitter 'error' with no
 * listener throws: the host's whole process would crash over a connection the pool has already
 * discarded and replaces on the next checkout. A query that needed it gets its own error. When the
 * server goes away every idle client fails at once, so one line is logged per outage: the flag
 * re-arms once a new connection succeeds.
 */
function logIdleClientErrors(pool: Pool): void {
  let logged = false;
  pool.on('error', (err) => {
    if (logged) return;
    logged = true;
    console.error('cb-2fa: PostgreSQL connection lost', err.message);
  });
  pool.on('connect', () => {
    logged = false;
  });
}
