/**
 * A real Vite 7 dev server proxying `/api` to the router, as docs/deploy.md ("Vite's dev proxy")
 * configures it. The browser talks to Vite's origin; with `changeOrigin` the router sees its own
 * address in `Host`, so the same-origin check needs the forwarded host of a declared proxy, or
 * `trustedOrigins`, or no `changeOrigin` at all.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ProxyOptions, type ViteDevServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../server/index.js';
import { PASSWORD, serveBackend } from './backend.js';
import { freePort, HttpClient, type Served } from './http.js';

const root = mkdtempSync(join(tmpdir(), 'cb2fa-vite-'));
const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** The dev setup: the router on 127.0.0.1, Vite in front with the documented `server.proxy` entry. */
async function devSetup(proxy: Omit<ProxyOptions, 'target'>, backend: { policy?: Partial<Policy>; trustedOrigins?: (viteOrigin: string) => string[] } = {}) {
  const vitePort = await freePort();
  // What the browser's address bar shows, and so what it sends as Origin.
  const viteOrigin = `http://localhost:${vitePort}`;
  const api: Served = await serveBackend({ policy: backend.policy, trustedOrigins: backend.trustedOrigins?.(viteOrigin) });
  running.push(api);
  const vite: ViteDevServer = await createServer({
    configFile: false,
    root,
    logLevel: 'silent',
    appType: 'custom',
    optimizeDeps: { noDiscovery: true },
    server: {
      host: '127.0.0.1',
      port: vitePort,
      strictPort: true,
      ws: false,
      watch: null,
      proxy: { '/api': { target: api.url, ...proxy } },
    },
  });
  await vite.listen();
  running.push(vite);
  // Connect to 127.0.0.1 but send what a browser on localhost sends.
  const browser = new HttpClient(`http://127.0.0.1:${vitePort}`, { headers: { host: `localhost:${vitePort}`, origin: viteOrigin, 'sec-fetch-site': 'same-origin' } });
  const login = () => browser.post('/api/2fa/login', { email: 'demo@example.com', password: PASSWORD });
  return { browser, login, viteOrigin };
}

describe("Vite's dev proxy", () => {
  it('changeOrigin + xfwd, with the router declaring the proxy: the browser signs in', async () => {
    const dev = await devSetup({ changeOrigin: true, xfwd: true }, { policy: { trustProxy: { header: 'x-forwarded-for' } } });
    const res = await dev.login();
    expect(res.status).toBe(200);
    expect(res.body.step).toBe('authenticated');
    // Plain http in development: no `Secure`, so no `__Host-` prefix either.
    expect(res.setCookies[0]).toMatch(/^cb_session=/);
    expect((await dev.browser.get('/api/2fa/session')).status).toBe(200);
  });

  it('changeOrigin with trustedOrigins naming the dev server: the browser signs in', async () => {
    const dev = await devSetup({ changeOrigin: true }, { trustedOrigins: (viteOrigin) => [viteOrigin] });
    expect((await dev.login()).status).toBe(200);
  });

  it('without changeOrigin nothing needs configuring: Host stays the browser\'s', async () => {
    const dev = await devSetup({});
    expect((await dev.login()).status).toBe(200);
  });

  it('changeOrigin alone is refused (403): the router sees its own address, not the Origin', async () => {
    const dev = await devSetup({ changeOrigin: true });
    const res = await dev.login();
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('the forwarded headers of an undeclared proxy are ignored, even from Vite', async () => {
    const dev = await devSetup({ changeOrigin: true, xfwd: true });
    expect((await dev.login()).status).toBe(403);
  });
});
