import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migratePg } from '../../server/node/index.js';
import { pgStore } from '../../server/store/drizzle/pg/store.js';
import { runStoreContract } from './store.contract.js';

// Embedded Postgres: the pg dialect with no server. One connection, so the parallel tests prove
// the SQL is right for PostgreSQL rather than that it races well; postgres.test.ts does that.
runStoreContract('PGlite', async () => {
  const client = new PGlite();
  const db = drizzle(client);
  await migratePg(db);
  return { store: pgStore(db), close: () => client.close() };
});
