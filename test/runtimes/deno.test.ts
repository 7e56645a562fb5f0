/**
 * The behaviour suite against `examples/deno/server.ts`, run by the `deno` npm package's binary
 * on a libSQL file, over real HTTP.
 *
 * Deno runs the TypeScript sources as they are, offline: npm packages come from the existing
 * node_modules (`--node-modules-dir=manual`), nothing remote is fetched (`--no-remote`), no
 * lockfile is written, and its cache lives in a temporary directory. `--sloppy-imports` maps the
 * sources' `.js` import names to their `.ts` files, as tsx does for Node. The permissions are the
 * ones the example needs, so a new need shows up here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll } from 'vitest';
import { behaviourSuite } from './behaviour.suite.js';
import { describeRuntime, fetchFrom, probe, SECOND_CLIENT_ADDRESS, startServer, type RunningServer } from './support.js';

const PASSWORD = 'runtime-suite-password';
const DENO = resolve('node_modules/.bin/deno');

describeRuntime('Deno (examples/deno/server.ts)', probe(DENO, ['--version']), () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb2fa-deno-'));
  const url = `file:${join(dir, 'deno.db')}`;
  let server: RunningServer;

  beforeAll(async () => {
    const flags = ['--no-remote', '--node-modules-dir=manual', '--no-lock', '--no-prompt', '--sloppy-imports'];
    const permissions = ['--allow-net=127.0.0.1', '--allow-env', '--allow-read', `--allow-write=${dir}`, '--allow-ffi', '--allow-sys'];
    server = await startServer(DENO, ['run', ...flags, ...permissions, 'examples/deno/server.ts'], {
      DENO_DIR: join(dir, 'deno-dir'),
      DENO_NO_UPDATE_CHECK: '1',
      DATABASE_URL: url,
      CB_SECRET: 'runtime-suite-secret-runtime-suite-secret-0123',
      DEMO_PASSWORD: PASSWORD,
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
    // `Deno.serve`'s remote address, read by `getConnInfo` from `hono/deno`; the forged
    // CF-Connecting-IP header must be ignored.
    expectedIps: { first: /^127\.0\.0\.1$/, second: /^127\.0\.0\.2$/ },
  });
});
