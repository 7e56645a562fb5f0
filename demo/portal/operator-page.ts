/**
 * The platform operator's page: every portal of the deployment, each with a form for its branding,
 * SMS identity and daily budget. The forms send JSON to `PUT /api/ops/portals/:id`, which changes
 * the portal through `tf.portals.update` and answers what it refused.
 */
import type { CbUser, Portal } from '../../server/index.js';
import { escape, menuScript, page, topBar, type View } from './pages.js';

const LOCALES = [
  ['en', 'English'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
] as const;

function field(portal: Portal, name: string, label: string, value: string | number | null, extra = ''): string {
  const id = `${portal.id}-${name}`;
  return `<label for="${escape(id)}">${escape(label)}</label><input id="${escape(id)}" name="${escape(name)}" value="${escape(value ?? '')}"${extra}>`;
}

function portalForm(portal: Portal): string {
  const localeId = `${portal.id}-smsLocale`;
  return `<section class="card portal" data-portal-id="${escape(portal.id)}" aria-labelledby="${escape(portal.id)}-title">
  <h2 id="${escape(portal.id)}-title"><span class="portal-name">${escape(portal.name ?? portal.id)}</span> <span class="muted">(${escape(portal.id)})</span></h2>
  <form class="portal-form" data-portal-id="${escape(portal.id)}" novalidate>
    <fieldset><legend>Branding</legend><div class="fields">
      ${field(portal, 'name', 'Portal name', portal.name, ' required maxlength="80"')}
      ${field(portal, 'logoUrl', 'Logo URL', portal.logoUrl, ' placeholder="https://… or /path"')}
      ${field(portal, 'accent', 'Accent colour', portal.accent, ' placeholder="#0a58ca"')}
    </div></fieldset>
    <fieldset><legend>SMS identity</legend><div class="fields">
      ${field(portal, 'smsName', 'Name in the SMS', portal.sms.name, ' placeholder="the portal name"')}
      ${field(portal, 'smsFrom', 'From number', portal.sms.from, ' placeholder="+15005550006"')}
      ${field(portal, 'smsMessagingServiceSid', 'Messaging Service SID', portal.sms.messagingServiceSid, ' placeholder="MG…"')}
      <label for="${escape(localeId)}">SMS locale</label><select id="${escape(localeId)}" name="smsLocale">${LOCALES.map(
        ([code, name]) => `<option value="${code}"${portal.sms.locale === code ? ' selected' : ''}>${name}</option>`,
      ).join('')}</select>
      ${field(portal, 'webOtpDomain', 'WebOTP domain', portal.sms.webOtpDomain, ' placeholder="login.example.com"')}
    </div></fieldset>
    <fieldset><legend>Budget</legend><div class="fields">
      ${field(portal, 'dailySmsBudget', 'Daily SMS budget', portal.dailySmsBudget, ' inputmode="numeric" placeholder="the deployment default"')}
    </div></fieldset>
    <p class="form-error" role="alert" hidden></p>
    <p class="form-saved" role="status"></p>
    <button type="submit">Save ${escape(portal.id)}</button>
  </form>
</section>`;
}

const operatorStyles = `
.portal { margin-bottom: 1.5rem; }
.portal h2 { font-size: 1.1rem; text-transform: none; color: inherit; }
.portal fieldset { border: 1px solid #e5e7eb; border-radius: 6px; margin: 0 0 0.75rem; }
.portal .fields { display: grid; grid-template-columns: 12rem minmax(0, 24rem); gap: 0.4rem 0.75rem; align-items: center; }
.portal input, .portal select { font: inherit; padding: 0.3rem 0.45rem; }
.portal button { font: inherit; padding: 0.45rem 1.1rem; border: 0; border-radius: 6px; background: var(--cb-color-accent); color: #fff; cursor: pointer; }
.portal p.form-error, .portal p.form-saved { font-size: 0.95rem; margin: 0.5rem 0; }
.form-error { color: #b42318; }
.form-saved { color: #1a7f37; }
`;

// Empty fields clear a value (null); the server validates every one and says which it refused.
const operatorScript = `
for (const form of document.querySelectorAll('form.portal-form')) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const error = form.querySelector('.form-error');
    const saved = form.querySelector('.form-saved');
    error.hidden = true;
    saved.textContent = '';
    const data = new FormData(form);
    const text = (name) => String(data.get(name) ?? '').trim();
    const optional = (name) => text(name) === '' ? null : text(name);
    const budget = optional('dailySmsBudget');
    const patch = {
      name: text('name'),
      logoUrl: optional('logoUrl'),
      accent: optional('accent'),
      dailySmsBudget: budget === null ? null : Number.isFinite(Number(budget)) ? Number(budget) : budget,
      sms: { name: optional('smsName'), from: optional('smsFrom'), messagingServiceSid: optional('smsMessagingServiceSid'), locale: text('smsLocale'), webOtpDomain: optional('webOtpDomain') },
    };
    const res = await fetch('/api/ops/portals/' + encodeURIComponent(form.dataset.portalId), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      error.textContent = body?.error?.message ?? 'The portal could not be saved.';
      error.hidden = false;
      return;
    }
    form.closest('.portal').querySelector('.portal-name').textContent = body.portal.name;
    saved.textContent = 'Saved.';
  });
}
`;

export function operatorPage(v: View, user: CbUser, portals: Portal[]): string {
  return page(
    v,
    'Portals',
    `${topBar(v.branding, user, '<a role="menuitem" href="/ops/report">Two Factor report</a><a role="menuitem" href="/dashboard">Overview</a><button role="menuitem" id="sign-out">Sign out</button>')}
<main>
  <style nonce="${escape(v.nonce)}">${operatorStyles}</style>
  <h1>Platform · Portals</h1>
  <p class="muted">Every portal of this deployment. Their 2FA settings belong to each portal's Master Admins; here are their face, their SMS identity and their budget.</p>
  <p><a href="/ops/report" id="report-link">Two Factor report of every portal</a>: who is enrolled, who is not yet, per portal and organization, with CSV export.</p>
  ${portals.map(portalForm).join('\n')}
</main>`,
    menuScript + operatorScript,
  );
}

/** What a signed-in user who is not the operator sees instead. */
export function notOperatorPage(v: View): string {
  return page(v, 'Not allowed', `<main class="login-page"><div class="card"><h1>Not allowed</h1><p>This page is for the platform operator.</p><p><a href="/">Back</a></p></div></main>`);
}
