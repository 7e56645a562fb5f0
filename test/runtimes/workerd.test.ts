/**
 * The behaviour suite against `examples/workers/worker.ts` in workerd, through miniflare with a D1
 * database and `drizzle-orm/d1`.
 *
 * The worker is bundled the way a host would deploy it, with `platform: 'neutral'`, and runs
 * without the `nodejs_compat` flag: a Node built-in anywhere in what the worker imports fails the
 * bundle (esbuild cannot resolve `node:*` there) or the start of workerd. So this run is also the
 * proof that the core runs without Node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { drizzle, type AnyD1Database } from 'drizzle-orm/d1';
import { migrate } from 'drizzle-orm/d1/migrator';
import { build, type Metafile } from 'esbuild';
import type { Miniflare as MiniflareType } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pbkdf2Hasher } from '../../server/index.js';
import { behaviourSuite, FORWARDED_IP, type Dispatch } from './behaviour.suite.js';
import { describeRuntime, probe, type Availability } from './support.js';

const PASSWORD = 'runtime-suite-password';

const PBKDF2_PROBE = `export default {
  async fetch(request) {
    const iterations = Number(new URL(request.url).searchParams.get('iterations'));
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('pw'), 'PBKDF2', false, ['deriveBits']);
    try {
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(16), iterations }, key, 256);
      return new Response('ok');
    } catch (err) {
      return new Response(err.name + ': ' + err.message, { status: 500 });
    }
  },
};`;

function workerdAvailable(): Availability {
  let bin: string;
  try {
    // The `workerd` package's main export is the path of the platform binary.
    bin = createRequire(import.meta.url)('workerd').default ?? createRequire(import.meta.url)('workerd');
  } catch (err) {
    return { ok: false, reason: `workerd is not installed (${(err as Error).message.split('\n')[0]})` };
  }
  return probe(bin, ['--version']);
}

/**
 * Cloudflare's production runtime refuses PBKDF2 above 100,000 iterations, but the open-source
 * workerd inside miniflare does not apply that limit (workerd issue 1346: the limit is enforced
 * by a production-only hook). This banner puts the same refusal, with the production message,
 * into the test bundle, so a worker that hashes above the cap fails here as it would deployed.
 */
const PRODUCTION_PBKDF2_CAP = `{
  const subtle = globalThis.crypto.subtle;
  const deriveBits = subtle.deriveBits.bind(subtle);
  subtle.deriveBits = (algorithm, key, length) =>
    algorithm && algorithm.name === 'PBKDF2' && algorithm.iterations > 100000
      ? Promise.reject(new DOMException('Pbkdf2 failed: iteration counts above 100000 are not supported (requested ' + algorithm.iterations + ').', 'NotSupportedError'))
      : deriveBits(algorithm, key, length);
}`;

/** A stand-in for Twilio's Messages API on 127.0.0.1: records each form POST, answers like Twilio. */
function fakeTwilio() {
  const received: { path: string; authorization: string | undefined; form: URLSearchParams }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', authorization: req.headers.authorization, form: new URLSearchParams(body) });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${String(received.length).padStart(32, '0')}`, status: 'queued' }));
    });
  });
  return {
    received,
    start: () => new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const SECRET = 'runtime-suite-secret-runtime-suite-secret-0123';
const SECOND_FORWARDED_IP = '203.0.113.8';
const exactly = (ip: string) => new RegExp(`^${ip.replaceAll('.', '\\.')}$`);
const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

describeRuntime('workerd (examples/workers/worker.ts, D1)', workerdAvailable(), () => {
  const twilio = fakeTwilio();
  const dir = mkdtempSync(join(tmpdir(), 'cb2fa-workerd-'));
  const scriptPath = join(dir, 'worker.js');
  let metafile: Metafile;
  let mf: MiniflareType;
  let d1: Awaited<ReturnType<MiniflareType['getD1Database']>>;
  let mixedDb: typeof d1;
  /** What the workers log (`wrangler tail` in production). */
  const logs: string[] = [];

  beforeAll(async () => {
    const result = await build({
      entryPoints: ['examples/workers/worker.ts'],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      outfile: scriptPath,
      metafile: true,
      logLevel: 'silent',
      banner: { js: PRODUCTION_PBKDF2_CAP },
    });
    metafile = result.metafile;

    const twilioUrl = await twilio.start();
    const { Miniflare } = await import('miniflare');
    mf = new Miniflare({
      handleStructuredLogs({ message }: { message: string }) {
        logs.push(message);
        process.stderr.write(`${message}\n`);
      },
      workers: [
        {
          name: 'cb-2fa',
          modules: true,
          scriptPath,
          modulesRoot: dir,
          compatibilityDate: '2025-09-01',
          // Deliberately empty: no nodejs_compat, no Node polyfills.
          compatibilityFlags: [],
          d1Databases: ['DB'],
          bindings: { CB_SECRET: SECRET, CB_DEV: 'true', DEMO_PASSWORD: PASSWORD },
        },
        {
          // The same bundle configured for Twilio, on a database of its own.
          name: 'cb-2fa-twilio',
          modules: true,
          scriptPath,
          modulesRoot: dir,
          compatibilityDate: '2025-09-01',
          compatibilityFlags: [],
          d1Databases: { DB: 'twilio-db' },
          bindings: {
            CB_SECRET: SECRET,
            CB_DEV: 'true',
            DEMO_PASSWORD: PASSWORD,
            TWILIO_ACCOUNT_SID: ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: 'test-auth-token',
            TWILIO_FROM: '+15005550006',
            TWILIO_API_URL: twilioUrl,
          },
        },
        {
          // The same bundle on a database that a Node host shares, whose hashes are Node's.
          name: 'cb-2fa-mixed',
          modules: true,
          scriptPath,
          modulesRoot: dir,
          compatibilityDate: '2025-09-01',
          compatibilityFlags: [],
          d1Databases: { DB: 'mixed-db' },
          bindings: { CB_SECRET: SECRET, CB_DEV: 'true', DEMO_PASSWORD: PASSWORD },
        },
        {
          // The same cap on its own, to show the emulation bites: a hasher at 100,001 must fail.
          name: 'pbkdf2-probe',
          modules: true,
          script: `${PRODUCTION_PBKDF2_CAP}\n${PBKDF2_PROBE}`,
          compatibilityDate: '2025-09-01',
        },
      ],
    });
    d1 = await mf.getD1Database('DB', 'cb-2fa');
    // What `wrangler d1 migrations apply` does on a deployment: our SQL files, in order.
    await migrate(drizzle(d1 as unknown as AnyD1Database), { migrationsFolder: 'drizzle/sqlite' });
    const twilioDb = await mf.getD1Database('DB', 'cb-2fa-twilio');
    await migrate(drizzle(twilioDb as unknown as AnyD1Database), { migrationsFolder: 'drizzle/sqlite' });
    mixedDb = await mf.getD1Database('DB', 'cb-2fa-mixed');
    await migrate(drizzle(mixedDb as unknown as AnyD1Database), { migrationsFolder: 'drizzle/sqlite' });
  }, 60_000);
  afterAll(async () => {
    await mf?.dispose();
    await twilio.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the bundle', () => {
    it('holds no Node built-in and nothing from server/node', () => {
      const inputs = Object.keys(metafile.inputs).map((p) => relative(process.cwd(), p));
      expect(inputs).toContain('server/create-two-factor.ts');
      expect(inputs.filter((p) => p.startsWith('server/node/'))).toEqual([]);
      const imports = Object.values(metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
      expect(imports.filter((p) => p.startsWith('node:') || p === 'crypto' || p === 'fs' || p === 'buffer')).toEqual([]);
    });

    it('runs under the production PBKDF2 cap of 100,000 iterations', async () => {
      const probeWorker = await mf.getWorker('pbkdf2-probe');
      const at = async (iterations: number) => (await probeWorker.fetch(`http://probe/?iterations=${iterations}`)).status;
      expect(await at(100_000)).toBe(200);
      expect(await at(100_001)).toBe(500);
    });
  });

  it('a stored hash above the PBKDF2 cap is refused like a wrong password, and the log says why and what to do', async () => {
    const worker = await mf.getWorker('cb-2fa-mixed');
    const login = async (email: string, password: string) => {
      const res = await worker.fetch('http://localhost/api/2fa/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': FORWARDED_IP },
        body: JSON.stringify({ email, password }),
      });
      return { status: res.status, text: await res.text() };
    };
    // The first request builds the router, which seeds the demo accounts at 100,000 iterations.
    expect((await login('staff@example.com', PASSWORD)).status).toBe(200);
    // A Node host on the same database hashed this password at its default of 600,000.
    const nodeHash = await pbkdf2Hasher().hash(PASSWORD);
    expect(nodeHash).toMatch(/^pbkdf2-sha256\$600000\$/);
    await mixedDb.prepare('UPDATE cb_accounts SET password_hash = ? WHERE email = ?').bind(nodeHash, 'staff@example.com').run();

    const unknown = await login('nobody@example.com', PASSWORD);
    const logged = logs.length;
    const refused = await login('staff@example.com', PASSWORD);
    // The contract's answer to a failed sign-in, the same as for an unknown email: no 500, no trace.
    expect(refused.status, refused.text).toBe(401);
    expect(refused.text).toBe(unknown.text);
    expect(JSON.parse(refused.text).error.code).toBe('invalid_credentials');
    const said = logs.slice(logged).join('\n');
    expect(said).toMatch(/refuses PBKDF2 at the 600000 iterations of a stored password hash/);
    expect(said).toMatch(/at most 100,000/);
    expect(said).toMatch(/pbkdf2Hasher\(\{ iterations: 100_000 \}\).*docs\/deploy\.md/);
    expect(said).not.toMatch(/unexpected error/);
  });

  it('sends codes through the fetch-only Twilio sender when TWILIO_* are set', async () => {
    const worker = await mf.getWorker('cb-2fa-twilio');
    let cookie = '';
    const post = async (path: string, body: unknown) => {
      const res = await worker.fetch(`http://localhost/api/2fa${path}`, {
        method: path === '/admin/settings' ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': FORWARDED_IP, cookie },
        body: JSON.stringify(body),
      });
      const set = res.headers.getSetCookie()[0];
      if (set) cookie = set.split(';')[0]!;
      return { status: res.status, body: (await res.json()) as any };
    };
    expect((await post('/login', { email: 'admin@example.com', password: PASSWORD })).body.step).toBe('authenticated');
    expect((await post('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
    expect((await post('/login', { email: 'demo@example.com', password: PASSWORD })).body.step).toBe('enroll');
    const sent = await post('/enroll/phone', { phone: '+12025550143' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    expect(twilio.received).toHaveLength(1);
    const [message] = twilio.received;
    expect(message!.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(message!.authorization).toBe(`Basic ${btoa(`${ACCOUNT_SID}:test-auth-token`)}`);
    expect(message!.form.get('To')).toBe('+12025550143');
    expect(message!.form.get('From')).toBe('+15005550006');
    const code = /#(\d{6})$/.exec(message!.form.get('Body') ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect((await post('/enroll/confirm', { code })).body).toEqual({ step: 'login' });
  });

  behaviourSuite({
    target: () => ({
      // Miniflare's Request and Response are undici's; at run time they are what the suite needs.
      dispatch: ((path: string, init: RequestInit) => mf.dispatchFetch(`http://localhost${path}`, init as never)) as unknown as Dispatch,
      // Another visitor: the edge would set another CF-Connecting-IP.
      dispatchFromSecondClient: ((path: string, init: RequestInit) => {
        const headers = new Headers(init.headers);
        headers.set('cf-connecting-ip', SECOND_FORWARDED_IP);
        return mf.dispatchFetch(`http://localhost${path}`, { ...init, headers } as never);
      }) as unknown as Dispatch,
      password: PASSWORD,
      async auditIps() {
        const { results } = await d1.prepare('SELECT DISTINCT ip FROM cb_audit_events').all<{ ip: string }>();
        return results.map((r) => r.ip);
      },
    }),
    // No socket on Workers: `getConnInfo` from `hono/cloudflare-workers` reads CF-Connecting-IP,
    // which Cloudflare's edge sets.
    expectedIps: { first: exactly(FORWARDED_IP), second: exactly(SECOND_FORWARDED_IP) },
  });
});
