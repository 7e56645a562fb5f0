/**
 * The admin side: the Two Factor Authentication settings (Master Admin only) and the per-contact
 * reset (seed, Troubleshooting).
 * @module
 */
import type { AuditEventDto, ContactDto, SettingsDto, SettingsUpdateRequest } from '../../protocol/dto.js';
import { CbError } from '../errors.js';
import type { CbUser } from '../identity/identity.js';
import { maskPhone } from '../phone.js';
import type { FactorState, PortalPolicies, Settings } from '../store/store.js';
import { dateOrNull, parseDate } from './deadline.js';
import type { AdminAction, Deps, RequestFacts } from './deps.js';
import { trustMaxAgeMs } from './trust-days.js';
import { recoveryCodesLeft } from './recovery-codes.js';

export async function requireAdmin(d: Deps, user: CbUser, action: AdminAction): Promise<void> {
  if (!(await d.authorizeAdmin(user, action))) {
    throw new CbError('forbidden', action === 'settings' ? 'Changing these settings needs the Master Admin privilege.' : 'This needs an administrator.');
  }
}

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

const POLICY_KEYS = ['recoveryCodes', 'voiceFallback', 'trustDeviceDays', 'selfServicePhoneChange'] as const satisfies readonly (keyof PortalPolicies)[];

async function settingsDto(d: Deps, user: CbUser, s: Settings, policies: PortalPolicies = d.portal.policies): Promise<SettingsDto> {
  return {
    enabled: s.enabled,
    allowOptOut: s.allowOptOut,
    generation: s.generation,
    updatedAt: iso(s.updatedAt),
    enforceFrom: dateOrNull(s.enforceFrom),
    canEdit: await d.authorizeAdmin(user, 'settings'),
    recoveryCodes: policies.recoveryCodes,
    voiceFallback: policies.voiceFallback,
    trustDeviceDays: policies.trustDeviceDays,
    selfServicePhoneChange: policies.selfServicePhoneChange,
  };
}

/** What the audit log keeps of the settings: the deadline as the admin wrote it. */
const audited = (s: Pick<Settings, 'enabled' | 'allowOptOut' | 'enforceFrom'>) => ({ enabled: s.enabled, allowOptOut: s.allowOptOut, enforceFrom: dateOrNull(s.enforceFrom) });

export async function readSettings(d: Deps, user: CbUser): Promise<SettingsDto> {
  await requireAdmin(d, user, 'read');
  return settingsDto(d, user, await d.store.getSettings());
}

/**
 * `enforceFrom` is a date (`2027-01-15`, checked by the route), null to remove the deadline, or
 * left out to keep it.
 */
export async function writeSettings(
  d: Deps,
  req: RequestFacts,
  user: CbUser,
  next: SettingsUpdateRequest,
): Promise<SettingsDto> {
  await requireAdmin(d, user, 'settings');
  const enforceFrom = next.enforceFrom === undefined || next.enforceFrom === null ? next.enforceFrom : parseDate(next.enforceFrom);
  if (enforceFrom === null && typeof next.enforceFrom === 'string') throw new CbError('bad_request', 'enforceFrom must be a date such as 2027-01-15.', { fields: ['enforceFrom'] });
  const before = await d.store.getSettings();
  const after = await d.store.updateSettings({ enabled: next.enabled, allowOptOut: next.allowOptOut, enforceFrom }, d.clock(), user.id);
  // The §10 policies live in the portal's record (its row exists now: updateSettings wrote it).
  // The audit names a policy when the request set it, so a change of the deadline alone reads as one.
  const named = POLICY_KEYS.filter((k) => next[k] !== undefined);
  const changed: Partial<PortalPolicies> = {};
  for (const k of named) if (next[k] !== d.portal.policies[k]) Object.assign(changed, { [k]: next[k] });
  let policies = d.portal.policies;
  if (Object.keys(changed).length > 0) {
    const portal = await d.store.portals.update(d.store.portalId, { policies: changed }, d.clock());
    policies = portal?.policies ?? { ...policies, ...changed };
  }
  const pick = (p: PortalPolicies) => Object.fromEntries(named.map((k) => [k, p[k]]));
  const policiesBefore = pick(d.portal.policies);
  const policiesAfter = pick(policies);
  await d.store.audit({
    at: d.clock(),
    type: 'settings.changed',
    actorId: user.id,
    subjectId: null,
    ip: req.ip,
    detail: { before: { ...audited(before), ...policiesBefore }, after: { ...audited(after), ...policiesAfter }, generation: after.generation },
  });
  return settingsDto(d, user, after, policies);
}

function contactDto(
  contact: CbUser,
  settings: Settings,
  state: FactorState | undefined,
  locked: boolean,
  lastLogin: number | undefined,
  organizationPolicy: ContactDto['organizationPolicy'],
  recoveryCodesLeft: number | null,
): Omit<ContactDto, 'trustedDevices' | 'resetRequestedAt'> {
  const enrollment = state?.enrollment?.generation === settings.generation ? state.enrollment : null;
  const skip = !enrollment && state?.skip?.generation === settings.generation ? state.skip : null;
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    organizationId: contact.organizationId ?? '',
    organizationPolicy,
    lastLoginAt: iso(lastLogin),
    twoFactor: {
      state: enrollment ? 'enrolled' : skip ? 'skipped' : 'none',
      maskedPhone: enrollment ? maskPhone(enrollment.phone) : null,
      enrolledAt: iso(enrollment?.enrolledAt),
      skippedAt: iso(skip?.skippedAt),
      locked,
      recoveryCodesLeft,
    },
  };
}

async function describe(d: Deps, contacts: CbUser[]): Promise<ContactDto[]> {
  const ids = contacts.map((c) => c.id);
  const now = d.clock();
  const maxAge = await trustMaxAgeMs(d);
  const [settings, states, logins, locks, organizations, left, devices, resets] = await Promise.all([
    d.store.getSettings(),
    d.store.getFactorStates(ids),
    d.store.lastLogins(ids),
    Promise.all(ids.map((id) => d.store.getCodeLock(id))),
    d.store.accounts.listOrganizations(),
    recoveryCodesLeft(d, ids),
    maxAge > 0 ? d.store.countTrustedDevices(ids, now, maxAge) : new Map<string, number>(),
    d.store.resetRequestTimes(ids),
  ]);
  const policies = new Map(organizations.map((o) => [o.id, o.twoFactorPolicy ?? 'inherit']));
  return contacts.map((c, i) => {
    const lock = locks[i];
    const locked = !!lock && (lock.hardLocked || (lock.lockedUntil !== null && lock.lockedUntil > now));
    return { ...contactDto(c, settings, states.get(c.id), locked, logins.get(c.id), (c.organizationId && policies.get(c.organizationId)) || 'inherit', left(c.id)), trustedDevices: devices.get(c.id) ?? 0, resetRequestedAt: iso(resets.get(c.id)) };
  });
}

export async function listContacts(d: Deps, user: CbUser, organizationId?: string): Promise<ContactDto[]> {
  await requireAdmin(d, user, 'read');
  return describe(d, await d.identity.listContacts(organizationId));
}

/**
 * Clears one contact's enrollment, skip preference and lock, and ends their sessions; nobody
 * else is touched. Audited with the admin's id.
 */
export async function resetContact(d: Deps, req: RequestFacts, admin: CbUser, contactId: string): Promise<ContactDto> {
  await requireAdmin(d, admin, 'reset');
  const contact = await d.identity.getUser(contactId);
  if (!contact || contact.role !== 'contact') throw new CbError('not_found', 'No such contact.');
  await d.store.resetTwoFactor(contact.id);
  await d.store.audit({ at: d.clock(), type: 'two_factor.reset', actorId: admin.id, subjectId: contact.id, ip: req.ip });
  const [dto] = await describe(d, [contact]);
  return dto!;
}

/** Recent security events, newest first, for the admin's audit view. */
export async function listAudit(d: Deps, user: CbUser, options: { limit?: number; subjectId?: string }): Promise<AuditEventDto[]> {
  await requireAdmin(d, user, 'read');
  const events = await d.store.listAudit({ limit: options.limit ?? 100, subjectId: options.subjectId });
  return events.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), type: e.type, actorId: e.actorId, subjectId: e.subjectId, ip: e.ip, detail: e.detail ?? null }));
}
