/**
 * The behaviour suite against `examples/node/server.ts`, started as its own Node process (through
 * tsx) on a libSQL file, over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll } from 'vitest';
import { behaviourSuite } from './behaviour.suite.js';
import { describeRuntime, fetchFrom, SECOND_CLIENT_ADDRESS, startServer, type RunningServer } from './support.js';

const PASSWORD = 'runtime-suite-password';

describeRuntime('Node (examples/node/server.ts)', { ok: true }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb2fa-node-'));
  const url = `file:${join(dir, 'node.db')}`;
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer(process.execPath, ['--import', 'tsx', 'examples/node/server.ts'], {
      DATABASE_URL: url,
      CB_SECRET: 'runtime-suite-secret-runtime-suite-secret-0123',
      DEMO_PASSWORD: PASSWORD,
      NODE_ENV: 'development',
    });
    // Start-up includes seeding five accounts at 600,000 PBKDF2 iterations: slow on a busy machine.
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  behaviourSuite({
    target: () => ({
      dispatch: (path, init) => fetch(server.baseUrl + path, init),
      dispatchFromSecondClient: (path, init) => fetchFrom(SECOND_CLIENT_ADDRESS)(server.baseUrl + path, init),
      password: PASSWORD,
      async auditIps() {
        const client = createClient({ url });
        try {
          return (await client.execute('SELECT DISTINCT ip FROM cb_audit_events')).rows.map((r) => String(r.ip));
        } finally {
          client.close();
        }
      },
    }),
    // The socket's address; the forged CF-Connecting-IP header must be ignored (no trusted proxy).
    expectedIps: { first: /^(::ffff:)?127\.0\.0\.1$/, second: /^(::ffff:)?127\.0\.0\.2$/ },
  });
});
