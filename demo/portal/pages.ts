/**
 * The demo portal's pages: server-rendered HTML that loads the elements with one module script.
 * Everything a client or admin clicks is one of our elements or a plain link.
 */
import type { CbUser } from '../../server/index.js';
import type { Branding } from './branding.js';

/** What every page needs: the request's portal's branding and locale, and the nonce its inline tags carry (CSP). */
export interface View {
  branding: Branding;
  /** The portal's locale: a page's `lang` is what the elements speak, so it must not contradict the portal's. */
  lang: string;
  nonce: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escape = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

const styles = (b: Branding) => `
:root {
  color-scheme: light;
  --cb-color-accent: ${b.colors.accent};
  --portal-header: ${b.colors.header};
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: #1f2328; }
a { color: var(--cb-color-accent); }
main.login-page { min-height: 100vh; max-width: none; display: grid; place-content: center; justify-items: center; gap: 1rem; padding: 2rem 1rem; }
header.bar { display: flex; align-items: center; gap: 1rem; background: var(--portal-header); color: #fff; padding: 0.5rem 1rem; }
header.bar a { color: #fff; }
header.bar .brand { font-weight: 600; }
header.bar .who { margin-inline-start: auto; font-size: 0.9rem; }
.menu-button { background: none; border: 1px solid rgb(255 255 255 / 0.4); color: #fff; border-radius: 6px; padding: 0.35rem 0.6rem; font-size: 1.2rem; line-height: 1; cursor: pointer; }
.menu-button:focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
.menu { position: absolute; top: 3rem; left: 1rem; background: #fff; color: #1f2328; border-radius: 8px; box-shadow: 0 8px 24px rgb(0 0 0 / 0.18); padding: 0.4rem; min-width: 14rem; z-index: 10; }
.menu[hidden] { display: none; }
.menu button, .menu a { display: block; width: 100%; text-align: start; background: none; border: 0; padding: 0.6rem 0.75rem; border-radius: 6px; font: inherit; color: inherit; text-decoration: none; cursor: pointer; }
.menu button:hover, .menu a:hover, .menu button:focus-visible { background: #eef2ff; outline: none; }
.layout { display: grid; grid-template-columns: 14rem 1fr; min-height: calc(100vh - 3rem); }
nav.side { background: #fff; border-inline-end: 1px solid #e5e7eb; padding: 1rem 0.5rem; }
nav.side a { display: block; padding: 0.5rem 0.75rem; border-radius: 6px; text-decoration: none; color: #1f2328; }
nav.side a[aria-current='page'] { background: #eef2ff; color: var(--cb-color-accent); font-weight: 600; }
nav.side .group { margin: 1rem 0.75rem 0.25rem; font-size: 0.75rem; text-transform: uppercase; color: #6b7280; }
main { padding: 1.5rem 2rem; max-width: 72rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; }
.card { background: #fff; border-radius: 8px; padding: 1rem 1.25rem; box-shadow: 0 1px 2px rgb(0 0 0 / 0.08); }
.card h2 { font-size: 0.8rem; text-transform: uppercase; color: #6b7280; margin: 0 0 0.5rem; }
.card p { font-size: 1.4rem; margin: 0; }
.hint { background: #fff8e1; border: 1px solid #f0c36d; border-radius: 6px; padding: 0.75rem 1rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: start; padding: 0.5rem 0.75rem; border-bottom: 1px solid #e5e7eb; font-size: 0.9rem; vertical-align: top; }
details.contact { background: #fff; border-radius: 8px; margin-bottom: 0.75rem; box-shadow: 0 1px 2px rgb(0 0 0 / 0.08); }
details.contact summary { padding: 0.75rem 1rem; cursor: pointer; display: flex; gap: 1rem; align-items: baseline; }
details.contact summary .meta { color: #6b7280; font-size: 0.9rem; }
details.contact .body { padding: 0 1rem 1rem; }
.outbox li { background: #fff; border-radius: 6px; padding: 0.75rem 1rem; margin-bottom: 0.5rem; list-style: none; white-space: pre-wrap; }
.outbox { padding: 0; }
.muted { color: #6b7280; }
.autopay { display: grid; gap: 1rem; max-width: 36rem; }
.autopay p { font-size: 1rem; }
.autopay button { justify-self: start; background: var(--cb-color-accent); color: #fff; border: 0; border-radius: 6px; padding: 0.6rem 1rem; font: inherit; cursor: pointer; }
`;

export function page(v: View, title: string, body: string, script = ''): string {
  const b = v.branding;
  return `<!doctype html>
<html lang="${escape(v.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ${escape(b.portalName)}</title>
<style nonce="${escape(v.nonce)}">${styles(b)}</style>
<script type="module" src="/assets/cb-2fa.js"></script>
${script ? `<script type="module" nonce="${escape(v.nonce)}">${script}</script>` : ''}
</head>
<body>
${body}
</body>
</html>`;
}

export function loginPage(v: View, notice?: string): string {
  return page(
    v,
    'Sign in',
    `<main class="login-page">
  ${notice ? `<p class="hint" role="status">${escape(notice)}</p>` : ''}
  <cb-login reset-href="/reset"></cb-login>
</main>`,
    // The server knows where each user starts (an admin's pages, the operator's, the dashboard).
    `document.querySelector('cb-login').addEventListener('cb-authenticated', () => location.assign('/'));`,
  );
}

export function resetPage(v: View): string {
  return page(
    v,
    'Reset Login or Password',
    `<main class="login-page"><div class="card">
  <h1>Reset Login or Password</h1>
  <p>Password resets are handled by your portal administrator in this demo.</p>
  <p><a href="/">Back to sign in</a></p>
</div></main>`,
  );
}

export function topBar(b: Branding, user: CbUser, menu: string): string {
  return `<header class="bar">
  <button class="menu-button" id="menu-button" aria-haspopup="true" aria-expanded="false" aria-controls="menu" aria-label="Menu">&#9776;</button>
  <div class="menu" id="menu" role="menu" hidden>${menu}</div>
  <span class="brand">${escape(b.portalName)}</span>
  <span class="who">${escape(user.name)} · ${escape(user.email)}</span>
</header>`;
}

/** The 3-bar menu: opens on click, closes on Escape or a click elsewhere; "Sign out" logs out. */
export const menuScript = `
const button = document.getElementById('menu-button');
const menu = document.getElementById('menu');
const setOpen = (open) => {
  menu.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (open) menu.querySelector('button:not([hidden]), a')?.focus();
};
button.addEventListener('click', () => setOpen(menu.hidden));
document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !menu.hidden) { setOpen(false); button.focus(); } });
document.addEventListener('click', (e) => { if (!menu.hidden && !menu.contains(e.target) && e.target !== button) setOpen(false); });
document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('/api/2fa/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  location.assign('/');
});
`;

export function dashboardPage(v: View, user: CbUser, canOptIn: boolean, operator = false): string {
  return page(
    v,
    'Overview',
    `${topBar(
      v.branding,
      user,
      `<a role="menuitem" href="/autopay">AutoPay</a>
    <a role="menuitem" href="/security">Security</a>
    ${canOptIn ? '<button role="menuitem" id="enable-2fa">Enable 2FA SMS</button>' : ''}
    ${operator ? '<a role="menuitem" href="/ops">Portals</a>' : ''}
    <button role="menuitem" id="sign-out">Sign out</button>`,
    )}
<main>
  <h1>Overview</h1>
  <div class="cards">
    <div class="card"><h2>Balance</h2><p>$1,280.00</p></div>
    <div class="card"><h2>Open Invoices</h2><p>4</p></div>
    <div class="card"><h2>Organization Credits</h2><p>$0.00</p></div>
    <div class="card"><h2>Pending Payments</h2><p>1</p></div>
    <div class="card"><h2>AutoPay</h2><p><a href="/autopay">Manage AutoPay</a></p></div>
  </div>
  <cb-2fa-optin-dialog></cb-2fa-optin-dialog>
</main>`,
    `${menuScript}
document.getElementById('enable-2fa')?.addEventListener('click', () => {
  document.getElementById('menu').hidden = true;
  document.querySelector('cb-2fa-optin-dialog').show();
});
document.addEventListener('cb-logged-out', () => location.assign('/?notice=opted-in'));`,
  );
}

export type AdminSection = 'settings' | 'organizations' | 'report' | 'audit' | 'notifications';

export function adminPage(v: View, user: CbUser, section: AdminSection, title: string, content: string, script = ''): string {
  const link = (href: string, label: string, s: AdminSection) => `<a href="${href}"${s === section ? ' aria-current="page"' : ''}>${label}</a>`;
  return page(
    v,
    title,
    `${topBar(v.branding, user, '<button role="menuitem" id="sign-out">Sign out</button>')}
<div class="layout">
  <nav class="side" aria-label="Admin">
    ${link('/admin/organizations', 'Organizations', 'organizations')}
    <div class="group">Configurations</div>
    ${link('/admin/configurations/client-users', 'Client Users', 'settings')}
    <div class="group">Reports</div>
    ${link('/admin/report', 'Two Factor report', 'report')}
    <div class="group">Security</div>
    ${link('/admin/notifications', 'Notifications', 'notifications')}
    ${link('/admin/audit', 'Audit log', 'audit')}
  </nav>
  <main>${content}</main>
</div>`,
    menuScript + script,
  );
}

export function settingsPage(v: View, user: CbUser): string {
  return adminPage(
    v,
    user,
    'settings',
    'Client Users',
    `<h1>Configurations · Client Users</h1>
  <cb-2fa-settings></cb-2fa-settings>
  ${
    user.masterAdmin
      ? ''
      : `<p class="hint" id="privileges-hint">If you don't see this option, your account may not have high enough profile privileges to enable this feature within the portal. Please check that the "Profile" selected for your account is the same as a Profile with the "Master Admin" option enabled.</p>`
  }`,
  );
}

/**
 * A contact's Security page: their recovery codes (made after a fresh code, shown once) and
 * "Change my phone" (or, where the portal does not allow it, who to ask); both open the one
 * <cb-step-up> for a fresh code.
 */
export function securityPage(v: View, user: CbUser): string {
  return page(
    v,
    'Security',
    `${topBar(v.branding, user, '<a role="menuitem" href="/dashboard">Overview</a><button role="menuitem" id="sign-out">Sign out</button>')}
<main>
  <h1>Security</h1>
  <div class="card"><cb-recovery-codes></cb-recovery-codes></div>
  <div class="card"><cb-change-phone></cb-change-phone></div>
  <div class="card"><cb-trusted-devices></cb-trusted-devices></div>
  <cb-step-up></cb-step-up>
</main>`,
    menuScript,
  );
}

export function organizationsPage(v: View, user: CbUser, organizations: Array<{ id: string; name: string; contacts: number }>): string {
  return adminPage(
    v,
    user,
    'organizations',
    'Organizations',
    `<h1>Organizations</h1>
  <table>
    <thead><tr><th>Name</th><th>Contacts</th><th></th></tr></thead>
    <tbody>${organizations
      .map((o) => `<tr><td>${escape(o.name)}</td><td>${o.contacts}</td><td><a href="/admin/organizations/${encodeURIComponent(o.id)}">Organization Details</a></td></tr>`)
      .join('')}</tbody>
  </table>`,
  );
}

export function organizationPage(v: View, user: CbUser, org: { id: string; name: string; twoFactorPolicy?: string }): string {
  const policy = org.twoFactorPolicy ?? 'inherit';
  const option = (value: string, label: string) => `<option value="${value}"${value === policy ? ' selected' : ''}>${label}</option>`;
  return adminPage(
    v,
    user,
    'organizations',
    org.name,
    `<p><a href="/admin/organizations">Back to Organizations</a></p>
  <h1>${escape(org.name)} · Organization Details</h1>
  <h2>Two Factor Authentication</h2>
  <p><label for="policy">Policy for this organization</label>
    <select id="policy"${user.masterAdmin ? '' : ' disabled'}>
      ${option('inherit', "The portal's settings")}${option('required', 'Required (no Skip for Now)')}${option('exempt', 'Exempt (no 2FA)')}
    </select>
    <span id="policy-status" class="muted" role="status"></span></p>
  <h2>Contacts</h2>
  <div id="contacts" data-organization-id="${escape(org.id)}"><p class="muted">Loading contacts…</p></div>`,
    `
const box = document.getElementById('contacts');
const orgId = box.dataset.organizationId;
const policy = document.getElementById('policy');
policy.addEventListener('change', async () => {
  const status = document.getElementById('policy-status');
  const res = await fetch('/api/2fa/admin/organizations/' + encodeURIComponent(orgId) + '/two-factor', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ policy: policy.value }) });
  status.textContent = res.ok ? 'Saved.' : 'Could not save the policy.';
  if (res.ok) load();
});
const text = (tag, value, cls) => { const el = document.createElement(tag); el.textContent = value; if (cls) el.className = cls; return el; };
const state = (c) => c.twoFactor.state === 'enrolled' ? 'Enrolled ' + c.twoFactor.maskedPhone : c.twoFactor.state === 'skipped' ? 'Skipped for now' : 'Not enrolled';
async function load() {
  const res = await fetch('/api/2fa/admin/contacts?organizationId=' + encodeURIComponent(orgId));
  if (!res.ok) { box.replaceChildren(text('p', 'Could not load the contacts.')); return; }
  const { contacts } = await res.json();
  box.replaceChildren(...contacts.map((c) => {
    const details = document.createElement('details');
    details.className = 'contact';
    details.dataset.contactId = c.id;
    const summary = document.createElement('summary');
    summary.append(text('strong', c.name), text('span', c.email, 'meta'), text('span', 'Last login: ' + (c.lastLoginAt ? new Date(c.lastLoginAt).toLocaleString() : 'never'), 'meta'), text('span', '2FA: ' + state(c), 'meta two-factor-state'));
    // The provider's last word on this contact's SMS, when delivery status is tracked (Twilio callbacks).
    const last = c.twoFactor.lastDelivery;
    if (last) summary.append(text('span', 'Last SMS: ' + last.status + (last.errorCode ? ' (' + last.errorCode + ')' : ''), 'meta last-delivery'));
    // An open "I lost my phone" request: the admin's reset closes it.
    if (c.resetRequestedAt) summary.append(text('span', 'Reset requested ' + new Date(c.resetRequestedAt).toLocaleString(), 'meta reset-requested'));
    const body = document.createElement('div');
    body.className = 'body';
    const reset = document.createElement('cb-admin-reset');
    reset.contact = c;
    reset.setAttribute('organization-id', orgId);
    body.append(reset);
    details.append(summary, body);
    return details;
  }));
}
document.addEventListener('cb-two-factor-reset', (e) => {
  const row = box.querySelector('[data-contact-id="' + CSS.escape(e.detail.contact.id) + '"] .two-factor-state');
  if (row) row.textContent = '2FA: ' + state(e.detail.contact);
  box.querySelector('[data-contact-id="' + CSS.escape(e.detail.contact.id) + '"] .reset-requested')?.remove();
});
load();`,
  );
}

export function auditPage(v: View, user: CbUser, events: Array<{ at: string; type: string; actorId: string | null; subjectId: string | null; ip: string | null; detail: Record<string, unknown> | null }>): string {
  return adminPage(
    v,
    user,
    'audit',
    'Audit log',
    `<h1>Audit log</h1>
  <p class="muted">The 100 most recent security events.</p>
  <table>
    <thead><tr><th>When</th><th>Event</th><th>Who</th><th>Whom</th><th>IP</th><th>Detail</th></tr></thead>
    <tbody>${events
      .map(
        (e) =>
          `<tr><td>${escape(e.at)}</td><td>${escape(e.type)}</td><td>${escape(e.actorId ?? '')}</td><td>${escape(e.subjectId ?? '')}</td><td>${escape(e.ip ?? '')}</td><td>${escape(e.detail ? JSON.stringify(e.detail) : '')}</td></tr>`,
      )
      .join('')}</tbody>
  </table>`,
  );
}

export function outboxPage(v: View): string {
  return page(
    v,
    'SMS outbox',
    `<main>
  <h1>Development SMS outbox</h1>
  <p class="muted">Every text message and call the demo would have sent, newest first. This page refreshes itself; it does not exist when <code>NODE_ENV=production</code>.</p>
  <ul class="outbox" id="outbox" aria-live="polite"></ul>
</main>`,
    `
const list = document.getElementById('outbox');
async function refresh() {
  const res = await fetch('/dev/sms-outbox');
  const messages = await res.json();
  list.replaceChildren(...messages.slice().reverse().map((m) => {
    const li = document.createElement('li');
    // A "Call me instead" call keeps its TwiML: show what the voice says.
    const text = m.channel === 'voice'
      ? [...new DOMParser().parseFromString(m.body, 'text/xml').getElementsByTagName('Say')].map((s) => s.textContent).join('\\n')
      : m.body;
    li.dataset.channel = m.channel;
    li.textContent = m.sentAt + ' → ' + m.to + (m.channel === 'voice' ? ' (voice call)' : '') + '\\n' + text;
    return li;
  }));
}
refresh();
setInterval(refresh, 2000);`,
  );
}
