/**
 * The demo's platform operator page (spec §7): `ops@platform.example`, an account of the main
 * host's portal that the demo names operator, lists the portals and changes their branding, SMS
 * identity and budget through `tf.portals.update`. No portal admin, Master Admin or not, is the
 * operator; its write is refused cross-origin and without JSON, like the router's.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Browser, type Harness } from '../support/harness.js';

const NORTHWIND = 'northwind.localhost:3000';
const OWN_ORIGIN = { origin: 'http://portal.test' };

async function signedIn(h: Harness, email: string, host?: string): Promise<Browser> {
  const b = h.browser('203.0.113.9', host);
  const res = await b.login(email);
  if (res.body.step !== 'authenticated') throw new Error(`${email}: ${JSON.stringify(res.body)}`);
  return b;
}

const save = (b: Browser, id: string, patch: unknown, headers: Record<string, string> = OWN_ORIGIN) => b.request('PUT', `/api/ops/portals/${id}`, patch, headers);

describe('the operator page', () => {
  it('lists every portal with its branding, SMS identity and budget', async () => {
    const h = await createHarness();
    const ops = await signedIn(h, 'ops@platform.example');
    const res = await ops.request('GET', '/ops');
    expect(res.status).toBe(200);
    const page = String(res.body);
    for (const id of ['demo', 'northwind']) expect(page).toContain(`data-portal-id="${id}"`);
    expect(page).toContain('value="Northwind IT Portal"');
    expect(page).toContain('value="northwind.portal.test"');
    expect(page).toMatch(/<option value="en" selected>/);
  });

  it('is where the operator lands after signing in', async () => {
    const h = await createHarness();
    const ops = await signedIn(h, 'ops@platform.example');
    expect((await ops.request('GET', '/')).headers.get('location')).toBe('/ops');
    expect(String((await ops.request('GET', '/dashboard')).body)).toContain('href="/ops"');
  });

  it('is refused to portal admins, Master Admins included, and to everyone on another host', async () => {
    const h = await createHarness();
    for (const b of [await signedIn(h, 'admin@example.com'), await signedIn(h, 'staff@example.com'), await signedIn(h, 'demo@example.com'), await signedIn(h, 'admin@northwind.example', NORTHWIND)]) {
      expect((await b.request('GET', '/ops')).status).toBe(403);
      expect((await save(b, 'northwind', { name: 'Taken over' })).status).toBe(403);
    }
    // The operator's email in another portal is that portal's account, not the operator.
    const northwind = h.tf.storeFor('northwind');
    const account = (await h.store.accounts.getAccount('usr-ops'))!;
    await northwind.accounts.ensureAccount({ ...account, id: 'usr-nw-ops' });
    const lookalike = await signedIn(h, 'ops@platform.example', NORTHWIND);
    expect((await lookalike.request('GET', '/ops')).status).toBe(403);
    expect((await save(lookalike, 'northwind', { name: 'Taken over' }, { origin: `http://${NORTHWIND}` })).status).toBe(403);
    expect((await h.tf.portals.get('northwind'))!.name).toBe('Northwind IT Portal');
  });

  it('sends a visitor without a session to sign in; the write answers 401', async () => {
    const h = await createHarness();
    const anonymous = h.browser();
    const page = await anonymous.request('GET', '/ops');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/');
    const res = await save(anonymous, 'northwind', { name: 'x' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe("the operator's changes", () => {
  it("change the portal at once: its face, its login page and its SMS identity", async () => {
    const h = await createHarness();
    const ops = await signedIn(h, 'ops@platform.example');
    const res = await save(ops, 'northwind', {
      name: 'Northwind Cloud Portal',
      logoUrl: null,
      accent: '#7c3aed',
      dailySmsBudget: 250,
      sms: { name: 'Northwind', from: '+15005550006', messagingServiceSid: null, locale: 'es', webOtpDomain: 'localhost' },
    });
    expect(res.status).toBe(200);
    expect(res.body.portal).toMatchObject({ id: 'northwind', name: 'Northwind Cloud Portal', accent: '#7c3aed', dailySmsBudget: 250, sms: { name: 'Northwind', from: '+15005550006', locale: 'es', webOtpDomain: 'localhost' } });
    expect((await h.browser(undefined, NORTHWIND).get('/portal')).body).toMatchObject({ name: 'Northwind Cloud Portal', logoUrl: null, accent: '#7c3aed', locale: 'es' });
    expect(String((await h.browser(undefined, NORTHWIND).request('GET', '/')).body)).toContain('<title>Sign in · Northwind Cloud Portal</title>');
    // The other portal is as it was.
    expect((await h.browser().get('/portal')).body).toMatchObject({ name: 'Demo Portal', locale: 'en' });
  });

  it('the next code SMS of the portal speaks its new name and locale', async () => {
    const h = await createHarness();
    const ops = await signedIn(h, 'ops@platform.example');
    expect((await save(ops, 'northwind', { sms: { name: 'Northwind', locale: 'de' } })).status).toBe(200);
    const admin = await signedIn(h, 'admin@northwind.example', NORTHWIND);
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
    const kim = h.browser(undefined, NORTHWIND);
    expect((await kim.login('kim@contoso.example', PASSWORD)).body.step).toBe('enroll');
    expect((await kim.post('/enroll/phone', { phone: '+12025550188' })).status).toBe(200);
    const text = h.outbox.outbox.at(-1)!.body;
    expect(text).toContain('Northwind');
    expect(text).toMatch(/\n\n@northwind\.portal\.test #\d{6}$/);
    expect(text).not.toMatch(/verification code is/);
  });

  it("a rename alone renames the SMS too: neither demo portal sets a name of its own for the text", async () => {
    const h = await createHarness();
    const ops = await signedIn(h, 'ops@platform.example');
    expect((await save(ops, 'northwind', { name: 'Northwind Cloud Portal' })).status).toBe(200);
    const admin = await signedIn(h, 'admin@northwind.example', NORTHWIND);
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
    const kim = h.browser(undefined, NORTHWIND);
    expect((await kim.login('kim@contoso.example', PASSWORD)).body.step).toBe('enroll');
    expect((await kim.post('/enroll/phone', { phone: '+12025550189' })).status).toBe(200);
    expect(h.outbox.outbox.at(-1)!.body).toMatch(/^Your Northwind Cloud Portal verification code is \d{6}\./);
  });

  it('are validated: a bad field answers 400 naming it, and nothing changes', async () => {
    const h = await createHarness();
    const ops = await signedIn(h, 'ops@platform.example');
    const before = await h.tf.portals.get('northwind');
    const cases: Array<[unknown, RegExp]> = [
      [{ accent: 'red; background: url(https://evil.example)' }, /^accent: /],
      [{ name: '' }, /^name: /],
      [{ logoUrl: 'javascript:alert(1)' }, /^logoUrl: /],
      [{ dailySmsBudget: 1.5 }, /^dailySmsBudget: /],
      [{ dailySmsBudget: '12abc' }, /^dailySmsBudget: /],
      [{ sms: { from: '555-0100' } }, /^sms\.from: /],
      [{ sms: { messagingServiceSid: 'not-a-sid' } }, /^sms\.messagingServiceSid: /],
      [{ sms: { locale: 'xx' } }, /^sms\.locale: /],
      [{ sms: { webOtpDomain: 'https://portal.example' } }, /^sms\.webOtpDomain: /],
      [{ allowedCountries: ['FR'] }, /^Not editable here: allowedCountries\.$/],
      [{ policies: { recoveryCodes: true } }, /^Not editable here: policies\.$/],
      [[], /JSON object/],
    ];
    for (const [patch, message] of cases) {
      const res = await save(ops, 'northwind', patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.message).toMatch(message);
    }
    const bad = await ops.request('PUT', '/api/ops/portals/northwind', '{"name":', OWN_ORIGIN);
    expect(bad.status).toBe(400);
    expect(await h.tf.portals.get('northwind')).toEqual(before);
  });

  it('answer 404 for a portal that does not exist', async () => {
    const h = await createHarness();
    const ops = await signedIn(h, 'ops@platform.example');
    const res = await save(ops, 'contoso', { name: 'Contoso' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('are refused from another origin, from a cross-site form, and without JSON', async () => {
    const h = await createHarness();
    const ops = await signedIn(h, 'ops@platform.example');
    const crossOrigin = await save(ops, 'northwind', { name: 'Forged' }, { origin: 'https://evil.example' });
    expect(crossOrigin.status).toBe(403);
    const otherPortal = await save(ops, 'northwind', { name: 'Forged' }, { origin: `http://${NORTHWIND}` });
    expect(otherPortal.status).toBe(403);
    const crossSite = await save(ops, 'northwind', { name: 'Forged' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const form = await ops.request('PUT', '/api/ops/portals/northwind', 'name=Forged', { ...OWN_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const big = await save(ops, 'northwind', { name: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect((await h.tf.portals.get('northwind'))!.name).toBe('Northwind IT Portal');
  });
});
