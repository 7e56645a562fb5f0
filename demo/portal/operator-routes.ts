/**
 * The platform operator's page and its one write, `PUT /api/ops/portals/:id`. Who the operator is
 * is the demo's decision (a list of emails of the main host's portal), never a portal admin's
 * privilege: a portal's Master Admin runs their portal, not the platform. The write is guarded as
 * the router's are (JSON only, same origin) and validated by `tf.portals.update`.
 */
import type { Context, Hono } from 'hono';
import { Hono as HonoApp } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CbError, normalizeEmail, reportCsv, type CbUser, type PortalPatch, type TrustedProxy, type TwoFactor } from '../../server/index.js';
import { publicOrigin } from '../../server/middleware/public-origin.js';
import { requestGuard } from '../../server/middleware/request-guard.js';
import type { View } from './pages.js';

export interface Operators {
  /** Whether this signed-in user of this request's portal is the platform's operator. */
  includes(c: Context, user: CbUser): boolean;
}

/** Operators are accounts of one portal (the main host's), named by email. */
export function operatorsOf(emails: readonly string[], mainPortal: string, portalOf: (c: Context) => string): Operators {
  const named = new Set(emails.map(normalizeEmail));
  return { includes: (c, user) => portalOf(c) === mainPortal && named.has(normalizeEmail(user.email)) };
}

// The operator's pages load with their first request: a start serves the login page only.
const operatorPageModule = () => import('./operator-page.js');
const operatorReportModule = () => import('./operator-report.js');

/** What the page may change: branding, SMS identity and budget (countries and policies are not its business). */
const EDITABLE = new Set(['name', 'logoUrl', 'accent', 'sms', 'dailySmsBudget']);

export function mountOperator(app: Hono, options: { tf: TwoFactor; view: (c: Context) => View; operators: Operators; trustProxy: false | TrustedProxy }): void {
  const { tf, operators } = options;

  app.get('/ops', async (c) => {
    const found = await tf.sessionOf(c);
    if (!found) return c.redirect('/');
    const { notOperatorPage, operatorPage } = await operatorPageModule();
    if (!operators.includes(c, found.user)) return c.html(notOperatorPage(options.view(c)), 403);
    return c.html(operatorPage(options.view(c), found.user, await tf.portals.list()));
  });

  app.get('/ops/report', async (c) => {
    const found = await tf.sessionOf(c);
    if (!found) return c.redirect('/');
    if (!operators.includes(c, found.user)) return c.html((await operatorPageModule()).notOperatorPage(options.view(c)), 403);
    const { operatorReportPage } = await operatorReportModule();
    return c.html(operatorReportPage(options.view(c), found.user, await tf.report()));
  });

  const api = new HonoApp()
    .onError((err, c) => {
      const error = err instanceof CbError ? err : new CbError('internal', 'Something went wrong on our side.');
      if (!(err instanceof CbError)) console.error('demo: operator API error', err instanceof Error ? err.message : 'unknown');
      return c.json(error.toBody(), error.status as 400);
    })
    .use('*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json(new CbError('bad_request', 'The body is larger than 16 KiB.').toBody(), 413) }))
    .use('*', requestGuard({ trustedOrigins: [], ownOrigin: (c) => publicOrigin(c.req.raw, options.trustProxy).origin }))
    .use('*', async (c, next) => {
      const found = await tf.sessionOf(c);
      if (!found) throw new CbError('unauthorized', 'Sign in first.');
      if (!operators.includes(c, found.user)) throw new CbError('forbidden', 'Only the platform operator may change portals.');
      await next();
    })
    // Every portal's report as one CSV, or one portal's (`?portal=`).
    .get('/report.csv', async (c) => {
      const all = await tf.report();
      const id = c.req.query('portal');
      const portals = id === undefined ? all.portals : all.portals.filter((p) => p.portal.id === id);
      if (id !== undefined && portals.length === 0) throw new CbError('not_found', 'No such portal.');
      return c.body(reportCsv({ ...all, portals }), 200, {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="2fa-report-${id ?? 'all-portals'}-${all.generatedAt.slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      });
    })
    .put('/portals/:id', async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new CbError('bad_request', 'The body is not valid JSON.');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CbError('bad_request', 'Send the changes as a JSON object.');
      const refused = Object.keys(body).filter((key) => !EDITABLE.has(key));
      if (refused.length) throw new CbError('bad_request', `Not editable here: ${refused.join(', ')}.`, { fields: refused });
      let portal;
      try {
        portal = await tf.portals.update(c.req.param('id'), body as PortalPatch);
      } catch (err) {
        if (err instanceof TypeError && err.message.startsWith('cb-2fa portals: ')) throw new CbError('bad_request', err.message.slice('cb-2fa portals: '.length));
        throw err;
      }
      if (!portal) throw new CbError('not_found', 'No such portal.');
      return c.json({ portal });
    })
    .all('*', () => {
      throw new CbError('not_found', 'No such route.');
    });
  app.route('/api/ops', api);
}
