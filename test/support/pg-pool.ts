/** Test pools on PostgreSQL: opened with an error handler, closed for good before a database is dropped. */
import pg from 'pg';

/**
 * Ends a pool and waits until every one of its connections is closed. `pool.end()` alone resolves
 * once it has asked each client to end, with their sockets still open: a `DROP DATABASE ... WITH
 * (FORCE)` right after then kills them, and each one's FATAL 57P01 surfaces as a pool 'error'.
 * Counts `totalCount` up front, so call it when no connection is still being opened.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    pool.on('remove', () => {
      if (--open === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}

/** A pool for a test's own queries; errors of its idle clients are dropped with the client. */
export function testPool(url: string, max = 2): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {});
  return pool;
}
