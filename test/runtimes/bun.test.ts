/**
 * The behaviour suite against `examples/bun/server.ts`, run by the `bun` npm package's binary on
 * a bun:sqlite file, over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll } from 'vitest';
import { behaviourSuite } from './behaviour.suite.js';
import { describeRuntime, fetchFrom, SECOND_CLIENT_ADDRESS, probe, startServer, type RunningServer } from './support.js';

const PASSWORD = 'runtime-suite-password';
// The `bun` package installs a placeholder here until its install script has run (toolchain.md).
const BUN = resolve('node_modules/.bin/bun');

describeRuntime('Bun (examples/bun/server.ts)', probe(BUN, ['--version']), () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb2fa-bun-'));
  const path = join(dir, 'bun.db');
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer(BUN, ['examples/bun/server.ts'], {
      DATABASE_PATH: path,
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
        // Read from outside Bun: the file is plain SQLite, whichever driver wrote it.
        const client = createClient({ url: `file:${path}` });
        try {
          return (await client.execute('SELECT DISTINCT ip FROM cb_audit_events')).rows.map((r) => String(r.ip));
        } finally {
          client.close();
        }
      },
    }),
    // Bun's `server.requestIP()`; the forged CF-Connecting-IP header must be ignored.
    expectedIps: { first: /^(::ffff:)?127\.0\.0\.1$/, second: /^(::ffff:)?127\.0\.0\.2$/ },
  });
});
