/**
 * The demo's AutoPay page (the seed's portal has AutoPay, Billing, Payments): changing AutoPay is
 * the sensitive action a stolen session wants, so its route sits behind `tf.requireSecondFactor()`.
 * The page sends the change; on 403 `step_up_required` it opens `<cb-step-up>` and, once the code
 * is right, sends the same change again. The setting itself lives in memory: it is a demo.
 */
import type { Context, Hono } from 'hono';
import { Hono as HonoApp } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CbError, type CbUser, type TrustedProxy, type TwoFactor } from '../../server/index.js';
import { publicOrigin } from '../../server/middleware/public-origin.js';
import { requestGuard } from '../../server/middleware/request-guard.js';
import { escape, menuScript, page, topBar, type View } from './pages.js';

export interface AutoPay {
  enabled: boolean;
  card: string;
  changedAt: string | null;
}

const initial = (): AutoPay => ({ enabled: false, card: 'Visa ending 4242', changedAt: null });

export function mountAutoPay(app: Hono, options: { tf: TwoFactor; view: (c: Context) => View; trustProxy: false | TrustedProxy; portalOf: (c: Context) => string; maxAgeSeconds?: number }): void {
  const { tf } = options;
  // Per portal and account: the same email in two portals is two accounts.
  const settings = new Map<string, AutoPay>();
  const keyOf = (c: Context, user: CbUser) => `${options.portalOf(c)}\u0000${user.id}`;
  const of = (c: Context, user: CbUser) => settings.get(keyOf(c, user)) ?? initial();

  app.get('/autopay', async (c) => {
    const found = await tf.sessionOf(c);
    if (!found) return c.redirect('/');
    if (found.user.role === 'admin') return c.redirect('/admin');
    return c.html(autoPayPage(options.view(c), found.user, of(c, found.user), options.maxAgeSeconds ?? 600));
  });

  const api = new HonoApp()
    .onError((err, c) => {
      const error = err instanceof CbError ? err : new CbError('internal', 'Something went wrong on our side.');
      if (!(err instanceof CbError)) console.error('demo: AutoPay API error', err instanceof Error ? err.message : 'unknown');
      return c.json(error.toBody(), error.status as 400);
    })
    // A host route is the host's to guard against other sites: JSON and same origin, as the router's.
    .use('*', requestGuard({ trustedOrigins: [], ownOrigin: (c) => publicOrigin(c.req.raw, options.trustProxy).origin }))
    .use('*', bodyLimit({ maxSize: 1024, onError: (c) => c.json(new CbError('bad_request', 'The body is larger than 1 KiB.').toBody(), 413) }))
    .post('/', tf.requireSecondFactor({ maxAgeSeconds: options.maxAgeSeconds }), async (c) => {
      const body = (await c.req.json().catch(() => null)) as { enabled?: unknown } | null;
      if (typeof body?.enabled !== 'boolean') throw new CbError('bad_request', 'enabled must be true or false.', { fields: ['enabled'] });
      const next: AutoPay = { ...of(c, c.var.cbUser), enabled: body.enabled, changedAt: new Date().toISOString() };
      settings.set(keyOf(c, c.var.cbUser), next);
      return c.json(next);
    });
  app.route('/api/autopay', api);
}

export function autoPayPage(v: View, user: CbUser, autopay: AutoPay, maxAgeSeconds: number): string {
  const age = maxAgeSeconds % 60 === 0 ? `${maxAgeSeconds / 60} minute${maxAgeSeconds === 60 ? '' : 's'}` : `${maxAgeSeconds} seconds`;
  return page(
    v,
    'AutoPay',
    `${topBar(v.branding, user, '<a role="menuitem" href="/dashboard">Overview</a><button role="menuitem" id="sign-out">Sign out</button>')}
<main>
  <h1>AutoPay</h1>
  <div class="card autopay">
    <p>AutoPay is <strong id="autopay-state">${autopay.enabled ? 'On' : 'Off'}</strong> · ${escape(autopay.card)}</p>
    <p class="muted">For your security, changing AutoPay asks for a code sent to your phone if you have not entered one in the last ${age}.</p>
    <button id="change-autopay" type="button">${autopay.enabled ? 'Turn AutoPay off' : 'Turn AutoPay on'}</button>
    <p id="autopay-status" role="status"></p>
  </div>
  <cb-step-up></cb-step-up>
</main>`,
    `${menuScript}
const changeButton = document.getElementById('change-autopay');
const statusLine = document.getElementById('autopay-status');
const stepUp = document.querySelector('cb-step-up');
const send = (enabled) => fetch('/api/autopay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled }) });
changeButton.addEventListener('click', async () => {
  const enabled = document.getElementById('autopay-state').textContent !== 'On';
  statusLine.textContent = '';
  let res = await send(enabled);
  if (res.status === 403) {
    const { error } = await res.json();
    if (error.code === 'step_up_unavailable') {
      statusLine.textContent = 'Changing AutoPay needs a phone set up for two-factor authentication. Ask your administrator.';
      return;
    }
    try {
      await stepUp.request();
    } catch {
      statusLine.textContent = 'AutoPay was not changed.';
      return;
    }
    res = await send(enabled);
  }
  if (!res.ok) {
    statusLine.textContent = 'AutoPay could not be changed. Try again.';
    return;
  }
  const next = await res.json();
  document.getElementById('autopay-state').textContent = next.enabled ? 'On' : 'Off';
  changeButton.textContent = next.enabled ? 'Turn AutoPay off' : 'Turn AutoPay on';
  statusLine.textContent = 'AutoPay is now ' + (next.enabled ? 'on.' : 'off.');
});`,
  );
}
