/**
 * The platform operator's report: `tf.report()` rolled up, a row a portal with its totals, each
 * portal opening onto its organizations and contacts (the tables of its admins' report), and the
 * CSV of all portals or of one.
 */
import type { PlatformReportDto } from '../../protocol/dto.js';
import type { CbUser } from '../../server/index.js';
import { escape, menuScript, page, topBar, type View } from './pages.js';
import { contactsTable, countCards, organizationsTable, reportStyles, settingsLine } from './report-page.js';

const operatorReportStyles = `
.rollup td.n, .rollup th.n { text-align: end; font-variant-numeric: tabular-nums; }
.rollup tfoot td { font-weight: 700; border-top: 2px solid #d1d5db; }
details.portal-report { background: #fff; border-radius: 8px; margin: 0.75rem 0; box-shadow: 0 1px 2px rgb(0 0 0 / 0.08); }
details.portal-report summary { padding: 0.75rem 1rem; cursor: pointer; font-weight: 600; }
details.portal-report .body { padding: 0 1rem 1rem; }
`;

export function operatorReportPage(v: View, user: CbUser, r: PlatformReportDto): string {
  const n = (x: number) => `<td class="n">${x}</td>`;
  const row = (id: string, name: string, on: string, t: PlatformReportDto['totals'], csv: string) =>
    `<tr data-portal-id="${escape(id)}"><td>${name}</td><td>${on}</td>${n(t.contacts)}${n(t.enrolled)}${n(t.skipped)}${n(t.toEnroll)}${n(t.exempt)}${n(t.off)}${n(t.locked)}${n(t.resetRequested)}${n(t.inGrace)}<td>${csv}</td></tr>`;
  const csvOf = (id: string) => `<a href="/api/ops/report.csv?portal=${encodeURIComponent(id)}" download>CSV</a>`;
  return page(
    v,
    'Two Factor report',
    `${topBar(v.branding, user, '<a role="menuitem" href="/ops">Portals</a><a role="menuitem" href="/dashboard">Overview</a><button role="menuitem" id="sign-out">Sign out</button>')}
<main class="report">
  <style nonce="${escape(v.nonce)}">${reportStyles}${operatorReportStyles}</style>
  <p><a href="/ops">Back to Portals</a></p>
  <h1>Platform · Two Factor report</h1>
  <p class="muted">Every portal of this deployment, ${escape(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC. Open a portal for its organizations and contacts.</p>
  ${countCards(r.totals)}
  <div class="actions"><a class="button" id="download-all" href="/api/ops/report.csv" download>Download CSV of all portals</a></div>
  <table class="rollup">
    <thead><tr><th>Portal</th><th>Two Factor</th><th class="n">Contacts</th><th class="n">Enrolled</th><th class="n">Skipped</th><th class="n">Not enrolled yet</th><th class="n">Exempt</th><th class="n">2FA off</th><th class="n">Locked</th><th class="n">Reset requested</th><th class="n">In grace</th><th></th></tr></thead>
    <tbody>${r.portals
      .map((p) =>
        row(
          p.portal.id,
          `${escape(p.portal.name)} <span class="muted">(${escape(p.portal.id)})</span>`,
          p.settings.enabled ? (p.graceUntil ? `On, grace until ${escape(p.graceUntil)}` : 'On') : 'Off',
          p.totals,
          csvOf(p.portal.id),
        ),
      )
      .join('')}</tbody>
    <tfoot>${row('', 'All portals', '', r.totals, '')}</tfoot>
  </table>
  ${r.portals
    .map(
      (p) => `<details class="portal-report" data-portal-id="${escape(p.portal.id)}">
    <summary>${escape(p.portal.name)} <span class="muted">(${escape(p.portal.id)}) · ${p.totals.toEnroll} not enrolled yet of ${p.totals.contacts}</span></summary>
    <div class="body">
      ${settingsLine(p)}
      <h2>By organization</h2>
      ${organizationsTable(p)}
      <h2>Contacts</h2>
      ${contactsTable(p.contacts)}
    </div>
  </details>`,
    )
    .join('\n')}
</main>`,
    menuScript,
  );
}
