/**
 * Before "Save" (product spec §11, "Turning 2FA on without locking people out"): how many contacts
 * of each organization settings not saved yet would ask to enroll at their next login. The rule is
 * the report's (`standing`), under the proposed settings: a change that turns 2FA on starts a new
 * generation, so it counts everyone who would have to enroll again.
 * @module
 */
import type { SettingsPreviewDto } from '../../protocol/dto.js';
import type { CbUser } from '../identity/identity.js';
import { requireAdmin } from './admin.js';
import { parseDate } from './deadline.js';
import type { Deps } from './deps.js';
import { organizationPolicyOf } from './organization-policy.js';
import { organizationsOf, policyOf, readPopulation } from './report.js';
import { nextGeneration, standing, type StandingInput } from './standing.js';

/** Any field left out is the saved one's; `enforceFrom` is a date (checked by the route) or null. */
export interface ProposedSettings {
  enabled?: boolean;
  allowOptOut?: boolean;
  enforceFrom?: string | null;
}

export async function previewSettings(d: Deps, admin: CbUser, proposed: ProposedSettings): Promise<SettingsPreviewDto> {
  await requireAdmin(d, admin, 'read');
  const now = d.clock();
  const p = await readPopulation(d);
  const current = p.settings;
  const enabled = proposed.enabled ?? current.enabled;
  const settings: StandingInput['settings'] = {
    enabled,
    allowOptOut: proposed.allowOptOut ?? current.allowOptOut,
    enforceFrom: proposed.enforceFrom === undefined ? current.enforceFrom : proposed.enforceFrom === null ? null : parseDate(proposed.enforceFrom),
    generation: nextGeneration(current, enabled),
  };
  const asked = (user: CbUser, organization: StandingInput['organization']) =>
    standing({ settings, now, applies: d.requiresTwoFactor(user), organization, factors: p.factors.states.get(user.id) }).state === 'to_enroll';

  const byOrganization = new Map(organizationsOf(p).map((o) => [o.id, { id: o.id, name: o.name, willEnroll: 0 }]));
  let willEnroll = 0;
  for (const contact of p.contacts) {
    if (!asked(contact, policyOf(p, contact.organizationId))) continue;
    willEnroll++;
    byOrganization.get(contact.organizationId ?? '')!.willEnroll++;
  }
  return {
    willEnroll,
    byOrganization: [...byOrganization.values()].filter((o) => o.id !== '' || o.willEnroll > 0),
    // The admin saving is not a contact (by default 2FA does not apply to admins at all); with a
    // host's `requiresTwoFactor` that includes them, they are told before they save.
    includesYou: asked(admin, await organizationPolicyOf(d, admin)),
  };
}
