/**
 * The server the package test's browser pages sign in against, built from the packed tarball as
 * a host would write it: the router at /api/2fa with a dev outbox (codes are read back through
 * /dev/code/:phone), a host route behind requireSession(), a host page behind sessionOf(), and
 * the pages themselves (Vite's and React's builds, the import-map page and the node_modules it
 * maps).
 *
 * Env: PORT, WEB_DIR (the elements-only project: its dist/ and node_modules/), REACT_DIR (the
 * React project: its dist/), PLAIN_PAGE (the import-map page, as docs/components.md prints it).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo, type Account } from 'cb-2fa/server';
import { openLibsql } from 'cb-2fa/server/node';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`pages-server: set ${name}`);
  return value;
};

const PASSWORD = 'package-test-password';
/** One contact per walk: each login sends an SMS, and a phone gets one every 30 s at most. */
const phones: Record<string, string> = {
  'usr-demo': '+12025550143',
  'usr-pat': '+12025550144',
  'usr-lee': '+12025550166',
  'usr-pkg': '+12025550188',
};

const outbox = devOutbox();
const hasher = pbkdf2Hasher();
const { db } = await openLibsql(':memory:');
const tf = createTwoFactor({
  db,
  sms: outbox,
  secret: 'package-test-secret-of-at-least-32-characters',
  hasher,
  appName: 'Package Test Portal',
  smsDomain: 'localhost',
  getConnInfo,
});

await seedDemo(tf.store, hasher, PASSWORD);
const extra: Account = {
  id: 'usr-pkg',
  email: 'pkg@example.com',
  name: 'Package Contact',
  organizationId: 'org-demo',
  role: 'contact',
  masterAdmin: false,
  passwordHash: await hasher.hash(PASSWORD),
};
await tf.store.accounts.ensureAccount(extra);
const settings = await tf.store.updateSettings({ enabled: true, allowOptOut: false }, Date.now(), 'usr-admin');
for (const [userId, phone] of Object.entries(phones)) await tf.store.enroll(userId, phone, settings.generation, Date.now());

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A file under `root`, or null (no path leaves `root`). */
async function file(root: string, path: string): Promise<Response | null> {
  const base = resolve(root);
  let full = resolve(join(base, decodeURIComponent(path)));
  if (full !== base && !full.startsWith(base + sep)) return null;
  try {
    if ((await stat(full)).isDirectory()) full = join(full, 'index.html');
    return new Response(await readFile(full), { headers: { 'content-type': types[extname(full)] ?? 'application/octet-stream' } });
  } catch {
    return null;
  }
}

const app = new Hono();
app.route('/api/2fa', tf.app);
app.get('/api/me', tf.requireSession(), (c) => c.json({ email: c.var.cbUser.email }));
app.get('/dashboard', async (c) => {
  const session = await tf.sessionOf(c);
  if (!session) return c.redirect('/plain/');
  return c.html(`<!doctype html><title>Dashboard</title><p id="status">Signed in as ${session.user.email}</p>`);
});
app.get('/dev/code/:phone', (c) => c.json({ code: outbox.lastCode(c.req.param('phone')) ?? null }));
app.get('/plain/', async (c) => c.html(await readFile(env('PLAIN_PAGE'), 'utf8')));
const mounts: [string, string][] = [
  ['/vite/', join(env('WEB_DIR'), 'dist')],
  ['/react/', join(env('REACT_DIR'), 'dist')],
  ['/node_modules/', join(env('WEB_DIR'), 'node_modules')],
];
for (const [prefix, root] of mounts) {
  app.get(`${prefix}*`, async (c) => (await file(root, c.req.path.slice(prefix.length))) ?? c.notFound());
}

serve({ fetch: app.fetch, port: Number(env('PORT')), hostname: '127.0.0.1' }, (info) => {
  console.log(`pages-server listening on ${info.port}`);
});
