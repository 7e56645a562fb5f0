/**
 * Sessions (spec §5): 256-bit random ids stored hashed; HttpOnly, SameSite=Lax, Path=/ cookies,
 * Secure and `__Host-` over HTTPS; a new id at every step up; pending logins expire in 10
 * minutes and reach only the 2FA steps; complete sessions end after 12 hours or 30 minutes idle;
 * logout, opt-in and admin reset end them server-side.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { atVerify, createHarness, setSettings, type Browser, type Harness } from '../support/harness.js';
import { record, type Recorded } from '../support/record-statements.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});

const sessionCookie = (b: Browser) => b.cookies.get('cb_session');

describe('the cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, not Secure over http', async () => {
    const res = await h.browser().login('demo@example.com');
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^cb_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).not.toMatch(/Domain=/);
  });

  it('is Secure with the __Host- prefix over https', async () => {
    const res = await h.app.request('https://portal.test/api/2fa/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@example.com', password: 'correct horse battery staple' }),
    });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^__Host-cb_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    const token = /^__Host-cb_session=([^;]+)/.exec(cookie)![1];
    const session = await h.app.request('https://portal.test/api/2fa/session', { headers: { cookie: `__Host-cb_session=${token}` } });
    expect(session.status).toBe(200);
    // The unprefixed name, which a sibling http origin could set, is not read over https.
    const plain = await h.app.request('https://portal.test/api/2fa/session', { headers: { cookie: `cb_session=${token}` } });
    expect(plain.status).toBe(401);
  });

  it('holds a 256-bit random id that is stored only as its hash', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    const token = sessionCookie(b)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = JSON.stringify((await h.client.execute('SELECT * FROM cb_sessions')).rows);
    expect(rows).not.toContain(token);
    expect(token).not.toBe(sessionCookie(await (async () => { const o = h.browser(); await o.login('demo@example.com'); return o; })()));
  });
});

describe('step up', () => {
  it('issues a new id at verify, and the pending id dies', async () => {
    await setSettings(h, true);
    const b = await atVerify(h);
    const pendingId = sessionCookie(b)!;
    await b.post('/verify', { code: b.code() });
    const completeId = sessionCookie(b)!;
    expect(completeId).not.toBe(pendingId);
    const stale = h.browser();
    stale.cookies.set('cb_session', pendingId);
    expect((await stale.get('/session')).status).toBe(401);
    expect((await stale.post('/verify', { code: '123456' })).status).toBe(401);
  });

  it('issues a new id at skip', async () => {
    await setSettings(h, true, true);
    const b = h.browser();
    await b.login('demo@example.com');
    const pendingId = sessionCookie(b)!;
    await b.post('/enroll/skip');
    expect(sessionCookie(b)).not.toBe(pendingId);
    const rows = await h.client.execute("SELECT count(*) AS n FROM cb_sessions WHERE status = 'pending'");
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });
});

describe('a pending session', () => {
  beforeEach(async () => {
    await setSettings(h, true);
  });

  it('gets 401 on every route but the 2FA steps', async () => {
    const b = await atVerify(h);
    expect((await b.get('/session')).status).toBe(401);
    expect((await b.get('/api/dashboard')).status).toBe(401);
    expect((await b.post('/opt-in')).status).toBe(401);
    expect((await b.get('/admin/settings')).status).toBe(401);
    expect((await b.get('/admin/contacts')).status).toBe(401);
    expect((await b.post('/admin/contacts/usr-pat/two-factor/reset')).status).toBe(401);
    expect((await b.put('/admin/settings', { enabled: false, allowOptOut: false })).status).toBe(401);
    // …and still works for its own step.
    expect((await b.post('/verify', { code: b.code() })).status).toBe(200);
  });

  it('expires after 10 minutes', async () => {
    const b = await atVerify(h);
    h.clock.advance(10 * 60);
    expect((await b.post('/resend')).status).toBe(401);
  });

  it('a complete session cannot call the pending steps', async () => {
    const b = await atVerify(h);
    await b.post('/verify', { code: b.code() });
    const res = await b.post('/verify', { code: b.code() });
    expect(res.status).toBe(401);
  });
});

describe('a complete session', () => {
  it('ends after 30 minutes idle', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    h.clock.advance(29 * 60);
    expect((await b.get('/session')).status).toBe(200);
    h.clock.advance(29 * 60);
    expect((await b.get('/session')).status).toBe(200);
    h.clock.advance(30 * 60 + 1);
    expect((await b.get('/session')).status).toBe(401);
  });

  it('ends after 12 hours even when active', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    for (let i = 0; i < 24; i++) {
      h.clock.advance(29 * 60);
      await b.get('/session');
    }
    h.clock.advance(29 * 60);
    expect((await b.get('/session')).status).toBe(401);
  });

  it('the lifetimes are configurable within the standard', async () => {
    h = await createHarness({ policy: { idleSeconds: 300 } });
    const b = h.browser();
    await b.login('demo@example.com');
    h.clock.advance(301);
    expect((await b.get('/session')).status).toBe(401);
    await expect(createHarness({ policy: { idleSeconds: 7200 } })).rejects.toThrow(/idleSeconds/);
  });

  it('is ended by an admin reset of its user', async () => {
    await setSettings(h, true, true);
    const b = await atVerify(h);
    await b.post('/verify', { code: b.code() });
    const admin = h.browser();
    await admin.login('staff@example.com');
    await admin.post('/admin/contacts/usr-demo/two-factor/reset');
    expect((await b.get('/session')).status).toBe(401);
    expect((await admin.get('/session')).status).toBe(200);
  });
});

describe('requireSession() on host routes', () => {
  it('passes complete sessions with the user, refuses the rest', async () => {
    const b = h.browser();
    expect((await b.get('/api/dashboard')).status).toBe(401);
    await b.login('pat@example.com');
    expect((await b.get('/api/dashboard')).body).toEqual({ hello: 'Pat Contact' });
    await b.post('/logout');
    expect((await b.get('/api/dashboard')).status).toBe(401);
  });
});

describe('a signed-in request of the built-in identity', () => {
  it('is one indexed read: the session joined with the account (a host route, GET /session past its own reads)', async () => {
    const seen: Recorded[] = [];
    let on = false;
    record(h.client, () => on, seen);
    const b = h.browser();
    await b.login('pat@example.com');
    on = true;
    expect((await b.get('/api/dashboard')).body).toEqual({ hello: 'Pat Contact' });
    on = false;
    expect(seen.map((x) => x.sql)).toEqual([expect.stringMatching(/from "cb_sessions" left join "cb_accounts"/i)]);
  });

  it('GET /session is one read as well: the session with the account, the settings and the user\'s enrollment and skip', async () => {
    const seen: Recorded[] = [];
    let on = false;
    record(h.client, () => on, seen);
    const b = h.browser();
    await b.login('pat@example.com');
    on = true;
    const res = await b.get('/session');
    on = false;
    expect(res.status).toBe(200);
    expect(res.body.twoFactor).toBeDefined();
    expect(seen.map((x) => x.sql)).toEqual([expect.stringMatching(/from "cb_sessions" left join "cb_accounts".* left join "cb_portals".* left join "cb_enrollments".* left join "cb_skips"/is)]);
  });

  it('sees a renamed or removed account at the very next request: nothing is cached', async () => {
    const b = h.browser();
    await b.login('pat@example.com');
    expect((await b.get('/api/dashboard')).body).toEqual({ hello: 'Pat Contact' });
    await h.client.execute({ sql: "UPDATE cb_accounts SET name = 'Pat Renamed' WHERE id = 'usr-pat'", args: [] });
    expect((await b.get('/api/dashboard')).body).toEqual({ hello: 'Pat Renamed' });
    expect((await b.get('/session')).body.user.name).toBe('Pat Renamed');
    await h.client.execute({ sql: "DELETE FROM cb_accounts WHERE id = 'usr-pat'", args: [] });
    expect((await b.get('/api/dashboard')).status).toBe(401);
    expect((await b.get('/session')).status).toBe(401);
  });

  it('sees a role change at once: an admin made a contact loses the admin routes', async () => {
    const admin = h.browser();
    await admin.login('staff@example.com');
    expect((await admin.get('/admin/contacts')).status).toBe(200);
    await h.client.execute({ sql: "UPDATE cb_accounts SET role = 'contact' WHERE id = 'usr-staff'", args: [] });
    expect((await admin.get('/admin/contacts')).status).toBe(403);
  });
});

describe('clean-up', () => {
  it('deletes expired sessions and codes at a login once ten minutes have passed', async () => {
    await setSettings(h, true);
    await atVerify(h);
    const count = async () => Number((await h.client.execute("SELECT count(*) AS n FROM cb_sessions WHERE status = 'pending'")).rows[0]!.n);
    expect(await count()).toBe(1);
    h.clock.advance(11 * 60);
    await h.browser().login('staff@example.com');
    expect(await count()).toBe(0);
    expect(Number((await h.client.execute('SELECT count(*) AS n FROM cb_codes')).rows[0]!.n)).toBe(0);
  });
});
