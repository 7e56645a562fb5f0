/**
 * Where the client IP comes from on each runtime: the `c.env` each server passes to `app.fetch`
 * (read by default), a host-given `getConnInfo` (Hono's adapter for the runtime), and a trusted
 * proxy header. The runtime suites (test/runtimes) prove the same over real sockets.
 */
import { getConnInfo as nodeConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { getConnInfo as workersConnInfo } from 'hono/cloudflare-workers';
import type { GetConnInfo } from 'hono/conninfo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientIp } from '../../server/middleware/client-ip.js';
import type { TrustedProxy } from '../../server/policy.js';

// `hono/bun` and `hono/deno` read their runtime's global as they load (for static files): stubs
// let Node load them, and their getConnInfo touches nothing but `c.env`.
(globalThis as { Bun?: unknown }).Bun ??= { write: () => {} };
(globalThis as { Deno?: unknown }).Deno ??= { errors: {} };
const { getConnInfo: bunConnInfo } = await import('hono/bun');
const { getConnInfo: denoConnInfo } = await import('hono/deno');

/** What `app.fetch(request, env)` receives from each runtime's server. */
const envs = {
  node: { incoming: { socket: { remoteAddress: '198.51.100.1', remotePort: 50000, remoteFamily: 'IPv4' } } },
  bun: { requestIP: () => ({ address: '198.51.100.2', port: 50000, family: 'IPv4' }) },
  deno: { remoteAddr: { hostname: '2001:db8::3', port: 50000, transport: 'tcp' } },
};

async function ipOf(env: unknown, options: { trust?: false | TrustedProxy; getConnInfo?: GetConnInfo; headers?: Record<string, string> } = {}) {
  const app = new Hono().get('/', (c) => c.text(clientIp(c, options.trust ?? false, options.getConnInfo)));
  return (await app.request('http://portal.test/', { headers: options.headers }, env)).text();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the client IP', () => {
  it.each([
    ['Node', envs.node, '198.51.100.1'],
    ['Bun', envs.bun, '198.51.100.2'],
    ['Deno', envs.deno, '2001:db8::3'],
  ])('comes from the socket %s passes as c.env, with no option', async (_, env, ip) => {
    expect(await ipOf(env)).toBe(ip);
  });

  it.each([
    ['@hono/node-server/conninfo', nodeConnInfo, envs.node, '198.51.100.1'],
    ['hono/bun', bunConnInfo, envs.bun, '198.51.100.2'],
    ['hono/deno', denoConnInfo, envs.deno, '2001:db8::3'],
  ])('comes from getConnInfo of %s when the host passes it', async (_, getConnInfo, env, ip) => {
    expect(await ipOf(env, { getConnInfo })).toBe(ip);
  });

  it('on Workers, from CF-Connecting-IP through hono/cloudflare-workers', async () => {
    const bindings = { DB: {}, CB_SECRET: 'x' };
    expect(await ipOf(bindings, { getConnInfo: workersConnInfo, headers: { 'cf-connecting-ip': '203.0.113.9' } })).toBe('203.0.113.9');
  });

  it("falls back to the runtime's env when the given adapter belongs to another runtime", async () => {
    // The Node adapter throws on Bun's env; the request still gets its real address.
    expect(await ipOf(envs.bun, { getConnInfo: nodeConnInfo })).toBe('198.51.100.2');
  });

  it('a trusted proxy header comes first; an untrusted one is ignored', async () => {
    const headers = { 'x-forwarded-for': '192.0.2.50, 10.0.0.1' };
    expect(await ipOf(envs.deno, { headers, trust: { header: 'x-forwarded-for', hops: 1 } })).toBe('10.0.0.1');
    expect(await ipOf(envs.deno, { headers, getConnInfo: denoConnInfo })).toBe('2001:db8::3');
  });

  it('an RFC 7239 Forwarded header gives the for= address of the trusted hop, v4 with a port or v6 in brackets', async () => {
    const trust = { header: 'forwarded', hops: 1 };
    const v6 = { forwarded: 'for=192.0.2.60;proto=https, for="[2001:db8:cafe::17]:4711";proto=https;host=portal.example' };
    expect(await ipOf(envs.node, { headers: v6, trust })).toBe('2001:db8:cafe::17');
    expect(await ipOf(envs.node, { headers: { forwarded: 'for=192.0.2.60:8080;proto=https' }, trust })).toBe('192.0.2.60');
    expect(await ipOf(envs.node, { headers: v6, trust: { header: 'forwarded', hops: 2 } })).toBe('192.0.2.60');
    // An obfuscated identifier is no address: the socket's stands.
    expect(await ipOf(envs.node, { headers: { forwarded: 'for=_hidden' }, trust })).toBe('198.51.100.1');
  });

  it('is "unknown" only when the runtime gave no address, and the log says what to pass, once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Workers bindings without the adapter: CF-Connecting-IP is then a header anyone can send.
    expect(await ipOf({ DB: {} }, { headers: { 'cf-connecting-ip': '203.0.113.9' } })).toBe('unknown');
    expect(await ipOf({ DB: {} })).toBe('unknown');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/getConnInfo.*hono\/deno/);
  });
});
