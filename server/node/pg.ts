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
  // Without a URL node-postgres would quietly try localhost as the OS user: a missing
  // DATABASE_URL would surface as "ECONNREFUSED 127.0.0.1:5432", or reach the wrong database.
  if (typeof url !== 'string' || url.trim() === '') {
    throw new Error(
      `cb-2fa openPostgres: the database URL is ${url === undefined || url === '' ? 'missing' : `not a string (${typeof url})`}. ` +
        "Pass 'postgres://user:password@host:5432/database'; if it comes from an environment variable (DATABASE_URL), set it.",
    );
  }
  const [{ default: pg }, { drizzle }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  logIdleClientErrors(pool);
  const db = drizzle(pool);
  try {
    await migratePg(db);
  } catch (err) {
    await pool.end();
    // node-postgres says "ECONNREFUSED" or "password authentication failed" without naming the
    // server; a failure past the connection (a migration's) is thrown as it is.
    if (!isConnectionError(err)) throw err;
    throw new Error(`cb-2fa openPostgres: could not connect to ${withoutPassword(url)}: ${err instanceof Error ? err.message : String(err)}. Check the URL (host, port, user, password, database) and that the server is up.`, { cause: err });
  }
  return { pool, db };
}

/** Refused, unknown host, wrong password, no such database: the URL's or the server's fault. */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^E[A-Z]+$/.test(code) || ['28P01', '28000', '3D000'].includes(code));
}

/** The URL as a log line may show it: the password replaced. */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the database URL (not a URL)';
  }
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
