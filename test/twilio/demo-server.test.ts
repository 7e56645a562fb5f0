/**
 * The demo server as a process (`tsx demo/server.ts`), configured only through TWILIO_* env and
 * pointed at the fake Twilio: its codes go out through the SDK, they work for enrollment and
 * sign-in, and Twilio's signed status callback reaches it over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsFromEnv } from '../../demo/sms-from-env.js';
import { PHONE } from '../support/harness.js';
import { ACCOUNT_SID, API_KEY, API_SECRET, AUTH_TOKEN, FakeTwilio, FROM, MESSAGING_SERVICE_SID, VERIFY_SID } from './support/fake-twilio.js';

const PASSWORD = 'demo-password-for-twilio-test';
const SHARED_KEY = { id: 'webhooks_sharedkey_01jdemo', secret: 'demo-shared-key-secret-0123456789', algorithm: 'HMAC_SHA256' as const };

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

interface Demo {
  base: string;
  process: ChildProcess;
  log: string[];
}

async function startDemo(env: Record<string, string>): Promise<Demo> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cb2fa-twilio-demo-'));
  const log: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:${join(dir, 'demo.db')}`,
      CB_SECRET: 'twilio-demo-test-secret-0123456789abcdef',
      DEMO_PASSWORD: PASSWORD,
      DEMO_PBKDF2_ITERATIONS: '1000',
      NODE_ENV: 'development',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => log.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${log.join('')}`)), 60_000);
    child.stdout!.on('data', () => {
      // The `SMS:` line is the last one the demo prints at start (stdout may split the lines).
      if (/^SMS: .*\n/m.test(log.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`demo exited with ${code}:\n${log.join('')}`)));
  });
  return { base: `http://127.0.0.1:${port}`, process: child, log };
}

/** A browser over real HTTP: JSON bodies and one cookie jar. */
class Client {
  private cookie = '';
  constructor(private readonly base: string) {}
  async call(method: string, path: string, body?: unknown) {
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(method === 'GET' ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    const set = res.headers.getSetCookie()[0];
    if (set) this.cookie = /max-age=0/i.test(set) ? '' : set.split(';')[0]!;
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }
  login(email: string) {
    return this.call('POST', '/api/2fa/login', { email, password: PASSWORD });
  }
}

const fake = new FakeTwilio();
const demos: Demo[] = [];
beforeAll(() => fake.start());
afterAll(async () => {
  for (const d of demos) d.process.kill();
  await fake.stop();
});

async function turnOn(base: string) {
  const admin = new Client(base);
  expect((await admin.login('admin@example.com')).body.step).toBe('authenticated');
  expect((await admin.call('PUT', '/api/2fa/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
  return admin;
}

describe('the demo server with TWILIO_* pointed at the fake', () => {
  it('Messaging: codes go out through the SDK from TWILIO_FROM and work; the signed callback records delivery', async () => {
    fake.reset();
    const demo = await startDemo({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: FROM, TWILIO_API_URL: fake.url, TWILIO_WEBHOOK_SHARED_KEY_SECRET: SHARED_KEY.secret });
    demos.push(demo);
    expect(demo.log.join('')).toContain(`SMS: Twilio Messaging from ${FROM} via ${fake.url}, delivery status at ${demo.base}/api/2fa/sms/status`);
    expect(demo.log.join('')).not.toContain(AUTH_TOKEN);
    expect(demo.log.join('')).not.toContain(SHARED_KEY.secret);
    const admin = await turnOn(demo.base);

    const user = new Client(demo.base);
    expect((await user.login('demo@example.com')).body).toEqual({ step: 'enroll', canSkip: false });
    const sent = await user.call('POST', '/api/2fa/enroll/phone', { phone: '(202) 555-0143', country: 'US' });
    expect(sent.status).toBe(200);
    expect(fake.messages).toHaveLength(1);
    const message = fake.messages[0]!;
    expect(message).toMatchObject({ to: PHONE, from: FROM, statusCallback: `${demo.base}/api/2fa/sms/status` });
    expect(fake.requests[0]).toMatchObject({ user: ACCOUNT_SID, password: AUTH_TOKEN, path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json` });
    expect(message.body).toMatch(/^Your Demo Portal verification code is \d{6}\./);

    expect((await user.call('POST', '/api/2fa/enroll/confirm', { code: fake.lastCode(PHONE) })).body).toEqual({ step: 'login' });
    expect((await user.login('demo@example.com')).body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0143' });
    expect(fake.messages).toHaveLength(2);
    const verified = await user.call('POST', '/api/2fa/verify', { code: fake.lastCode(PHONE) });
    expect(verified.body).toMatchObject({ step: 'authenticated', user: { email: 'demo@example.com' } });

    // Twilio's callback, signed over the URL it was given, over real HTTP.
    const params = { AccountSid: ACCOUNT_SID, From: FROM, To: PHONE, MessageSid: fake.messages[1]!.sid, MessageStatus: 'delivered', SmsSid: fake.messages[1]!.sid, SmsStatus: 'delivered' };
    const unsigned = await fake.statusCallback(message.statusCallback!, params, { signature: null });
    expect(unsigned.status).toBe(403);
    const sentState = { ...params, MessageStatus: 'sent', SmsStatus: 'sent' };
    expect((await fake.statusCallback(message.statusCallback!, sentState)).status).toBe(204);
    // Signed by a Webhook Rule's SharedKey, with the settings header, over real HTTP.
    const signed = await fake.statusCallback(message.statusCallback!, params, { sharedKey: SHARED_KEY });
    expect(signed.status).toBe(204);
    const contacts = (await admin.call('GET', '/api/2fa/admin/contacts?organizationId=org-demo')).body.contacts;
    expect(contacts.find((c: any) => c.email === 'demo@example.com').twoFactor).toMatchObject({ state: 'enrolled', lastDelivery: { status: 'delivered' } });
  });

  it('Verify: TWILIO_VERIFY_SERVICE_SID with an API key; Twilio sends and checks, the demo signs the user in', async () => {
    fake.reset();
    const demo = await startDemo({
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_API_KEY: API_KEY,
      TWILIO_API_SECRET: API_SECRET,
      TWILIO_VERIFY_SERVICE_SID: VERIFY_SID,
      TWILIO_API_URL: fake.url,
    });
    demos.push(demo);
    expect(demo.log.join('')).toContain(`SMS: Twilio Verify ${VERIFY_SID}`);
    await turnOn(demo.base);

    const user = new Client(demo.base);
    await user.login('pat@example.com');
    expect((await user.call('POST', '/api/2fa/enroll/phone', { phone: PHONE })).status).toBe(200);
    expect(fake.requests.at(-1)).toMatchObject({ path: `/v2/Services/${VERIFY_SID}/Verifications`, user: API_KEY, password: API_SECRET, form: { To: PHONE, Channel: 'sms' } });
    expect(fake.messages).toHaveLength(0);
    const wrong = await user.call('POST', '/api/2fa/enroll/confirm', { code: fake.verifyCode(PHONE) === '000000' ? '111111' : '000000' });
    expect(wrong.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 4 });
    expect((await user.call('POST', '/api/2fa/enroll/confirm', { code: fake.verifyCode(PHONE) })).body).toEqual({ step: 'login' });

    expect((await user.login('pat@example.com')).body.step).toBe('verify');
    expect((await user.call('POST', '/api/2fa/verify', { code: fake.verifyCode(PHONE) })).body).toMatchObject({ step: 'authenticated' });
  });
});

describe('smsFromEnv', () => {
  const base = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };
  it('is the dev outbox without an account', () => {
    expect(smsFromEnv({})).toBeNull();
  });
  it('refuses incomplete or wrong configuration at start', () => {
    expect(() => smsFromEnv(base)).toThrow(/TWILIO_FROM/);
    expect(() => smsFromEnv({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_FROM: FROM })).toThrow(/TWILIO_AUTH_TOKEN/);
    expect(() => smsFromEnv({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_API_KEY: API_KEY, TWILIO_FROM: FROM })).toThrow(/TWILIO_API_SECRET/);
    expect(() => smsFromEnv({ ...base, TWILIO_ACCOUNT_SID: 'US123', TWILIO_FROM: FROM })).toThrow(/AC/);
    expect(() => smsFromEnv({ ...base, TWILIO_FROM: FROM, SMS_DAILY_BUDGET: 'lots' })).toThrow(/SMS_DAILY_BUDGET/);
  });
  it('prefers a Messaging Service; tracks delivery only with PUBLIC_URL and the Auth Token that signs callbacks', () => {
    const withService = smsFromEnv({ ...base, TWILIO_FROM: FROM, TWILIO_MESSAGING_SERVICE_SID: MESSAGING_SERVICE_SID, PUBLIC_URL: 'https://portal.example.com/' });
    expect(withService?.describe).toContain(MESSAGING_SERVICE_SID);
    expect(withService?.deliveryStatus).toEqual({ url: 'https://portal.example.com/api/2fa/sms/status', authToken: AUTH_TOKEN });
    const apiKeyOnly = smsFromEnv({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_API_KEY: API_KEY, TWILIO_API_SECRET: API_SECRET, TWILIO_FROM: FROM, PUBLIC_URL: 'https://portal.example.com' });
    expect(apiKeyOnly?.deliveryStatus).toBeUndefined();
    // A SharedKey signs the callbacks without the Auth Token.
    const sharedKeyOnly = smsFromEnv({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_API_KEY: API_KEY, TWILIO_API_SECRET: API_SECRET, TWILIO_FROM: FROM, PUBLIC_URL: 'https://portal.example.com', TWILIO_WEBHOOK_SHARED_KEY_SECRET: 'sk-secret' });
    expect(sharedKeyOnly?.deliveryStatus).toEqual({ url: 'https://portal.example.com/api/2fa/sms/status', sharedKeySecret: 'sk-secret' });
    expect(smsFromEnv({ ...base, TWILIO_FROM: FROM })?.deliveryStatus).toBeUndefined();
    expect(smsFromEnv({ ...base, TWILIO_FROM: FROM, SMS_DAILY_BUDGET: '250' })?.dailySmsBudget).toBe(250);
  });
});
