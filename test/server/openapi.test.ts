/**
 * The OpenAPI document (openapi.json): valid OpenAPI 3.1, one operation for each route the
 * router's `app.routes` lists and none besides, the committed file as fresh as the code, served
 * only when asked for, its request schemas the ones the routes validate with, and every answer of
 * a walk through the whole API as it describes (status and body, by JSON Schema 2020-12).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type * as dto from '../../protocol/dto.js';
import type { CbErrorBody } from '../../protocol/errors.js';
import type * as s from '../../protocol/schemas.js';
import { createTwoFactor, devOutbox } from '../../server/index.js';
import { openLibsql } from '../../server/node/index.js';
import { openApiDocument, routeKeys, type OpenApiDocument } from '../../server/openapi/generate.js';
import { DOCUMENT_VERSION } from '../../server/openapi/serve.js';
import { createHarness, PHONE, SECRET, setSettings, type Harness } from '../support/harness.js';

const root = resolve(import.meta.dirname, '../..');
const committed = () => JSON.parse(readFileSync(resolve(root, 'openapi.json'), 'utf8')) as OpenApiDocument;

async function router(openapi: boolean) {
  const { db } = await openLibsql(':memory:');
  return createTwoFactor({ db, sms: devOutbox(), secret: SECRET, smsDomain: 'portal.test', openapi });
}

type Operation = { operationId: string; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type Schema = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** `POST /admin/contacts/:id/two-factor/reset` for each operation: the document's paths in Hono's syntax. */
function operationKeys(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item && m in item).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}

let fresh: OpenApiDocument;
beforeAll(async () => {
  fresh = await openApiDocument((await router(true)).app);
});

describe('the document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(fresh.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(fresh) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('a broken document is refused by the same validation (control)', async () => {
    const broken = structuredClone(fresh) as any;
    broken.paths['/login'].post.responses = 'none';
    expect((await validate(broken)).valid).toBe(false);
  });

  it('has one operation for each route that app.routes lists, with its method, and no other', async () => {
    const tf = await router(true);
    const keys = routeKeys(tf.app);
    expect(keys.length).toBeGreaterThan(15);
    expect(operationKeys(fresh).sort()).toEqual([...keys].sort());
    // The same routes, less the document's own, when it is not served.
    expect(routeKeys((await router(false)).app).sort()).toEqual(keys.filter((k) => k !== 'GET /openapi.json').sort());
    const ids = operationKeys(fresh).map((k) => operationOf(fresh, k).operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cannot be generated while a route has no description', async () => {
    const tf = await router(true);
    tf.app.get('/undescribed', (c) => c.text('x'));
    await expect(openApiDocument(tf.app)).rejects.toThrow(/without a description .*GET \/undescribed/);
  });

  it('is what openapi.json holds (`npm run openapi` writes it)', () => {
    expect(committed(), 'openapi.json is stale: run `npm run openapi` and commit it').toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it('carries the package\'s version', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
    expect(DOCUMENT_VERSION, 'set DOCUMENT_VERSION in server/openapi/serve.ts, then run `npm run openapi`').toBe(pkg.version);
    expect(fresh.info.version).toBe(pkg.version);
  });
});

describe('GET /openapi.json', () => {
  it('is not served unless `openapi: true`', async () => {
    const host = new Hono().route('/api/2fa', (await router(false)).app);
    const res = await host.request('/api/2fa/openapi.json');
    expect(res.status).toBe(404);
    expect(((await res.json()) as CbErrorBody).error.code).toBe('not_found');
  });

  it('serves the shipped document, its server where the router is mounted', async () => {
    const tf = await router(true);
    const res = await new Hono().route('/api/2fa', tf.app).request('/api/2fa/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await res.json()) as OpenApiDocument;
    expect(served.servers).toEqual([{ url: '/api/2fa' }]);
    const { servers, ...rest } = served;
    expect(rest).toEqual(committed());
    // Unmounted, the routes are at the root.
    expect(((await (await tf.app.request('/openapi.json')).json()) as OpenApiDocument).servers).toEqual([{ url: '/' }]);
  });
});

/** The operation of `key` (`POST /login`) in `doc`. */
function operationOf(doc: OpenApiDocument, key: string): Operation {
  const [method, path] = key.split(' ') as [string, string];
  const op = (doc.paths?.[path.replace(/:(\w+)/g, '{$1}')] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
  if (!op) throw new Error(`no operation ${key}`);
  return op;
}

/** A schema of the document with its `$ref`s followed (one level), for reading `required`. */
const deref = (doc: OpenApiDocument, schema: Schema): Schema =>
  typeof schema.$ref === 'string' ? (doc.components!.schemas![schema.$ref.split('/').pop()!] as Schema) : schema;

describe('request schemas are the ones the routes validate with', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });

  // Without a session: every one of these routes reads its body before it looks for one.
  it.each(['POST /login', 'POST /enroll/phone', 'POST /enroll/confirm', 'PUT /admin/settings', 'PUT /admin/organizations/:id/two-factor'])(
    '%s: an empty object is refused naming exactly the required fields of the documented body',
    async (key) => {
      const body = deref(fresh, operationOf(fresh, key).requestBody!.content['application/json']!.schema);
      const required = body.required as string[];
      expect(required.length).toBeGreaterThan(0);
      const [method, path] = key.split(' ') as [string, string];
      const res = await h.browser().request(method, `/api/2fa${path.replace(':id', 'org-demo')}`, {});
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
      expect([...res.body.error.fields].sort()).toEqual([...required].sort());
    },
  );

  it('POST /verify: documents `code` and `recoveryCode`, and an empty object is refused naming `code`', async () => {
    const body = deref(fresh, operationOf(fresh, 'POST /verify').requestBody!.content['application/json']!.schema);
    expect(Object.keys(body.properties as object).sort()).toEqual(['code', 'recoveryCode', 'trustDevice']);
    const res = await h.browser().request('POST', '/api/2fa/verify', {});
    expect([res.status, res.body.error.code, res.body.error.fields]).toEqual([400, 'bad_request', ['code']]);
  });

  it('the documented bounds are where the router starts refusing (login email, at most 254)', async () => {
    const body = deref(fresh, operationOf(fresh, 'POST /login').requestBody!.content['application/json']!.schema);
    const max = (body.properties as Record<string, Schema>).email!.maxLength as number;
    expect(max).toBe(254);
    const at = await h.browser().login(`${'a'.repeat(max - 12)}@example.com`);
    expect(at.status).toBe(401);
    const over = await h.browser().login(`${'a'.repeat(max - 11)}@example.com`);
    expect(over.status).toBe(400);
    expect(over.body.error.fields).toEqual(['email']);
  });
});

describe('every answer of a walk through the API is as the document says', () => {
  type Seen = { key: string; url: string; status: number; type: string; body: unknown };
  const seen: Seen[] = [];
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const templates = () =>
    operationKeys(fresh).map((key) => {
      const [method, path] = key.split(' ') as [string, string];
      return { key, method, pattern: new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`) };
    });

  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ policy: { resendCooldownSeconds: 30 } });
    // Every request of the walk, as the router answered it.
    const request = h.app.request.bind(h.app);
    const known = templates();
    h.app.request = (async (input: any, init?: RequestInit, ...rest: any[]) => {
      const res = await request(input, init, ...rest);
      const url = new URL(String(input));
      const path = url.pathname.replace(/^\/api\/2fa/, '');
      const method = init?.method ?? 'GET';
      const key = known.find((t) => t.method === method && t.pattern.test(path))?.key ?? `${method} ${path} (undocumented)`;
      const text = await res.clone().text();
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
      seen.push({ key, url: `${method} ${url.pathname}${url.search}`, status: res.status, type, body: type === 'application/json' ? JSON.parse(text) : text || null });
      return res;
    }) as typeof h.app.request;
    await walk(h);
  });

  it('every answer has a documented status and a body of its schema', () => {
    expect(seen.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const x of seen) {
      if (x.key.endsWith('(undocumented)')) {
        wrong.push(`${x.url}: no such operation`);
        continue;
      }
      const response = operationOf(fresh, x.key).responses[String(x.status)];
      if (!response) {
        wrong.push(`${x.url} answered ${x.status}, which its operation does not document`);
        continue;
      }
      if (x.body === null) {
        if (response.content) wrong.push(`${x.url} ${x.status}: no body, where one is documented`);
        continue;
      }
      const schema = response.content?.[x.type]?.schema;
      if (!schema) {
        wrong.push(`${x.url} ${x.status}: a body of ${x.type || 'no type'}, which is not documented`);
        continue;
      }
      const id = `${x.key} ${x.status} ${x.type}`;
      let check = validators.get(id);
      if (!check) validators.set(id, (check = ajv.compile({ ...schema, components: fresh.components })));
      if (!check(x.body)) wrong.push(`${x.url} ${x.status}: ${ajv.errorsText(check.errors)} in ${JSON.stringify(x.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a body the document does not describe is caught (control)', () => {
    const schema = operationOf(fresh, 'GET /session').responses['200']!.content!['application/json']!.schema;
    const check = ajv.compile({ ...schema, components: fresh.components });
    const session = seen.find((x) => x.key === 'GET /session' && x.status === 200)!.body as any;
    expect(check(session)).toBe(true);
    expect(check({ ...session, user: { ...session.user, role: 'owner' } })).toBe(false);
    expect(check({ ...session, twoFactor: undefined })).toBe(false);
  });

  it('reached every operation\'s success, and errors of each kind', () => {
    const missed = operationKeys(fresh).filter(
      (key) => key !== 'GET /openapi.json' && !seen.some((x) => x.key === key && x.status < 300 && (key !== 'POST /sms/status' || x.status === 204)),
    );
    // The status callback answers 204 only with `deliveryStatus` set; the demo harness has none (its 404 is seen).
    expect(missed).toEqual(['POST /sms/status']);
    expect(new Set(seen.filter((x) => x.status >= 400).map((x) => x.status))).toEqual(new Set([400, 401, 403, 404, 409, 413, 415, 429]));
  });
});

/** Sign-in, enrollment, resend, verify, skip, opt-in, the admin's pages, and refusals along the way. */
async function walk(h: Harness) {
  const anon = h.browser();
  await anon.get('/portal');
  await anon.get('/session');
  await anon.login('demo@example.com', 'wrong password');
  await anon.post('/login', '{"email": ');
  await anon.request('POST', '/api/2fa/login', JSON.stringify({ email: 'a@b.c', password: 'x' }), { 'content-type': 'text/plain' });
  await anon.post('/login', { email: 'a@b.c', password: 'x' }, { origin: 'https://evil.example' });
  await anon.post('/login', { email: 'a@b.c', password: 'x'.repeat(17_000) });
  await anon.post('/verify', { code: '123456' });
  await anon.post('/sms/status', 'MessageSid=SM1&MessageStatus=delivered', { 'content-type': 'application/x-www-form-urlencoded' });
  await h.browser('203.0.113.9', 'nowhere.test').get('/portal');

  const admin = await setSettings(h, true, true);

  // Enrollment, with a wrong phone, a resend too soon and a wrong code on the way.
  const demo = h.browser();
  await demo.login('demo@example.com');
  await demo.post('/enroll/phone', { phone: '12' });
  await demo.post('/enroll/phone', { phone: PHONE });
  await demo.get('/delivery');
  await demo.post('/resend');
  h.clock.advance(31);
  await demo.post('/resend');
  const code = demo.code();
  await demo.post('/enroll/confirm', { code: code === '000000' ? '111111' : '000000' });
  await demo.post('/enroll/confirm', { code: demo.code() });
  h.clock.advance(31);

  // The enrolled user's sign-in.
  await demo.login('demo@example.com');
  await demo.post('/enroll/skip');
  await demo.post('/verify', { code: demo.code() });
  await demo.get('/session');
  // A step-up before a sensitive action.
  await demo.post('/step-up');
  const stepUpCode = demo.code();
  await demo.post('/step-up/verify', { code: stepUpCode === '000000' ? '111111' : '000000' });
  await demo.post('/step-up/verify', { code: stepUpCode });
  // Recovery codes: refused while the portal does not offer them, then made, then used.
  await demo.post('/recovery-codes');
  await admin.put('/admin/settings', { enabled: true, allowOptOut: true, recoveryCodes: true });
  const recovery = await demo.post('/recovery-codes');
  // "Change my phone": refused while off, then a bad number, the new number's code, a wrong one, the right one.
  await demo.post('/phone', { phone: '+12025550188' });
  await admin.put('/admin/settings', { enabled: true, allowOptOut: true, selfServicePhoneChange: true });
  await demo.post('/phone', { phone: '12' });
  await demo.post('/phone', { phone: '+12025550188' });
  const changeCode = demo.code('+12025550188');
  await demo.post('/phone/confirm', { code: changeCode === '000000' ? '111111' : '000000' });
  await demo.post('/phone/confirm', { code: changeCode });
  await demo.post('/opt-in');
  await demo.get('/admin/settings');
  await demo.post('/logout');
  h.clock.advance(31);
  await demo.login('demo@example.com');
  // "I lost my phone": a reason too long, then the request (it leaves the login as it is).
  await demo.post('/reset-request', { reason: 'x'.repeat(501) });
  await demo.post('/reset-request', {});
  await demo.post('/verify', { recoveryCode: 'zzzzz-zzzzz-zzzzz' });
  await demo.post('/verify', { recoveryCode: recovery.body.codes[0] });
  await demo.get('/session');
  await demo.post('/logout');
  // "Trust this device": the box ticked, the list, a login without the SMS, forgotten by the user and an admin.
  await admin.put('/admin/settings', { enabled: true, allowOptOut: true, trustDeviceDays: 30 });
  h.clock.advance(31);
  await demo.login('demo@example.com');
  await demo.post('/verify', { code: demo.code('+12025550188'), trustDevice: true });
  await demo.get('/devices');
  await demo.post('/logout');
  await demo.login('demo@example.com');
  await demo.get('/session');
  await demo.post('/devices/forget');
  await admin.post('/admin/contacts/usr-demo/devices/forget');
  await admin.post('/admin/contacts/usr-nobody/devices/forget');
  await demo.post('/logout');

  // "Skip for Now", then "Enable 2FA SMS".
  const pat = h.browser('203.0.113.8');
  await pat.login('pat@example.com');
  await pat.post('/enroll/skip');
  await pat.get('/session');
  await pat.post('/step-up');
  await pat.post('/opt-in');

  // The admin's pages.
  await admin.get('/admin/settings');
  await admin.put('/admin/settings', { enabled: true, allowOptOut: false, enforceFrom: '2026-03-01' });
  await admin.put('/admin/settings', { enabled: true, allowOptOut: false, enforceFrom: '2026-02-30' });
  await admin.get('/admin/settings/preview?enabled=true&allowOptOut=true&enforceFrom=');
  await admin.get('/admin/settings/preview?enabled=maybe');
  await admin.get('/admin/report');
  await admin.get('/admin/report?format=csv');
  await admin.get('/admin/report?format=xml');
  const contacts = await admin.get('/admin/contacts');
  await admin.get(`/admin/contacts?organizationId=${contacts.body.contacts[0].organizationId}`);
  await admin.get('/admin/contacts?organizationId=');
  await admin.post('/admin/contacts/usr-demo/two-factor/reset');
  await admin.post('/admin/contacts/usr-nobody/two-factor/reset');
  await admin.put('/admin/organizations/org-acme/two-factor', { policy: 'exempt' });
  await admin.put('/admin/organizations/org-nowhere/two-factor', { policy: 'required' });
  await admin.get('/admin/audit?limit=20');
  await admin.get('/admin/audit?limit=0');
  await admin.post('/logout');
}

// The response schemas hold to the types the elements and hosts compile against.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: Array<true> = [
  true satisfies Same<z.output<typeof s.userSchema>, dto.CbUserDto>,
  true satisfies Same<z.output<typeof s.portalFaceSchema>, dto.PortalFace>,
  true satisfies Same<z.output<typeof s.stepSchema>, dto.StepResponse>,
  true satisfies Same<z.output<typeof s.codeSentSchema>, dto.CodeSentResponse>,
  true satisfies Same<z.output<typeof s.stepUpVerifiedSchema>, dto.StepUpVerifiedResponse>,
  true satisfies Same<z.output<typeof s.recoveryCodesSchema>, dto.RecoveryCodesResponse>,
  true satisfies Same<z.output<typeof s.resetRequestedSchema>, dto.ResetRequestResponse>,
  true satisfies Same<z.output<typeof s.deliverySchema>, dto.DeliveryResponse>,
  true satisfies Same<z.output<typeof s.sessionSchema>, dto.SessionResponse>,
  true satisfies Same<z.output<typeof s.settingsSchema>, dto.SettingsDto>,
  true satisfies Same<z.output<typeof s.contactSchema>, dto.ContactDto>,
  true satisfies Same<z.output<typeof s.contactsSchema>, dto.ContactsResponse>,
  true satisfies Same<z.output<typeof s.auditSchema>, dto.AuditResponse>,
  true satisfies Same<z.output<typeof s.organizationSchema>, dto.OrganizationDto>,
  true satisfies Same<z.output<typeof s.settingsPreviewSchema>, dto.SettingsPreviewDto>,
  true satisfies Same<z.output<typeof s.reportSchema>, dto.ReportDto>,
  true satisfies Same<z.output<typeof s.errorBodySchema>, CbErrorBody>,
  true satisfies Same<z.output<typeof s.loginBody>, dto.LoginRequest>,
  true satisfies Same<z.output<typeof s.phoneBody>, dto.EnrollPhoneRequest>,
];
void agree;
