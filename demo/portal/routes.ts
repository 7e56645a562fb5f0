/**
 * Mounts the demo portal's pages and assets on the demo app. Pages check the session on the
 * server and redirect: a pending login (password done, code not yet) is not signed in.
 */
import type { Context, Hono } from 'hono';
import type { SessionResponse } from '../../protocol/dto.js';
import type { TwoFactor } from '../../server/index.js';
import { buildElementAssets, type Asset } from './assets.js';
import type { Branding } from './branding.js';
import { auditPage, dashboardPage, loginPage, organizationPage, organizationsPage, outboxPage, resetPage, settingsPage, type View } from './pages.js';
import { pageNonce, portalSecurityHeaders } from './security-headers.js';

const notices: Record<string, string> = {
  'opted-in': 'You have been signed out. Sign in again to set up two-factor authentication.',
  'signed-out': 'You have been signed out.',
};

// Built on the first page load and shared by every app in the process (tests build many apps).
let assets: Promise<Map<string, Asset>> | undefined;
const elementAssets = () => (assets ??= buildElementAssets());

export async function mountPortal(app: Hono, options: { tf: TwoFactor; branding: Branding; production: boolean }): Promise<void> {
  const { tf, branding } = options;
  // Before the pages and assets (they are the routes below); the JSON API needs no page policy.
  app.use('*', portalSecurityHeaders({ branding, production: options.production }));
  const view = (c: Context): View => ({ branding, nonce: pageNonce(c) });

  app.get('/assets/*', async (c) => {
    const asset = (await elementAssets()).get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
  });

  const signedIn = (c: Context) => tf.sessionOf(c);

  app.get('/', async (c) => {
    const found = await signedIn(c);
    if (found) return c.redirect(found.user.role === 'admin' ? '/admin' : '/dashboard');
    return c.html(loginPage(view(c), notices[c.req.query('notice') ?? '']));
  });
  app.get('/reset', (c) => c.html(resetPage(view(c))));

  app.get('/dashboard', async (c) => {
    const found = await signedIn(c);
    if (!found) return c.redirect('/');
    if (found.user.role === 'admin') return c.redirect('/admin');
    // The same answer the elements get from GET /session, asked of the router in-process.
    const res = await tf.app.request(new URL('/session', c.req.url), { headers: { cookie: c.req.header('cookie') ?? '' } });
    const info = (await res.json()) as SessionResponse;
    return c.html(dashboardPage(view(c), found.user, info.twoFactor.canOptIn));
  });

  const admin = async (c: Context) => {
    const found = await signedIn(c);
    if (!found) return { redirect: c.redirect('/') };
    if (found.user.role !== 'admin') return { redirect: c.redirect('/dashboard') };
    return { user: found.user };
  };

  app.get('/admin', (c) => c.redirect('/admin/configurations/client-users'));
  app.get('/admin/configurations/client-users', async (c) => {
    const a = await admin(c);
    return a.user ? c.html(settingsPage(view(c), a.user)) : a.redirect;
  });
  app.get('/admin/organizations', async (c) => {
    const a = await admin(c);
    if (!a.user) return a.redirect;
    const orgs = await tf.store.accounts.listOrganizations();
    const withCounts = await Promise.all(orgs.map(async (o) => ({ ...o, contacts: (await tf.store.accounts.listContacts(o.id)).length })));
    return c.html(organizationsPage(view(c), a.user, withCounts));
  });
  app.get('/admin/organizations/:id', async (c) => {
    const a = await admin(c);
    if (!a.user) return a.redirect;
    const org = (await tf.store.accounts.listOrganizations()).find((o) => o.id === c.req.param('id'));
    if (!org) return c.notFound();
    return c.html(organizationPage(view(c), a.user, org));
  });
  app.get('/admin/audit', async (c) => {
    const a = await admin(c);
    if (!a.user) return a.redirect;
    const events = await tf.store.listAudit({ limit: 100 });
    return c.html(auditPage(view(c), a.user, events.map((e) => ({ ...e, at: new Date(e.at).toISOString(), detail: e.detail ?? null }))));
  });

  if (!options.production) app.get('/dev/outbox', (c) => c.html(outboxPage(view(c))));
}
