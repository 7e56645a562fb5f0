/**
 * The WebOTP line (spec §5): `@domain #code` tells browsers and phones on which site to offer the
 * code, so it names only the domain the host configured. A login sent with a phishing site's
 * `Host` must not get an SMS that offers the code on that site.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDemoApp } from '../../demo/app.js';
import { createTwoFactor, devOutbox, pbkdf2Hasher } from '../../server/index.js';
import { openLibsql } from '../../server/node/index.js';
import { HttpClient, serveLocal, type Served } from '../proxy/http.js';
import { PASSWORD, PHONE, SECRET } from '../support/harness.js';

const PHISHING_HOST = 'login.evil-phish.example';
const hasher = pbkdf2Hasher({ iterations: 1_000 });
const smsDomainWarnings = (warn: { mock: { calls: unknown[][] } }) => warn.mock.calls.filter((args) => /smsDomain/.test(String(args[0])));

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
  vi.restoreAllMocks();
});

/** The demo over real HTTP; every request carries the phishing site's `Host`. Returns the SMS sent at enrollment. */
async function enrollThroughPhishingHost(smsDomain?: string) {
  const { db } = await openLibsql(':memory:');
  const { app, outbox } = await createDemoApp({ db, secret: SECRET, password: PASSWORD, production: false, hasher, smsDomain });
  served = await serveLocal(app.fetch);
  const client = () => new HttpClient(served!.url, { headers: { host: PHISHING_HOST } });
  const admin = client();
  expect((await admin.post('/api/2fa/login', { email: 'admin@example.com', password: PASSWORD })).body.step).toBe('authenticated');
  expect((await admin.send('PUT', '/api/2fa/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
  const contact = client();
  expect((await contact.post('/api/2fa/login', { email: 'demo@example.com', password: PASSWORD })).body.step).toBe('enroll');
  expect((await contact.post('/api/2fa/enroll/phone', { phone: PHONE })).status).toBe(200);
  return { body: outbox.outbox.at(-1)!.body, code: outbox.lastCode(PHONE)! };
}

describe('the WebOTP line of the SMS', () => {
  it('names exactly the configured smsDomain, whatever Host the request carried', async () => {
    const { body, code } = await enrollThroughPhishingHost('portal.example.com');
    expect(body).not.toContain(PHISHING_HOST);
    expect(body.endsWith(`\n\n@portal.example.com #${code}`)).toBe(true);
    expect(body.match(/@\S+ #\d{6}/g)).toEqual([`@portal.example.com #${code}`]);
  });

  it('is left out without smsDomain, with one warning at start and none per SMS', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { body, code } = await enrollThroughPhishingHost(undefined);
    expect(body).not.toContain(PHISHING_HOST);
    expect(body).not.toContain('@');
    expect(body).toMatch(new RegExp(`verification code is ${code}\\. It expires in 5 minutes\\. Do not share it\\.$`));
    expect(smsDomainWarnings(warn)).toHaveLength(1);
  });

  it('needs no warning in Verify mode, where the provider writes the text', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { db } = await openLibsql(':memory:');
    createTwoFactor({ db, secret: SECRET, verifier: { start: async () => ({}), check: async () => 'rejected', resendsSameCode: true } });
    expect(smsDomainWarnings(warn)).toHaveLength(0);
    createTwoFactor({ db, secret: SECRET, sms: devOutbox() });
    expect(smsDomainWarnings(warn)).toHaveLength(1);
  });

  it.each(['https://portal.example.com', 'portal.example.com:8443', 'portal.example.com/login', '203.0.113.9', '[::1]', 'a b.example', '', 'user@portal.example.com'])(
    'refuses smsDomain %j at start',
    async (smsDomain) => {
      const { db } = await openLibsql(':memory:');
      expect(() => createTwoFactor({ db, secret: SECRET, sms: devOutbox(), smsDomain })).toThrow(/smsDomain must be a host name/);
    },
  );

  it('accepts a host name in any case and sends it lowercase', async () => {
    const { body } = await enrollThroughPhishingHost('Portal.Example.COM');
    expect(body).toMatch(/\n\n@portal\.example\.com #\d{6}$/);
  });
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('the demo process', () => {
  it('names the host of its PUBLIC_URL', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'cb2fa-sms-domain-')), 'demo.db')}`,
        CB_SECRET: SECRET,
        DEMO_PASSWORD: PASSWORD,
        DEMO_PBKDF2_ITERATIONS: '1000',
        NODE_ENV: 'development',
        PUBLIC_URL: 'https://portal.example.com/',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`demo did not start:\n${log}`)), 60_000);
        child.stdout.on('data', () => /^SMS: .*\n/m.test(log) && (clearTimeout(timer), resolve()));
        child.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${log}`)));
      });
      const client = () => new HttpClient(`http://127.0.0.1:${port}`, { headers: { host: PHISHING_HOST } });
      const admin = client();
      await admin.post('/api/2fa/login', { email: 'admin@example.com', password: PASSWORD });
      expect((await admin.send('PUT', '/api/2fa/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
      const contact = client();
      await contact.post('/api/2fa/login', { email: 'demo@example.com', password: PASSWORD });
      expect((await contact.post('/api/2fa/enroll/phone', { phone: PHONE })).status).toBe(200);
      const outbox = (await contact.get('/dev/sms-outbox')).body as Array<{ body: string }>;
      expect(outbox.at(-1)!.body).toMatch(/\n\n@portal\.example\.com #\d{6}$/);
      expect(log).not.toMatch(/smsDomain/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
