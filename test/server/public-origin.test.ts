/**
 * The request's public origin (spec §5): behind a TLS-terminating proxy that the host declares in
 * `policy.trustProxy`, the forwarded scheme and host decide the same-origin check, the cookie's
 * `Secure` flag and its `__Host-` prefix. An undeclared proxy's headers change nothing.
 */
import { describe, expect, it } from 'vitest';
import { createDemoApp } from '../../demo/app.js';
import { pbkdf2Hasher, type Policy, type TrustedProxy } from '../../server/index.js';
import { resolvePolicy } from '../../server/policy.js';
import { publicOrigin } from '../../server/middleware/public-origin.js';
import { openLibsql } from '../../server/node/index.js';
import { PASSWORD, SECRET } from '../support/harness.js';

/** What the app behind the proxy sees: a plain-HTTP request to its own backend address. */
const BACKEND = 'http://127.0.0.1:3000';
const PUBLIC = 'https://portal.example.com';
const throughProxy = { 'x-forwarded-for': '198.51.100.23', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'portal.example.com' };

async function portal(policy?: Partial<Policy>) {
  const { db } = await openLibsql(':memory:');
  const { app, tf } = await createDemoApp({ db, secret: SECRET, password: PASSWORD, production: false, hasher: pbkdf2Hasher({ iterations: 1_000 }), policy, smsDomain: 'portal.example.com' });
  const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) =>
    app.request(`${BACKEND}/api/2fa${path}`, {
      method: init.method ?? 'POST',
      headers: { ...(init.method === 'GET' ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.method === 'GET' ? undefined : JSON.stringify(init.body ?? {}),
    });
  const login = (headers: Record<string, string>) => call('/login', { headers, body: { email: 'demo@example.com', password: PASSWORD } });
  return { app, tf, call, login };
}

const origin = (url: string, headers: Record<string, string>, trust: false | TrustedProxy) => publicOrigin({ url, headers: new Headers(headers) }, trust);
const declared: TrustedProxy = { header: 'x-forwarded-for' };

describe('behind a declared proxy', () => {
  it('a browser POST with the public Origin signs in, and the cookie is __Host- and Secure', async () => {
    const p = await portal({ trustProxy: declared });
    const res = await p.login({ ...throughProxy, origin: PUBLIC });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^__Host-cb_session=[^;]+;/);
    expect(cookie).toMatch(/; Secure(;|$)/);
    expect(cookie).toMatch(/; Path=\//);
    // The next request finds the session under the same name.
    const session = await p.call('/session', { method: 'GET', headers: { ...throughProxy, cookie: cookie.split(';')[0]! } });
    expect(session.status).toBe(200);
  });

  it('still refuses a foreign Origin', async () => {
    const p = await portal({ trustProxy: declared });
    for (const foreign of ['https://evil.example', 'http://portal.example.com', BACKEND]) {
      expect((await p.login({ ...throughProxy, origin: foreign })).status).toBe(403);
    }
  });

  it("reads RFC 7239 Forwarded when told to, and then ignores X-Forwarded-*", async () => {
    const p = await portal({ trustProxy: { header: 'x-forwarded-for', forwarded: 'forwarded' } });
    const res = await p.login({ forwarded: 'for=198.51.100.23;proto=https;host="portal.example.com"', origin: PUBLIC });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-cb_session=.*; Secure/);
    expect((await p.login({ ...throughProxy, origin: PUBLIC })).status).toBe(403);
  });

  it('believes neither header with forwarded: false', async () => {
    const p = await portal({ trustProxy: { header: 'x-forwarded-for', forwarded: false } });
    expect((await p.login({ ...throughProxy, origin: PUBLIC })).status).toBe(403);
    const plain = await p.login(throughProxy);
    expect(plain.headers.getSetCookie()[0]).toMatch(/^cb_session=/);
  });

  it('refuses an unknown forwarded source at start', () => {
    expect(() => resolvePolicy({ trustProxy: { header: 'x-forwarded-for', forwarded: 'x-real' as never } })).toThrow(/trustProxy\.forwarded/);
  });
});

describe('without a declared proxy', () => {
  it('ignores X-Forwarded-Proto and -Host: the public Origin is refused and the cookie stays plain', async () => {
    const p = await portal();
    expect((await p.login({ ...throughProxy, origin: PUBLIC })).status).toBe(403);
    const res = await p.login(throughProxy);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^cb_session=/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('ignores Forwarded too, and a client cannot name its own origin', async () => {
    const p = await portal();
    const forged = { forwarded: 'proto=https;host=evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', origin: 'https://evil.example' };
    expect((await p.login(forged)).status).toBe(403);
    expect((await p.login({ origin: BACKEND })).status).toBe(200);
  });
});

describe('publicOrigin', () => {
  it('is the request URL without a proxy, whatever the headers say', () => {
    expect(origin('http://127.0.0.1:3000/x', throughProxy, false)).toEqual({ scheme: 'http', host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' });
    expect(origin('https://portal.example.com/x', {}, false).scheme).toBe('https');
  });

  it('takes the scheme and host of a declared proxy, normalised as browsers send Origin', () => {
    expect(origin('http://10.0.0.5:8080/x', { 'x-forwarded-proto': 'HTTPS', 'x-forwarded-host': 'Portal.Example.com:443' }, declared)).toEqual({
      scheme: 'https',
      host: 'portal.example.com',
      origin: 'https://portal.example.com',
    });
    expect(origin('http://10.0.0.5:8080/x', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'localhost:8443' }, declared).origin).toBe('https://localhost:8443');
    expect(origin('http://10.0.0.5/x', { 'x-forwarded-host': '[::1]:5173' }, declared).origin).toBe('http://[::1]:5173');
  });

  it('keeps the URL part a header leaves out', () => {
    expect(origin('http://portal.example.com/x', { 'x-forwarded-proto': 'https' }, declared).origin).toBe('https://portal.example.com');
    expect(origin('http://127.0.0.1:3000/x', { 'x-forwarded-host': 'localhost:5173' }, declared).origin).toBe('http://localhost:5173');
  });

  it('reads appended lists from the right, `hops` entries in', () => {
    const headers = { 'x-forwarded-proto': 'http, https', 'x-forwarded-host': 'evil.example, portal.example.com' };
    expect(origin('http://10.0.0.5/x', headers, declared).origin).toBe('https://portal.example.com');
    expect(origin('http://10.0.0.5/x', headers, { ...declared, hops: 2 }).origin).toBe('http://evil.example');
    // Fewer entries than hops: the leftmost is the outermost proxy's.
    expect(origin('http://10.0.0.5/x', { 'x-forwarded-proto': 'https' }, { ...declared, hops: 3 }).scheme).toBe('https');
  });

  it('parses RFC 7239 elements, quoted values and case', () => {
    const trust: TrustedProxy = { ...declared, forwarded: 'forwarded' };
    const read = (forwarded: string, hops?: number) => origin('http://10.0.0.5/x', { forwarded }, { ...trust, hops }).origin;
    expect(read('For="[2001:db8::1]";Proto=HTTPS;Host="Portal.example.com:8443"')).toBe('https://portal.example.com:8443');
    expect(read('for=203.0.113.1;proto=http;host=evil.example, for=10.0.0.1;proto=https;host=portal.example.com')).toBe('https://portal.example.com');
    expect(read('for=203.0.113.1;proto=https;host=portal.example.com, for=10.0.0.1;proto=http;host=10.0.0.5', 2)).toBe('https://portal.example.com');
    expect(read('host="a,b";proto=https')).toBe('https://10.0.0.5');
  });

  it('falls back to the URL on a value that is not a scheme or a host', () => {
    for (const host of ['evil.example/path', 'user@evil.example', 'evil.example:99999', 'a b', '', '-x.example', 'evil.example?x']) {
      expect(origin('http://10.0.0.5:8080/x', { 'x-forwarded-host': host }, declared).host).toBe('10.0.0.5:8080');
    }
    for (const proto of ['ftp', 'javascript', 'https:', '']) {
      expect(origin('http://10.0.0.5:8080/x', { 'x-forwarded-proto': proto }, declared).scheme).toBe('http');
    }
    const trust: TrustedProxy = { ...declared, forwarded: 'forwarded' };
    for (const forwarded of ['proto=https;host', 'proto="https', '=https', 'proto=https;;host=x']) {
      expect(origin('http://10.0.0.5:8080/x', { forwarded }, trust).origin).toBe('http://10.0.0.5:8080');
    }
  });
});
