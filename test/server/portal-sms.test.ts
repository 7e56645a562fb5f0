/**
 * Each portal's code SMS (spec §9): it names the portal, in the portal's locale, ends with the
 * portal's own WebOTP line (never another portal's or the deployment's), and goes out from the
 * portal's own sender number or Messaging Service; the per-portal sender factory is asked for
 * the portal's sender. Budget alerts name the portal.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { openLibsql } from '../../server/node/index.js';
import { createTwoFactor, devOutbox, pbkdf2Hasher, type DevOutbox, type TwoFactorAlert } from '../../server/index.js';

const PASSWORD = 'portal sms password';
const PHONE = '+12025550143';

async function deployment(options: { perPortalSender?: boolean; budget?: number } = {}) {
  const { db } = await openLibsql(':memory:');
  const outboxes = new Map<string, DevOutbox>();
  const shared = devOutbox();
  const alerts: TwoFactorAlert[] = [];
  const hasher = pbkdf2Hasher({ iterations: 1_000 });
  const tf = createTwoFactor({
    db,
    secret: 'portal-sms-secret-portal-sms-secret-0123456789',
    hasher,
    appName: 'Deployment Default',
    smsDomain: 'default.example',
    sms: options.perPortalSender ? (portal) => outboxes.get(portal.id) ?? outboxes.set(portal.id, devOutbox()).get(portal.id)! : shared,
    portal: (c) => ({ 'en.test': 'english', 'es.test': 'espanol' })[new URL(c.req.url).hostname],
    onAlert: (a) => void alerts.push(a),
  });
  await tf.portals.create({ id: 'english', name: 'Northwind IT Portal', sms: { webOtpDomain: 'login.northwind.example', from: '+12025550100' }, dailySmsBudget: options.budget ?? null });
  await tf.portals.create({ id: 'espanol', name: 'Portal Contoso', sms: { locale: 'es', messagingServiceSid: 'MG' + 'a'.repeat(32) } });
  for (const id of ['english', 'espanol']) {
    const store = tf.storeFor(id);
    await store.accounts.ensureOrganization({ id: 'org', name: 'Org' });
    await store.accounts.ensureAccount({ id: 'usr', email: 'kim@example.com', name: 'Kim', passwordHash: await hasher.hash(PASSWORD), organizationId: 'org', role: 'contact', masterAdmin: false });
    await store.updateSettings({ enabled: true, allowOptOut: false }, Date.now(), 'test');
  }
  const app = new Hono().route('/api/2fa', tf.app);
  const cookies = new Map<string, string>();
  const post = async (host: string, path: string, body: unknown) => {
    const res = await app.request(`http://${host}/api/2fa${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.get(host) ?? '' },
      body: JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookies.set(host, set.split(';')[0]!);
    return { status: res.status, body: await res.json() };
  };
  const enrollPhone = async (host: string) => {
    expect((await post(host, '/login', { email: 'kim@example.com', password: PASSWORD })).body.step).toBe('enroll');
    return post(host, '/enroll/phone', { phone: PHONE });
  };
  return { tf, shared, outboxes, alerts, enrollPhone };
}

describe("a portal's code SMS", () => {
  it("names the portal in its locale, ends with the portal's own WebOTP line, and goes from its own sender", async () => {
    const { shared, enrollPhone } = await deployment();
    expect((await enrollPhone('en.test')).status).toBe(200);
    expect((await enrollPhone('es.test')).status).toBe(200);
    const [english, spanish] = shared.outbox;
    expect(english).toMatchObject({ to: PHONE, from: '+12025550100' });
    expect(english!.body).toMatch(/^Your Northwind IT Portal verification code is \d{6}\./);
    expect(english!.body).toMatch(/\n@login\.northwind\.example #\d{6}$/);
    expect(spanish).toMatchObject({ to: PHONE, messagingServiceSid: 'MG' + 'a'.repeat(32) });
    expect(spanish!.body).toContain('Portal Contoso');
    expect(spanish!.body).not.toContain('verification code');
    // A portal without a WebOTP domain gets no line: never the deployment's `smsDomain`.
    expect(spanish!.body).not.toContain('@');
  });

  it('goes through the sender the factory gives for that portal', async () => {
    const { outboxes, enrollPhone } = await deployment({ perPortalSender: true });
    await enrollPhone('en.test');
    await enrollPhone('es.test');
    expect(outboxes.get('english')!.outbox.map((m) => m.to)).toEqual([PHONE]);
    expect(outboxes.get('espanol')!.outbox.map((m) => m.to)).toEqual([PHONE]);
  });

  it("counts against the portal's own daily budget, and the alert names the portal", async () => {
    const { alerts, enrollPhone } = await deployment({ budget: 1 });
    expect((await enrollPhone('en.test')).status).toBe(200);
    expect((await enrollPhone('en.test')).status).toBe(503);
    expect(alerts.filter((a) => a.type === 'sms_budget_exceeded')).toEqual([expect.objectContaining({ scope: 'portal', portalId: 'english', portalName: 'Northwind IT Portal', budget: 1 })]);
    // The other portal's budget is its own.
    expect((await enrollPhone('es.test')).status).toBe(200);
  });
});
