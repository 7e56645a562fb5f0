import { openLibsql } from '../../server/node/index.js';
import { sqliteStore } from '../../server/store/drizzle/sqlite/store.js';
import { runStoreContract } from './store.contract.js';

runStoreContract('libSQL :memory:', async () => {
  const { client, db } = await openLibsql(':memory:');
  return { store: sqliteStore(db), close: async () => client.close() };
});
