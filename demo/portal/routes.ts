/**
 * Mounts the demo's pages and assets on the demo app. Every page belongs to the request's portal:
 * its branding, its store, its signed-in users. Pages check the session on the server and
 * redirect: a pending login (password done, code not yet) is not signed in.
 */
import { readFileSync } from 'node:fs';
import type { Context, Hono } from 'hono';
import type { ReportDto, SessionResponse } from '../../protocol/dto.js';
import type { CbUser, Portal, TwoFactor } from '../../server/index.js';
import { buildElementAssets, type Asset } from './assets.js';
import type { Branding } from './branding.js';
import { mountAutoPay } from './autopay.js';
import { mountOperator, type Operators } from './operator-routes.js';
import { auditPage, dashboardPage, loginPage, organizationPage, organizationsPage, outboxPage, resetPage, securityPage, settingsPage, type View } from './pages.js';
import { pageNonce, portalSecurityHeaders } from './security-headers.js';
import type { NotificationFeed } from '../notifications.js';

const notices: Record<string, string> = {
  'opted-in': 'You have been signed out. Sign in again to set up two-factor authentication.',
  'signed-out': 'You have been signed out.',
};

// Built on the first page load and shared by every app in the process (tests build many apps).
let assets: Promise<Map<string, Asset>> | undefined;
const elementAssets = () => (assets ??= buildElementAssets());
const northwindLogo = readFileSync(new URL('./northwind-logo.svg', import.meta.url), 'utf8');
// An admin's pages load with their first request: a start serves the login page only.
const reportPageModule = () => import('./report-page.js');
const notificationsPageModule = () => import('./notifications-page.js');

/** Only a colour the portal API accepted can reach the page's stylesheet; anything else gets the demo's. */
const CSS_COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|hsl|oklch)a?\([0-9.,%\s/a-z-]+\))$/;

export interface PortalPagesOptions {
  tf: TwoFactor;
  /** The portal id of a request (the same resolver the router has). */
  portalOf: (c: Context) => string;
  /** The page header's colour of each portal: the demo's own chrome. */
  headers: Record<string, string>;
  /** The colours of a portal whose record leaves them empty. */
  fallback: Branding;
  operators: Operators;
  production: boolean;
  /** How old a second factor may be for the AutoPay change. @default 600 */
  stepUpMaxAgeSeconds?: number;
  /** What the demo's `onEvent` heard, for the admins' Notifications page. */
  notifications?: NotificationFeed;
}

export async function mountPortal(app: Hono, options: PortalPagesOptions): Promise<void> {
  const { tf, portalOf, fallback } = options;
  // Each page's portal record, read once per page request (before the security headers, whose
  // image sources name its logo's origin); the JSON routes need none.
  const records = new WeakMap<Request, Portal>();
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const record = await tf.portals.get(portalOf(c));
    if (!record) return c.notFound();
    records.set(c.req.raw, record);
    return next();
  });
  app.use('*', portalSecurityHeaders({ logoUrl: (c) => records.get(c.req.raw)?.logoUrl, production: options.production }));

  const view = (c: Context): View => {
    const record = records.get(c.req.raw)!;
    const branding: Branding = {
      portalName: record.name ?? fallback.portalName,
      logoUrl: record.logoUrl,
      colors: {
        accent: record.accent && CSS_COLOR.test(record.accent) ? record.accent : fallback.colors.accent,
        header: options.headers[record.id] ?? fallback.colors.header,
      },
    };
    return { branding, lang: record.sms.locale, nonce: pageNonce(c) };
  };
  /** The store of the request's portal: an admin page lists its own portal's data only. */
  const storeOf = (c: Context) => tf.storeFor(records.get(c.req.raw)!.id);
  const isOperator = (c: Context, user: CbUser) => options.operators.includes(c, user);

  app.get('/assets/northwind-logo.svg', (c) => c.body(northwindLogo, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-cache' }));
  app.get('/assets/*', async (c) => {
    const asset = (await elementAssets()).get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
  });

  const signedIn = (c: Context) => tf.sessionOf(c);

  app.get('/', async (c) => {
    const found = await signedIn(c);
    if (found) return c.redirect(found.user.role === 'admin' ? '/admin' : isOperator(c, found.user) ? '/ops' : '/dashboard');
    return c.html(loginPage(view(c), notices[c.req.query('notice') ?? '']));
  });
  app.get('/reset', (c) => c.html(resetPage(view(c))));

  app.get('/dashboard', async (c) => {
    const found = await signedIn(c);
    if (!found) return c.redirect('/');
    if (found.user.role === 'admin') return c.redirect('/admin');
    // The same answer the elements get from GET /session, asked of the router in-process with the
    // request's own headers, so that it resolves the same portal.
    const res = await tf.app.request(new URL('/session', c.req.url), { headers: c.req.raw.headers });
    const info = (await res.json()) as SessionResponse;
    return c.html(dashboardPage(view(c), found.user, info.twoFactor.canOptIn, isOperator(c, found.user)));
  });

  app.get('/security', async (c) => {
    const found = await signedIn(c);
    if (!found) return c.redirect('/');
    if (found.user.role === 'admin') return c.redirect('/admin');
    return c.html(securityPage(view(c), found.user));
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
    const accounts = storeOf(c).accounts;
    const orgs = await accounts.listOrganizations();
    const withCounts = await Promise.all(orgs.map(async (o) => ({ ...o, contacts: (await accounts.listContacts(o.id)).length })));
    return c.html(organizationsPage(view(c), a.user, withCounts));
  });
  app.get('/admin/organizations/:id', async (c) => {
    const a = await admin(c);
    if (!a.user) return a.redirect;
    const org = await storeOf(c).accounts.getOrganization(c.req.param('id'));
    if (!org) return c.notFound();
    return c.html(organizationPage(view(c), a.user, org));
  });
  app.get('/admin/report', async (c) => {
    const a = await admin(c);
    if (!a.user) return a.redirect;
    // The router's own answer, asked in-process with the request's headers (its portal, its session).
    const res = await tf.app.request(new URL('/admin/report', c.req.url), { headers: c.req.raw.headers });
    if (!res.ok) return c.redirect('/admin');
    const { reportPage } = await reportPageModule();
    return c.html(reportPage(view(c), a.user, (await res.json()) as ReportDto, c.req.query('state') ?? ''));
  });
  app.get('/admin/notifications', async (c) => {
    const a = await admin(c);
    if (!a.user) return a.redirect;
    const portalId = records.get(c.req.raw)!.id;
    const events = options.notifications?.list(portalId) ?? [];
    const accounts = storeOf(c).accounts;
    const names = new Map<string, string>();
    for (const id of new Set(events.map((e) => e.subjectId ?? e.actorId).filter((id): id is string => !!id))) names.set(id, (await accounts.getAccount(id))?.name ?? id);
    const items = events.map((event) => ({ event, name: names.get(event.subjectId ?? event.actorId ?? '') ?? 'Someone' }));
    const { notificationsPage } = await notificationsPageModule();
    return c.html(notificationsPage(view(c), a.user, items));
  });
  app.get('/admin/audit', async (c) => {
    const a = await admin(c);
    if (!a.user) return a.redirect;
    const events = await storeOf(c).listAudit({ limit: 100 });
    return c.html(auditPage(view(c), a.user, events.map((e) => ({ ...e, at: new Date(e.at).toISOString(), detail: e.detail ?? null }))));
  });

  mountOperator(app, { tf, view, operators: options.operators, trustProxy: tf.policy.trustProxy });
  mountAutoPay(app, { tf, view, trustProxy: tf.policy.trustProxy, portalOf: (c) => records.get(c.req.raw)?.id ?? portalOf(c), maxAgeSeconds: options.stepUpMaxAgeSeconds });

  if (!options.production) app.get('/dev/outbox', (c) => c.html(outboxPage(view(c))));
}
