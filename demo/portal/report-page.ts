/**
 * The demo's Two Factor report (product spec §11): what `GET /admin/report` says of a portal, as an
 * admin reads it, filterable by state ("who has not enrolled yet"), with the CSV download. The
 * tables are also the platform operator's drill-down (operator-report.ts).
 */
import type { ReportContactDto, ReportCounts, ReportDto, ReportState } from '../../protocol/dto.js';
import type { CbUser } from '../../server/index.js';
import { adminPage, escape, type View } from './pages.js';

export const STATE_LABELS: Record<ReportState, string> = {
  enrolled: 'Enrolled',
  skipped: 'Skipped (Skip for Now)',
  to_enroll: 'Not enrolled yet',
  exempt: 'Exempt',
  off: '2FA off',
};

const POLICY_LABELS: Record<string, string> = { inherit: "Portal's settings", required: 'Required', exempt: 'Exempt' };

/** The filters of the contacts table: a state, or one of the flags. */
export const FILTERS: Array<[string, string]> = [
  ['', 'All contacts'],
  ['to_enroll', 'Not enrolled yet'],
  ['enrolled', 'Enrolled'],
  ['skipped', 'Skipped (Skip for Now)'],
  ['exempt', 'Exempt'],
  ['off', '2FA off'],
  ['locked', 'Code step locked'],
  ['grace', 'In grace'],
  ['reset', 'Reset requested'],
];

export const matches = (c: ReportContactDto, filter: string): boolean =>
  filter === '' ? true : filter === 'locked' ? c.locked : filter === 'grace' ? !!c.graceUntil : filter === 'reset' ? !!c.resetRequestedAt : c.state === filter;

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');
const day = (date: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

export const reportStyles = `
.report .cards { grid-template-columns: repeat(auto-fill, minmax(6.25rem, 1fr)); gap: 0.6rem; margin-bottom: 1rem; }
.report .card { padding: 0.6rem 0.8rem; }
.report .card h2 { font-size: 0.7rem; }
.report .card p { font-size: 1.5rem; font-variant-numeric: tabular-nums; }
.report td.n, .report th.n { text-align: end; font-variant-numeric: tabular-nums; }
.report .actions { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin: 1rem 0; }
.report a.button { background: var(--cb-color-accent); color: #fff; border-radius: 6px; padding: 0.5rem 1rem; text-decoration: none; }
.report form.filter { display: flex; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
.report form.filter select, .report form.filter button { font: inherit; padding: 0.3rem 0.5rem; }
.report .state { white-space: nowrap; }
.report .state-to_enroll { color: #9a3412; font-weight: 600; }
.report .state-enrolled { color: #1a7f37; }
.report .flag { display: inline-block; font-size: 0.8rem; border-radius: 999px; padding: 0.05rem 0.5rem; background: #f3f4f6; margin-inline-end: 0.25rem; }
.report h2 { margin-top: 1.5rem; }
`;

/** The counts as cards. */
export function countCards(t: ReportCounts): string {
  const card = (label: string, n: number, id: string) => `<div class="card" data-count="${id}"><h2>${label}</h2><p>${n}</p></div>`;
  return `<div class="cards">
    ${card('Contacts', t.contacts, 'contacts')}${card('Enrolled', t.enrolled, 'enrolled')}${card('Skipped', t.skipped, 'skipped')}${card('Not enrolled yet', t.toEnroll, 'toEnroll')}${card('Exempt', t.exempt, 'exempt')}${t.off ? card('2FA off', t.off, 'off') : ''}${card('Locked', t.locked, 'locked')}${card('Reset requested', t.resetRequested, 'resetRequested')}${card('In grace', t.inGrace, 'inGrace')}
  </div>`;
}

/** One sentence on the portal's settings, and the grace if there is one. */
export function settingsLine(r: ReportDto): string {
  const s = r.settings;
  const line = s.enabled ? `Two Factor Authentication is on${s.allowOptOut ? ', and organizations may opt out ("Skip for Now")' : ', without opt-out'}.` : 'Two Factor Authentication is off.';
  const grace = r.graceUntil
    ? `<p class="hint" id="grace">Grace until ${escape(day(r.graceUntil))}: until then every contact of an organization that follows the portal may choose "Skip for Now".</p>`
    : '';
  return `<p>${escape(line)} <span class="muted">Generated ${escape(when(r.generatedAt))}.</span></p>${grace}`;
}

export function organizationsTable(r: ReportDto): string {
  const n = (v: number) => `<td class="n">${v}</td>`;
  return `<table class="organizations">
    <thead><tr><th>Organization</th><th>Policy</th><th class="n">Contacts</th><th class="n">Enrolled</th><th class="n">Skipped</th><th class="n">Not enrolled yet</th><th class="n">Exempt</th><th class="n">Locked</th><th class="n">Reset requested</th><th class="n">In grace</th></tr></thead>
    <tbody>${r.organizations
      .map(
        (o) =>
          `<tr data-organization-id="${escape(o.id)}"><td>${escape(o.name || 'No organization')}</td><td>${escape(POLICY_LABELS[o.policy] ?? o.policy)}</td>${n(o.contacts)}${n(o.enrolled)}${n(o.skipped)}${n(o.toEnroll)}${n(o.exempt)}${n(o.locked)}${n(o.resetRequested)}${n(o.inGrace)}</tr>`,
      )
      .join('')}</tbody>
  </table>`;
}

export function contactsTable(contacts: ReportContactDto[]): string {
  const flags = (c: ReportContactDto) =>
    [c.locked ? 'Code step locked' : '', c.graceUntil ? `Grace until ${day(c.graceUntil)}` : '', c.resetRequestedAt ? 'Reset requested' : '']
      .filter(Boolean)
      .map((f) => `<span class="flag">${escape(f)}</span>`)
      .join('');
  return `<table class="contacts">
    <thead><tr><th>Contact</th><th>Email</th><th>Organization</th><th>Two Factor</th><th>Last login</th><th>Enrolled</th><th></th></tr></thead>
    <tbody>${contacts
      .map(
        (c) =>
          `<tr data-contact-id="${escape(c.id)}" data-state="${c.state}"><td>${escape(c.name)}</td><td>${escape(c.email)}</td><td>${escape(c.organizationName || '—')}</td><td class="state state-${c.state}">${escape(STATE_LABELS[c.state])}</td><td>${escape(when(c.lastLoginAt))}</td><td>${escape(when(c.enrolledAt))}</td><td>${flags(c)}</td></tr>`,
      )
      .join('') || '<tr><td colspan="7" class="muted">No contact in this state.</td></tr>'}</tbody>
  </table>`;
}

/** The admin's page: `filter` is the `state` of the query (one of FILTERS), '' for all. */
export function reportPage(v: View, user: CbUser, r: ReportDto, filter: string): string {
  const chosen = FILTERS.some(([value]) => value === filter) ? filter : '';
  const shown = r.contacts.filter((c) => matches(c, chosen));
  const options = FILTERS.map(([value, label]) => `<option value="${value}"${value === chosen ? ' selected' : ''}>${escape(label)}</option>`).join('');
  return adminPage(
    v,
    user,
    'report',
    'Two Factor report',
    `<style nonce="${escape(v.nonce)}">${reportStyles}</style>
  <div class="report">
  <h1>Two Factor report</h1>
  ${settingsLine(r)}
  ${countCards(r.totals)}
  <div class="actions">
    <a class="button" id="download-csv" href="/api/2fa/admin/report?format=csv" download>Download CSV</a>
    <a href="/admin/report?state=to_enroll">Who has not enrolled yet</a>
  </div>
  <h2>By organization</h2>
  ${organizationsTable(r)}
  <h2>Contacts</h2>
  <form class="filter" method="get" action="/admin/report">
    <label for="state">Show</label>
    <select id="state" name="state">${options}</select>
    <button type="submit">Filter</button>
  </form>
  <p class="muted" id="shown" role="status">${shown.length} of ${r.contacts.length} contacts</p>
  ${contactsTable(shown)}
  </div>`,
    // The filter applies as soon as it is chosen; without scripts, "Filter" does the same.
    `document.getElementById('state').addEventListener('change', (e) => e.target.form.requestSubmit());`,
  );
}
