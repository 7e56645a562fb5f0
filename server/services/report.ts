/**
 * The report (product spec §11): per organization, its policy and how many contacts are enrolled,
 * skipped, still to enroll, exempt, locked, or have asked for a reset; per contact the same, with
 * the last login and the enrollment date. What a portal owner shows clients and insurers.
 *
 * A whole portal is read in seven statements whatever its size (the settings, the contacts, the
 * organizations, and `portalFactors`' four), never one per contact.
 * @module
 */
import type { OrganizationPolicyDto, PlatformReportDto, ReportContactDto, ReportCounts, ReportDto, ReportOrganizationDto, ReportState } from '../../protocol/dto.js';
import type { CbUser } from '../identity/identity.js';
import type { Organization, PortalFactors, Settings } from '../store/store.js';
import { requireAdmin } from './admin.js';
import { dateOrNull, formatDate } from './deadline.js';
import type { Deps } from './deps.js';
import { standing } from './standing.js';

/** Everyone the report and the preview look at, read once. */
export interface Population {
  settings: Settings;
  contacts: CbUser[];
  /** The portal's organizations by id (a host identity's other organizations inherit). */
  organizations: Map<string, Organization>;
  factors: PortalFactors;
}

export async function readPopulation(d: Deps): Promise<Population> {
  const [settings, contacts, organizations, factors] = await Promise.all([
    d.store.getSettings(),
    d.identity.listContacts(),
    d.store.accounts.listOrganizations(),
    d.store.portalFactors(),
  ]);
  return { settings, contacts, organizations: new Map(organizations.map((o) => [o.id, o])), factors };
}

export const policyOf = (p: Population, organizationId: string | null): OrganizationPolicyDto =>
  (organizationId ? p.organizations.get(organizationId)?.twoFactorPolicy : undefined) ?? 'inherit';

/** The organizations a list of contacts falls into: every one of the portal, then any other a contact names, then '' (none). */
export function organizationsOf(p: Population): Array<{ id: string; name: string; policy: OrganizationPolicyDto }> {
  const out = new Map<string, { id: string; name: string; policy: OrganizationPolicyDto }>();
  for (const o of p.organizations.values()) out.set(o.id, { id: o.id, name: o.name, policy: o.twoFactorPolicy ?? 'inherit' });
  for (const c of p.contacts) {
    const id = c.organizationId ?? '';
    if (!out.has(id)) out.set(id, { id, name: id, policy: 'inherit' });
  }
  return [...out.values()];
}

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

const zero = (): ReportCounts => ({ contacts: 0, enrolled: 0, skipped: 0, toEnroll: 0, exempt: 0, off: 0, locked: 0, resetRequested: 0, inGrace: 0 });

const STATE_COUNT: Record<ReportState, keyof ReportCounts> = { enrolled: 'enrolled', skipped: 'skipped', to_enroll: 'toEnroll', exempt: 'exempt', off: 'off' };

function count(into: ReportCounts, c: ReportContactDto): void {
  into.contacts++;
  into[STATE_COUNT[c.state]]++;
  if (c.locked) into.locked++;
  if (c.resetRequestedAt) into.resetRequested++;
  if (c.graceUntil) into.inGrace++;
}

function add(into: ReportCounts, more: ReportCounts): void {
  for (const key of Object.keys(into) as (keyof ReportCounts)[]) into[key] += more[key];
}

/** One portal's report, for its admins (`GET /admin/report`) and the platform (`tf.report()`). */
export async function portalReport(d: Deps): Promise<ReportDto> {
  const now = d.clock();
  const p = await readPopulation(d);
  const { settings, factors } = p;
  const organizations = organizationsOf(p);
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  const contacts = p.contacts.map((user): ReportContactDto => {
    const state = factors.states.get(user.id);
    const s = standing({ settings, now, applies: d.requiresTwoFactor(user), organization: policyOf(p, user.organizationId), factors: state });
    const lock = factors.locks.get(user.id);
    const enrollment = s.state === 'enrolled' ? state?.enrollment : null;
    const skip = state?.skip?.generation === settings.generation && !enrollment ? state.skip : null;
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      organizationId: user.organizationId ?? '',
      organizationName: names.get(user.organizationId ?? '') ?? '',
      state: s.state,
      locked: !!lock && (lock.hardLocked || (lock.lockedUntil !== null && lock.lockedUntil > now)),
      resetRequestedAt: iso(factors.resetRequests.get(user.id)),
      graceUntil: s.graceUntil,
      lastLoginAt: iso(factors.lastLogins.get(user.id)),
      enrolledAt: iso(enrollment?.enrolledAt),
      skippedAt: iso(skip?.skippedAt),
    };
  });
  // By organization, then by name: the order a spreadsheet of the CSV is read in.
  contacts.sort((a, b) => (a.organizationName === b.organizationName ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.organizationName < b.organizationName ? -1 : 1));

  const byOrganization = new Map<string, ReportOrganizationDto>(organizations.map((o) => [o.id, { ...o, ...zero() }]));
  const totals = zero();
  for (const c of contacts) {
    count(byOrganization.get(c.organizationId)!, c);
    count(totals, c);
  }
  const graceOn = settings.enabled && !settings.allowOptOut && settings.enforceFrom !== null && now < settings.enforceFrom;
  return {
    portal: { id: d.portal.id, name: d.portal.name },
    generatedAt: new Date(now).toISOString(),
    settings: { enabled: settings.enabled, allowOptOut: settings.allowOptOut, enforceFrom: dateOrNull(settings.enforceFrom), generation: settings.generation },
    graceUntil: graceOn ? formatDate(settings.enforceFrom!) : null,
    totals,
    // Organizations of no contact stay listed (0 everywhere); the '' group only when it has some.
    organizations: [...byOrganization.values()].filter((o) => o.id !== '' || o.contacts > 0),
    contacts,
  };
}

export async function adminReport(d: Deps, user: CbUser): Promise<ReportDto> {
  await requireAdmin(d, user, 'read');
  return portalReport(d);
}

/** The portals' reports as one, with their totals added up. */
export function platformReport(reports: ReportDto[], now: number): PlatformReportDto {
  const totals = zero();
  for (const r of reports) add(totals, r.totals);
  return { generatedAt: new Date(now).toISOString(), totals, portals: reports };
}

export { reportCsv, reportFileName } from './report-csv.js';
