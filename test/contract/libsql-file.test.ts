import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibsql } from '../../server/node/index.js';
import { sqliteStore } from '../../server/store/drizzle/sqlite/store.js';
import { runStoreContract } from './store.contract.js';

// A file in WAL mode, the single-node deployment: libSQL then runs statements on a pool of
// connections, so the parallel tests race for real.
runStoreContract('libSQL file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb2fa-contract-'));
  const { client, db } = await openLibsql(`file:${join(dir, 'test.db')}`);
  return {
    store: sqliteStore(db),
    close: async () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
