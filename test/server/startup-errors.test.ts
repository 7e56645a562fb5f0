/**
 * Misconfiguration fails when the server starts, with an error that names the option and the
 * fix, not later with a TypeError ("Cannot read properties of undefined (reading 'length')") or
 * a driver's bare code. Each case beside a control that starts. (The Twilio senders' own checks
 * are in test/twilio/misconfiguration.test.ts.)
 */
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTwoFactor, devOutbox, pbkdf2Hasher, type TwoFactorOptions } from '../../server/index.js';
import { openLibsql, openPostgres, type OpenedDatabase } from '../../server/node/index.js';
import { SECRET } from '../support/harness.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openLibsql(':memory:');
});
afterAll(() => opened.client.close());

/** A configuration that starts; each case spoils one option of it. */
const good = (): TwoFactorOptions => ({ db: opened.db, sms: devOutbox(), secret: SECRET, smsDomain: 'portal.test', hasher: pbkdf2Hasher({ iterations: 1_000 }) });
const start = (changes: Record<string, unknown>) => () => createTwoFactor({ ...good(), ...changes } as TwoFactorOptions);

describe('createTwoFactor', () => {
  it('starts with a good configuration (control)', () => {
    expect(start({})).not.toThrow();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no secret (an unset CB_SECRET)', { secret: undefined }, /`secret` is missing\. Give at least 32 characters of random data.*openssl rand.*CB_SECRET; check that it is set/],
    ['an empty secret', { secret: '' }, /`secret` is missing/],
    ['a secret that is not a string', { secret: 12345678901234567890123456789012345 }, /`secret` must be a string, not number/],
    ['a short secret', { secret: 'short-secret' }, /`secret` is 12 characters long, under the 32 it needs\. Give at least 32 characters/],
    ['neither sms nor verifier', { sms: undefined }, /`sms` and `verifier` are both missing.*`sms: devOutbox\(\)`.*twilioSms.*`verifier: twilioVerify/],
    ['an sms that is no sender', { sms: { deliver() {} } }, /`sms` is not a sender \(it has no `send\(message\)`\)/],
    ['a verifier that is none', { sms: undefined, verifier: { start() {} } }, /`verifier` is not a code verifier \(it needs `start\(\)` and `check\(\)`\).*twilioVerify/],
    ['a portal id instead of a resolver', { portal: 'acme' }, /`portal` must be a function of the request, not string\. .*leave it out for one portal, whose id is `default`/],
    ['a portal resolver that is an object', { portal: { acme: 'acme.example' } }, /`portal` must be a function of the request, not object/],
    ['an identity without its methods', { identity: { getUser() {} } }, /`identity` lacks `verifyPassword\(\)`, `listContacts\(\)`\. Implement the `Identity` interface/],
    ['a hasher without burn', { hasher: { hash() {}, verify() {} } }, /`hasher` lacks `burn\(\)`\. Pass pbkdf2Hasher/],
    ['an hmac that is a string', { hmac: 'sha256' }, /`hmac` must be a function \(secret\) => Hmac, not string\. Pass nodeHmac/],
    ['a clock that is a number', { clock: 1_700_000_000_000 }, /`clock` must be a function, not number/],
    ['an authorizeAdmin that is a boolean', { authorizeAdmin: true }, /`authorizeAdmin` must be a function, not boolean/],
    ['trustedOrigins as one string', { trustedOrigins: 'https://app.example.com' }, /`trustedOrigins` must be an array of origins, not string/],
    ['a trusted origin with a trailing slash', { trustedOrigins: ['https://app.example.com/'] }, /`trustedOrigins` holds "https:\/\/app\.example\.com\/", which is not an origin.*no path, no trailing slash/],
    ['a trusted origin without a scheme', { trustedOrigins: ['app.example.com'] }, /`trustedOrigins` holds "app\.example\.com", which is not an origin/],
  ])('refuses %s', (_, changes, message) => {
    expect(start(changes)).toThrow(message);
  });

  it('takes what the checks must not refuse: a per-portal sender, a resolver, an identity per portal, origins with ports', () => {
    const identity = () => ({ verifyPassword: async () => null, getUser: async () => null, listContacts: async () => [] });
    expect(start({ sms: () => devOutbox(), portal: () => 'default', identity, trustedOrigins: ['http://localhost:5173', 'https://app.example.com'] })).not.toThrow();
    expect(start({ sms: undefined, verifier: { start: async () => ({}), check: async () => 'rejected' } })).not.toThrow();
  });

  it('a bad option is refused before anything is read or written', () => {
    const store = new Proxy({}, { get: () => { throw new Error('touched the store'); } });
    expect(() => createTwoFactor({ ...good(), db: undefined, store: store as never, secret: undefined as never })).toThrow(/`secret` is missing/);
  });
});

describe('openLibsql', () => {
  it('a file in a folder that does not exist: names the folder and says to create it, and creates nothing', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'cb2fa-')), 'missing', 'data');
    await expect(openLibsql(`file:${folder}/cb.db`)).rejects.toThrow(new RegExp(`the folder of file:${folder}/cb\\.db does not exist \\(${folder}\\)\\. Create it first \\(\`mkdir -p ${folder}\`\\)`));
    await expect(openLibsql(`file://${folder}/cb.db`)).rejects.toThrow(/does not exist/);
    expect(existsSync(folder)).toBe(false);
  });

  it('a relative file path resolves against the working directory, and opens where the folder exists (control)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb2fa-'));
    const cwd = vi.spyOn(process, 'cwd').mockReturnValue(dir);
    try {
      await expect(openLibsql('file:./nowhere/cb.db')).rejects.toThrow(new RegExp(`\\(${join(dir, 'nowhere')}\\)`));
    } finally {
      cwd.mockRestore();
    }
    const ok = await openLibsql(`file:${join(dir, 'cb.db')}`);
    ok.client.close();
    expect(existsSync(join(dir, 'cb.db'))).toBe(true);
  });

  it('no URL (an unset DATABASE_URL)', async () => {
    await expect(openLibsql(undefined as never)).rejects.toThrow(/openLibsql: the database URL is missing\. Pass 'file:\.\/data\/cb\.db'.*DATABASE_URL/);
  });

  it("a URL libSQL cannot open: its own error, with the URL and without the token", async () => {
    const err = await openLibsql('postgres://db.example/cb?authToken=secret-token').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^cb-2fa openLibsql: could not open postgres:\/\/db\.example\/cb: .*URL_SCHEME_NOT_SUPPORTED/);
    expect((err as Error).message).not.toContain('secret-token');
  });
});

describe('openPostgres', () => {
  it('no URL: refused rather than quietly trying localhost', async () => {
    await expect(openPostgres('')).rejects.toThrow(/openPostgres: the database URL is missing\. Pass 'postgres:\/\/user:password@host:5432\/database'.*DATABASE_URL/);
  });

  it('a server that is not there: the URL without its password, and what to check', async () => {
    const err = await openPostgres('postgres://cb:hunter2@127.0.0.1:1/cb').catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^cb-2fa openPostgres: could not connect to postgres:\/\/cb:\*\*\*@127\.0\.0\.1:1\/cb: .*ECONNREFUSED.*Check the URL \(host, port, user, password, database\)/);
    expect((err as Error).message).not.toContain('hunter2');
  });
});
