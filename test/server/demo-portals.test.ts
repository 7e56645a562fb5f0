/**
 * The demo's two portals in one process and one database (spec §7): `northwind` on the host
 * `northwind.localhost` (any port), `demo` on every other host. Each page shows its own portal's
 * branding and locale, each admin's pages list their own portal's data only, and the same email is
 * two accounts.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDemoApp } from '../../demo/app.js';
import { loadBranding } from '../../demo/portal/branding.js';
import { demoPortals, ensurePortals } from '../../demo/portals.js';
import { createTwoFactor, devOutbox, pbkdf2Hasher } from '../../server/index.js';
import { openLibsql } from '../../server/node/index.js';
import { createHarness, SECRET, type Browser, type Harness } from '../support/harness.js';

const NORTHWIND = 'northwind.localhost:3000';

const html = async (b: Browser, path: string) => {
  const res = await b.request('GET', path);
  return { status: res.status, text: String(res.body), headers: res.headers };
};
const title = (text: string) => /<title>([^<]*)<\/title>/.exec(text)?.[1];

async function signedIn(h: Harness, email: string, host?: string): Promise<Browser> {
  const b = h.browser('203.0.113.9', host);
  const res = await b.login(email);
  if (res.body.step !== 'authenticated') throw new Error(`${email} on ${host}: ${JSON.stringify(res.body)}`);
  return b;
}

describe('the portal of a request', () => {
  it('is northwind on northwind.localhost with any port or none, demo on every other host', async () => {
    const h = await createHarness();
    for (const host of ['northwind.localhost', NORTHWIND, 'NorthWind.LocalHost:8080']) {
      expect((await h.browser(undefined, host).get('/portal')).body).toMatchObject({ id: 'northwind', name: 'Northwind IT Portal', logoUrl: '/assets/northwind-logo.svg' });
    }
    for (const host of ['portal.test', 'localhost:3000', '127.0.0.1:3000', 'northwind.localhost.evil.example', 'evil.northwind.localhost']) {
      expect((await h.browser(undefined, host).get('/portal')).body).toMatchObject({ id: 'demo', name: 'Demo Portal' });
    }
  });

  it('an undeclared proxy cannot pick the portal with X-Forwarded-Host or Forwarded; a declared one does', async () => {
    const forwarded = { 'x-forwarded-host': NORTHWIND, forwarded: `host="${NORTHWIND}"` };
    const plain = await createHarness();
    expect((await plain.browser().request('GET', '/api/2fa/portal', undefined, forwarded)).body.id).toBe('demo');
    const behindProxy = await createHarness({ policy: { trustProxy: { header: 'x-forwarded-for' } } });
    expect((await behindProxy.browser().request('GET', '/api/2fa/portal', undefined, forwarded)).body.id).toBe('northwind');
  });

  it('the WebOTP line of each portal names its own host', async () => {
    const h = await createHarness();
    expect((await h.tf.portals.get('demo'))!.sms.webOtpDomain).toBe('portal.test');
    expect((await h.tf.portals.get('northwind'))!.sms.webOtpDomain).toBe('northwind.portal.test');
  });
});

describe('the pages', () => {
  it("show the request's portal: its name, its locale as the page's lang, and no logo of their own over the element's", async () => {
    const h = await createHarness();
    const demo = await html(h.browser(), '/');
    const northwind = await html(h.browser(undefined, NORTHWIND), '/');
    expect(title(demo.text)).toBe('Sign in · Demo Portal');
    expect(title(northwind.text)).toBe('Sign in · Northwind IT Portal');
    expect(northwind.text).toContain('--cb-color-accent: #0f766e;');
    expect(northwind.text).toMatch(/<cb-login reset-href="\/reset"><\/cb-login>/);
    expect(northwind.text).toMatch(/<html lang="en">/);

    await h.tf.portals.update('northwind', { name: 'Northwind Cloud', sms: { locale: 'fr' } });
    const changed = await html(h.browser(undefined, NORTHWIND), '/');
    expect(title(changed.text)).toBe('Sign in · Northwind Cloud');
    expect(changed.text).toMatch(/<html lang="fr">/);
    expect((await html(h.browser(), '/')).text).toMatch(/<html lang="en">/);
  });

  it("admit a portal's own logo origin for images, and not another portal's", async () => {
    const h = await createHarness();
    await h.tf.portals.update('northwind', { logoUrl: 'https://cdn.northwind.example/logo.svg' });
    const imgSrc = async (host?: string) => /img-src ([^;]*)/.exec((await html(h.browser(undefined, host), '/')).headers.get('content-security-policy') ?? '')?.[1];
    expect(await imgSrc(NORTHWIND)).toContain('https://cdn.northwind.example');
    expect(await imgSrc()).not.toContain('northwind');
  });

  it('serve the Northwind logo as an image', async () => {
    const h = await createHarness();
    const res = await h.app.request(`http://${NORTHWIND}/assets/northwind-logo.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toContain('<svg');
  });
});

describe("each portal admin's pages", () => {
  it('list their own organizations only, and another portal\'s organization is not found', async () => {
    const h = await createHarness();
    const demoAdmin = await signedIn(h, 'admin@example.com');
    const northwindAdmin = await signedIn(h, 'admin@northwind.example', NORTHWIND);

    const demoOrgs = (await html(demoAdmin, '/admin/organizations')).text;
    expect(demoOrgs).toContain('Demo Company');
    expect(demoOrgs).toContain('Acme');
    expect(demoOrgs).not.toContain('Contoso');
    const northwindOrgs = (await html(northwindAdmin, '/admin/organizations')).text;
    expect(northwindOrgs).toContain('Contoso');
    expect(northwindOrgs).not.toContain('Demo Company');
    // Contoso has two contacts: Kim, and Northwind's own demo@example.com.
    expect(northwindOrgs).toMatch(/<td>Contoso<\/td><td>2<\/td>/);

    expect((await html(northwindAdmin, '/admin/organizations/org-contoso')).status).toBe(200);
    expect((await html(demoAdmin, '/admin/organizations/org-contoso')).status).toBe(404);
    expect((await html(northwindAdmin, '/admin/organizations/org-demo')).status).toBe(404);
  });

  it("show their own portal's audit log only", async () => {
    const h = await createHarness();
    const demoAdmin = await signedIn(h, 'admin@example.com');
    expect((await demoAdmin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
    const northwindAdmin = await signedIn(h, 'admin@northwind.example', NORTHWIND);
    const northwindAudit = (await html(northwindAdmin, '/admin/audit')).text;
    expect(northwindAudit).toContain('usr-nw-admin');
    expect(northwindAudit).not.toContain('usr-admin<');
    expect(northwindAudit).not.toContain('settings.changed');
    expect((await html(demoAdmin, '/admin/audit')).text).toContain('settings.changed');
  });

  it("a portal admin's session means nothing on the other portal's pages", async () => {
    const h = await createHarness();
    const demoAdmin = await signedIn(h, 'admin@example.com');
    const carried = h.browser(undefined, NORTHWIND);
    for (const [k, v] of demoAdmin.cookies) carried.cookies.set(k, v);
    const res = await carried.request('GET', '/admin/organizations');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('the same email in both portals', () => {
  it('is two accounts: each portal signs in its own, with its own name and its own 2FA settings', async () => {
    const h = await createHarness();
    const northwindAdmin = await signedIn(h, 'admin@northwind.example', NORTHWIND);
    expect((await northwindAdmin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);

    const onNorthwind = await h.browser(undefined, NORTHWIND).login('demo@example.com');
    expect(onNorthwind.body).toEqual({ step: 'enroll', canSkip: false });
    // The demo portal's settings are untouched: its demo@example.com signs in with the password alone.
    const onDemo = await signedIn(h, 'demo@example.com');
    expect((await onDemo.get('/api/dashboard')).body).toEqual({ hello: 'Demo Owner' });
    expect((await h.store.accounts.findAccountByEmail('demo@example.com'))!.id).toBe('usr-demo');
    expect((await h.tf.storeFor('northwind').accounts.findAccountByEmail('demo@example.com'))!.id).toBe('usr-nw-demo');
  });
});

describe("an organization's page", () => {
  it('shows its 2FA policy to the Master Admin, who can change it; staff see it but cannot', async () => {
    const h = await createHarness();
    const admin = await signedIn(h, 'admin@example.com');
    expect((await html(admin, '/admin/organizations/org-demo')).text).toMatch(/<option value="inherit" selected>/);
    expect((await admin.put('/admin/organizations/org-demo/two-factor', { policy: 'required' })).status).toBe(200);
    const page = (await html(admin, '/admin/organizations/org-demo')).text;
    expect(page).toMatch(/<option value="required" selected>/);
    expect(page).toMatch(/<select id="policy">/);
    const staff = await signedIn(h, 'staff@example.com');
    expect((await html(staff, '/admin/organizations/org-demo')).text).toMatch(/<select id="policy" disabled>/);
  });
});

describe("a first start's portal records", () => {
  const at = Date.UTC(2026, 0, 5, 9, 0, 0);
  const hasher = pbkdf2Hasher({ iterations: 1_000 });
  const fresh = async () => createTwoFactor({ db: (await openLibsql(':memory:')).db, sms: devOutbox(), secret: SECRET, hasher, clock: () => at, portal: () => 'demo' });

  it("of `npm start` (the shipped branding, no PUBLIC_URL) skip the input checks, and are what the checks make of them", async () => {
    const portals = demoPortals(loadBranding({}), 'localhost');
    const started = await fresh();
    const checks = vi.spyOn(started.portals, 'create');
    await ensurePortals(started, portals, hasher, 'pw', () => at);
    expect(checks).not.toHaveBeenCalled();

    const checked = await fresh();
    for (const { input } of portals) await checked.portals.create(input);
    for (const id of ['demo', 'northwind']) {
      expect(await started.portals.get(id)).toEqual(await checked.portals.get(id));
    }
  });

  it('of any other input (a branding or a public host from the environment) are checked', async () => {
    const named = await fresh();
    const checks = vi.spyOn(named.portals, 'create');
    await ensurePortals(named, demoPortals(loadBranding({ BRAND_NAME: 'Acme Portal' }), 'localhost'), hasher, 'pw', () => at);
    expect(checks).toHaveBeenCalledTimes(1);
    expect((await named.portals.get('demo'))!.name).toBe('Acme Portal');

    for (const [env, host] of [[{ BRAND_LOGO_URL: 'javascript:alert(1)' }, 'localhost'], [{}, 'bad_host.example']] as const) {
      const tf = await fresh();
      await expect(ensurePortals(tf, demoPortals(loadBranding(env), host), hasher, 'pw', () => at)).rejects.toThrow(TypeError);
      expect(await tf.portals.get('demo')).toBeNull();
    }
  });
});

describe("a first start's seeded accounts", () => {
  it('take the hash the server began beside the migrations, and make none of their own', async () => {
    const cheap = pbkdf2Hasher({ iterations: 1_000 });
    const begun = cheap.hash('pw');
    const hash = vi.fn(cheap.hash);
    const { tf } = await createDemoApp({ db: (await openLibsql(':memory:')).db, secret: SECRET, password: 'pw', passwordHash: begun, production: false, hasher: { ...cheap, hash }, smsDomain: 'portal.test' });
    expect(hash).not.toHaveBeenCalled();
    for (const [portal, id] of [['demo', 'usr-admin'], ['demo', 'usr-ops'], ['northwind', 'usr-nw-admin']] as const) {
      expect((await tf.storeFor(portal).accounts.getAccount(id))!.passwordHash).toBe(await begun);
    }
  });
});
