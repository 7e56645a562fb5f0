/**
 * Bad input (spec §4–§5): malformed JSON, wrong types, missing or oversized fields, bodies over
 * 16 KB get a 4xx with `{ error: { code, message } }`, change nothing, and never a 5xx or a
 * stack trace, whatever is sent.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { atVerify, createHarness, setSettings, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await setSettings(h, true, true);
});

const routes: Array<[string, string]> = [
  ['POST', '/login'],
  ['POST', '/enroll/phone'],
  ['POST', '/enroll/confirm'],
  ['POST', '/enroll/skip'],
  ['POST', '/verify'],
  ['POST', '/resend'],
  ['POST', '/logout'],
  ['POST', '/opt-in'],
  ['PUT', '/admin/settings'],
  ['POST', '/admin/contacts/usr-demo/two-factor/reset'],
];

describe('malformed bodies', () => {
  it.each([
    ['{', 'truncated JSON'],
    ['{"email": "a@b.c", "password": }', 'invalid JSON'],
    ['[]', 'an array'],
    ['"text"', 'a string'],
    ['null', 'null'],
    ['{"email": 5, "password": ["x"]}', 'wrong types'],
    ['{"email": "demo@example.com"}', 'a missing field'],
    [JSON.stringify({ email: 'a'.repeat(300) + '@example.com', password: 'x' }), 'an oversized field'],
  ])('login with %s (%s) is a 400 bad_request', async (body) => {
    const res = await h.browser().post('/login', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(typeof res.body.error.message).toBe('string');
  });

  it('names the fields that were wrong', async () => {
    const res = await h.browser().post('/login', { email: 5 });
    expect(res.body.error.fields).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('refuses bodies over 16 KB with 413 before reading them', async () => {
    const res = await h.browser().post('/login', { email: 'demo@example.com', password: 'x'.repeat(17_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('a settings change with bad types changes nothing', async () => {
    const admin = h.browser();
    await admin.login('admin@example.com');
    const res = await admin.put('/admin/settings', { enabled: 'false', allowOptOut: 1 });
    expect(res.status).toBe(400);
    expect((await admin.get('/admin/settings')).body).toMatchObject({ enabled: true, allowOptOut: true });
  });

  it('a bad organizationId query is a 400', async () => {
    const admin = h.browser();
    await admin.login('admin@example.com');
    expect((await admin.get(`/admin/contacts?organizationId=${'x'.repeat(200)}`)).status).toBe(400);
    expect((await admin.get('/admin/contacts?organizationId=nope')).body).toEqual({ contacts: [] });
  });

  it('resetting an unknown contact, or an admin, is a 404', async () => {
    const admin = h.browser();
    await admin.login('admin@example.com');
    expect((await admin.post('/admin/contacts/nope/two-factor/reset')).status).toBe(404);
    expect((await admin.post('/admin/contacts/usr-staff/two-factor/reset')).status).toBe(404);
  });
});

describe('any input', () => {
  // A deterministic generator of hostile values: nothing may produce a 5xx or a stack trace.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const values = (): unknown[] => [
    null, true, 0, -1, 1e308, '', ' ', '\u0000', '\ud800', 'a'.repeat(5000), '１２３４５６', '<script>', "' OR 1=1 --",
    [], [1, 2], {}, { $ne: null }, { __proto__: { admin: true } }, '+1 (202) 555-0143', 'ZZ', 'us', NaN,
  ];
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const fields = ['email', 'password', 'phone', 'country', 'code', 'enabled', 'allowOptOut', 'organizationId'];

  it('never answers 5xx and never leaks a stack', async () => {
    const b = await atVerify(h);
    const admin = h.browser('198.51.100.20');
    await admin.login('admin@example.com');
    for (let i = 0; i < 300; i++) {
      const body: Record<string, unknown> = {};
      for (const f of fields) if (rnd() < 0.5) body[f] = pick(values());
      const [method, path] = pick(routes);
      const who = rnd() < 0.5 ? b : admin;
      const res = method === 'PUT' ? await who.put(path, body) : await who.post(path, rnd() < 0.1 ? '{"x":' : body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      expect(JSON.stringify(res.body)).not.toMatch(/at .+\.(ts|js):\d+/);
    }
  });
});
