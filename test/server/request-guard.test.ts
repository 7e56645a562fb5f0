/**
 * CSRF (spec §5): state-changing requests must be `application/json` from an allowed origin;
 * form-like content types and foreign Origins are refused, so a page elsewhere cannot drive a
 * signed-in browser through the steps.
 */
import { describe, expect, it } from 'vitest';
import { createDemoApp } from '../../demo/app.js';
import { openLibsql } from '../../server/node/index.js';
import { pbkdf2Hasher } from '../../server/index.js';
import { createTwoFactor, devOutbox } from '../../server/index.js';
import { createHarness, PASSWORD } from '../support/harness.js';

const login = JSON.stringify({ email: 'demo@example.com', password: PASSWORD });

describe('content type', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/jsonx'])('refuses %j with 415', async (type) => {
    const h = await createHarness();
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    const res = await h.app.request('http://portal.test/api/2fa/login', { method: 'POST', headers, body: login });
    expect(res.status).toBe(415);
    expect(((await res.json()) as any).error.code).toBe('bad_request');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('accepts application/json with a charset', async () => {
    const h = await createHarness();
    const res = await h.app.request('http://portal.test/api/2fa/login', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: login });
    expect(res.status).toBe(200);
  });
});

describe('origin', () => {
  it('refuses a foreign Origin and cross-site fetch metadata', async () => {
    const h = await createHarness();
    const b = h.browser();
    const foreign = await b.post('/login', { email: 'demo@example.com', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');
    const crossSite = await b.post('/login', { email: 'demo@example.com', password: PASSWORD }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(b.cookies.size).toBe(0);
  });

  it('accepts its own origin and configured trusted origins', async () => {
    const h = await createHarness();
    expect((await h.browser().post('/login', { email: 'demo@example.com', password: PASSWORD }, { origin: 'http://portal.test' })).status).toBe(200);

    const { db } = await openLibsql(':memory:');
    const tf = createTwoFactor({ db, sms: devOutbox(), secret: 's'.repeat(32), trustedOrigins: ['https://app.example'], hasher: pbkdf2Hasher({ iterations: 1000 }) });
    const res = await tf.app.request('http://api.example/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://app.example' }, body: JSON.stringify({ email: 'x@example.com', password: 'y' }) });
    expect(res.status).toBe(401);
  });

  it('GET needs neither', async () => {
    const h = await createHarness();
    const res = await h.app.request('http://portal.test/api/2fa/session', { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(401);
  });
});

describe('demo outbox', () => {
  it('exists in development only', async () => {
    const { db } = await openLibsql(':memory:');
    const prod = await createDemoApp({ db, secret: 's'.repeat(32), password: 'pw', production: true, hasher: pbkdf2Hasher({ iterations: 1000 }) });
    expect((await prod.app.request('http://portal.test/dev/sms-outbox')).status).toBe(404);
    const h = await createHarness();
    expect((await h.app.request('http://portal.test/dev/sms-outbox')).status).toBe(200);
  });
});
