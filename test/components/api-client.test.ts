import { expect } from '@open-wc/testing';
import { CbApiClient, CbApiError } from '../../components/internal/api-client.js';

interface Call { url: string; init: RequestInit }

function client(respond: () => Response | Promise<Response>, options: ConstructorParameters<typeof CbApiClient>[0] = {}) {
  const calls: Call[] = [];
  const c = new CbApiClient({
    ...options,
    fetch: async (url, init) => {
      calls.push({ url: String(url), init: init ?? {} });
      return respond();
    },
  });
  return { c, calls };
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('CbApiClient', () => {
  it('speaks the HTTP contract: routes, methods, JSON bodies ({} when empty), credentials', async () => {
    const { c, calls } = client(() => json({}));
    await c.login('a@b.co', 'pw');
    await c.enrollPhone('+12025550143');
    await c.enrollPhone('2025550143', 'US');
    await c.confirmEnrollment('123456');
    await c.skipEnrollment();
    await c.verify('123456');
    await c.resend();
    await c.session();
    await c.logout();
    await c.optIn();
    await c.settings();
    await c.updateSettings(true, false);
    await c.contacts('org 1');
    await c.resetContact('c/1');
    const seen = calls.map((x) => `${x.init.method} ${x.url} ${x.init.body ?? '-'}`);
    expect(seen).to.deep.equal([
      'POST /api/2fa/login {"email":"a@b.co","password":"pw"}',
      'POST /api/2fa/enroll/phone {"phone":"+12025550143"}',
      'POST /api/2fa/enroll/phone {"phone":"2025550143","country":"US"}',
      'POST /api/2fa/enroll/confirm {"code":"123456"}',
      'POST /api/2fa/enroll/skip {}',
      'POST /api/2fa/verify {"code":"123456"}',
      'POST /api/2fa/resend {}',
      'GET /api/2fa/session -',
      'POST /api/2fa/logout {}',
      'POST /api/2fa/opt-in {}',
      'GET /api/2fa/admin/settings -',
      'PUT /api/2fa/admin/settings {"enabled":true,"allowOptOut":false}',
      'GET /api/2fa/admin/contacts?organizationId=org%201 -',
      'POST /api/2fa/admin/contacts/c%2F1/two-factor/reset {}',
    ]);
    for (const x of calls) {
      expect(new Headers(x.init.headers).get('content-type')).to.equal('application/json');
      expect(x.init.credentials).to.equal('same-origin');
    }
  });

  it('takes a base URL and a credentials mode', async () => {
    const { c, calls } = client(() => json({}), { baseUrl: 'https://auth.example.com/2fa/', credentials: 'include' });
    await c.logout();
    expect(calls[0]!.url).to.equal('https://auth.example.com/2fa/logout');
    expect(calls[0]!.init.credentials).to.equal('include');
  });

  it('turns error bodies into CbApiError with the hints, never the message', async () => {
    const { c } = client(() => json({ error: { code: 'invalid_code', message: 'x', attemptsLeft: 2 } }, 400));
    const e = await c.verify('000000').catch((x: unknown) => x);
    expect(e).to.be.instanceOf(CbApiError);
    expect(e).to.include({ code: 'invalid_code', status: 400, attemptsLeft: 2 });
  });

  it('reads Retry-After when the body has no retryAfter', async () => {
    const { c } = client(() => json({ error: { code: 'rate_limited', message: 'x' } }, 429, { 'retry-after': '42' }));
    const e = (await c.login('a@b.co', 'x').catch((x: unknown) => x)) as CbApiError;
    expect(e.code).to.equal('rate_limited');
    expect(e.retryAfter).to.equal(42);
  });

  it('maps unknown codes, non-JSON bodies and network failures', async () => {
    const html = client(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    expect(((await html.c.resend().catch((x: unknown) => x)) as CbApiError).code).to.equal('internal');
    const weird = client(() => json({ error: { code: 'teapot' } }, 418));
    expect(((await weird.c.resend().catch((x: unknown) => x)) as CbApiError).code).to.equal('internal');
    const down = client(() => Promise.reject(new TypeError('Failed to fetch')));
    const e = (await down.c.resend().catch((x: unknown) => x)) as CbApiError;
    expect(e.code).to.equal('network');
    expect(e.status).to.equal(0);
  });

  describe('portal()', () => {
    const face = { id: 'northwind', name: 'Northwind IT Portal', logoUrl: null, accent: null, locale: 'en', allowedCountries: ['US'], recoveryCodes: false };

    it('asks GET /portal once per API base, across clients that share a fetch', async () => {
      const urls: string[] = [];
      const fetch = async (url: RequestInfo | URL) => {
        urls.push(String(url));
        return json(face);
      };
      const a = new CbApiClient({ fetch });
      const b = new CbApiClient({ fetch, baseUrl: '/api/2fa/' });
      const [x, y] = await Promise.all([a.portal(), b.portal()]);
      await a.portal();
      expect(x).to.deep.equal(face);
      expect(y).to.equal(x);
      expect(urls).to.deep.equal(['/api/2fa/portal']);
      await new CbApiClient({ fetch, baseUrl: '/other/2fa' }).portal();
      expect(urls).to.deep.equal(['/api/2fa/portal', '/other/2fa/portal']);
    });

    it('answers null on a failure and asks again next time', async () => {
      let answers = [() => Promise.reject(new TypeError('Failed to fetch')), () => Promise.resolve(json({ error: { code: 'not_found', message: 'x' } }, 404)), () => Promise.resolve(json(face))];
      let calls = 0;
      const { c } = client(() => {
        calls++;
        return answers.shift()!();
      });
      expect(String(await c.portal())).to.equal('null');
      expect(String(await c.portal())).to.equal('null');
      expect(await c.portal()).to.deep.equal(face);
      await c.portal();
      expect(calls).to.equal(3);
      answers = [];
    });
  });
});
