/**
 * Leak class: a request for no portal. A host the resolver knows nothing of, an id no one
 * created (`default` included, once there is a resolver), or an id of the wrong form answers
 * 404 `not_found` JSON on every route of the router, with nothing read from or written to any
 * portal: never the first portal in the table, never the `default` one.
 */
import { beforeEach, expect, it } from 'vitest';
import { routes } from '../../protocol/routes.js';
import { DELIVERY_PATH, SMS_STATUS_PATH } from '../../server/services/sending.js';
import { ADMIN, Browser, DEFAULT_HOST, MALFORMED_HOST, onBothDatabases, ORG, SAM, twoPortals, UNCREATED_HOST, UNKNOWN_HOST, type Deployment } from './support.js';

/** Every route of the router, with a body it would accept from a signed-in user. */
const everyRoute: Array<[method: string, template: string, body?: unknown]> = [
  ['GET', routes.portal],
  ['POST', routes.login, { email: ADMIN.email, password: 'x' }],
  ['POST', routes.enrollPhone, { phone: '+12025550143' }],
  ['POST', routes.enrollConfirm, { code: '123456' }],
  ['POST', routes.enrollSkip, {}],
  ['POST', routes.verify, { code: '123456' }],
  ['POST', routes.resend, {}],
  ['GET', DELIVERY_PATH],
  ['POST', SMS_STATUS_PATH, {}],
  ['GET', routes.session],
  ['POST', routes.optIn, {}],
  ['POST', routes.stepUp, {}],
  ['POST', routes.stepUpVerify, { code: '123456' }],
  ['POST', routes.recoveryCodes, {}],
  ['POST', routes.phone, { phone: '+12025550188' }],
  ['POST', routes.phoneConfirm, { code: '123456' }],
  ['GET', routes.devices],
  ['POST', routes.devicesForget, {}],
  ['POST', routes.resetRequest, {}],
  ['GET', routes.adminSettings],
  ['PUT', routes.adminSettings, { enabled: true, allowOptOut: false }],
  ['GET', routes.adminContacts],
  ['POST', routes.adminContactReset, {}],
  ['POST', routes.adminContactDevicesForget, {}],
  ['GET', routes.adminAudit],
  ['PUT', routes.adminOrganizationPolicy, { policy: 'exempt' }],
  ['GET', routes.adminSettingsPreview],
  ['GET', routes.adminReport],
  ['POST', routes.logout, {}],
];

/** An id that exists in alpha: Sam for the contact route, the shared organization for the policy one. */
const pathOf = (template: string) => template.replace(':id', template.startsWith('/admin/organizations/') ? ORG.shared : SAM.id);

onBothDatabases('a request for no portal answers 404 everywhere', (db) => {
  let d: Deployment;
  beforeEach(async () => {
    d = await twoPortals(db());
  });

  it('the list of routes here holds every route of the contract', () => {
    const listed = new Set(everyRoute.map(([, template]) => template));
    expect(Object.values(routes).filter((path) => !listed.has(path))).toEqual([]);
  });

  it('every route answers 404 not_found JSON at every host of no portal, also with a signed-in cookie of alpha', async () => {
    const { browser: alpha } = await d.alpha.login(ADMIN.email);
    const rowsBefore = await db().rows('SELECT count(*) AS n FROM cb_sessions');
    const auditBefore = await db().rows('SELECT count(*) AS n FROM cb_audit_events');
    const countersBefore = await db().rows('SELECT key, count FROM cb_rate_limits ORDER BY key');
    for (const host of [UNKNOWN_HOST, UNCREATED_HOST, DEFAULT_HOST, MALFORMED_HOST]) {
      for (const browser of [new Browser(d.app, host, '203.0.113.9'), alpha.at(host)]) {
        for (const [method, template, body] of everyRoute) {
          const path = pathOf(template);
          const res = await browser.request(method, path, body);
          expect([host, method, path, res.status, res.headers.get('content-type'), res.body.error?.code]).toEqual([
            host,
            method,
            path,
            404,
            'application/json',
            'not_found',
          ]);
        }
      }
    }
    // Nothing was counted, stored or audited anywhere, and alpha's session is as it was.
    expect(await db().rows('SELECT count(*) AS n FROM cb_sessions')).toEqual(rowsBefore);
    expect(await db().rows('SELECT count(*) AS n FROM cb_audit_events')).toEqual(auditBefore);
    expect(await db().rows('SELECT key, count FROM cb_rate_limits ORDER BY key')).toEqual(countersBefore);
    expect((await alpha.get('/session')).status).toBe(200);
    expect(d.outbox.outbox).toHaveLength(0);
  });

  it("the same routes answer at a portal's own host (the 404 is the portal's, not the route's)", async () => {
    const { browser } = await d.alpha.login(ADMIN.email);
    for (const [method, template, body] of everyRoute) {
      const res = await browser.request(method, pathOf(template), body);
      expect([method, template, res.status]).not.toEqual([method, template, 404]);
      expect(res.status).toBeLessThan(500);
    }
  });

  it("a host route behind requireSession treats an unknown portal as not signed in, even with alpha's cookie", async () => {
    const { browser: alpha } = await d.alpha.login(ADMIN.email);
    expect((await alpha.get('/api/dashboard')).status).toBe(200);
    for (const host of [UNKNOWN_HOST, UNCREATED_HOST, DEFAULT_HOST, MALFORMED_HOST]) {
      const res = await alpha.at(host).get('/api/dashboard');
      expect([host, res.status, res.body.error?.code]).toEqual([host, 401, 'unauthorized']);
    }
  });

  it('GET /portal names the portal of the host, and a portal created later answers at once', async () => {
    expect((await d.alpha.browser().get(routes.portal)).body).toMatchObject({ id: d.alpha.id, name: 'Alpha IT Portal' });
    expect((await d.beta.browser().get(routes.portal)).body).toMatchObject({ id: d.beta.id, name: 'Beta IT Portal' });
    const gamma = new Browser(d.app, UNCREATED_HOST, '203.0.113.9');
    expect((await gamma.get(routes.portal)).status).toBe(404);
    await d.tf.portals.create({ id: d.uncreated, name: 'Gamma IT Portal' });
    expect((await gamma.get(routes.portal)).body).toMatchObject({ id: d.uncreated, name: 'Gamma IT Portal' });
    // A new portal has no accounts: alpha's admin is unknown there.
    expect((await gamma.post(routes.login, { email: ADMIN.email, password: d.alpha.password })).status).toBe(401);
  });
});
