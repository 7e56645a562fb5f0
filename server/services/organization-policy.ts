/**
 * Per organization, a Master Admin decides how the portal's 2FA applies to its contacts:
 * `inherit` (the portal's settings), `required` (2FA without "Skip for Now", even where the portal
 * allows opting out) or `exempt` (no 2FA). A host identity's organizations that are not in our
 * table inherit.
 * @module
 */
import type { OrganizationDto } from '../../protocol/dto.js';
import { CbError } from '../errors.js';
import { joinedOrganizationPolicy } from '../identity/builtin.js';
import type { CbUser } from '../identity/identity.js';
import type { OrganizationPolicy } from '../store/store.js';
import { requireAdmin } from './admin.js';
import type { Deps, RequestFacts } from './deps.js';

export async function organizationPolicyOf(d: Deps, user: CbUser): Promise<OrganizationPolicy> {
  if (!user.organizationId) return 'inherit';
  const joined = joinedOrganizationPolicy(user);
  if (joined) return joined;
  return (await d.store.accounts.getOrganization(user.organizationId))?.twoFactorPolicy ?? 'inherit';
}

export async function setOrganizationPolicy(d: Deps, req: RequestFacts, admin: CbUser, id: string, policy: OrganizationPolicy): Promise<OrganizationDto> {
  await requireAdmin(d, admin, 'settings');
  const before = await d.store.accounts.getOrganization(id);
  // Another portal's organization is not there for this portal's admin: the same 404 as none.
  if (!before) throw new CbError('not_found', 'No such organization.');
  const after = (await d.store.accounts.setOrganizationPolicy(id, policy))!;
  await d.store.audit({
    at: d.clock(),
    type: 'organization.policy_changed',
    actorId: admin.id,
    subjectId: null,
    ip: req.ip,
    detail: { organizationId: id, before: before.twoFactorPolicy ?? 'inherit', after: policy },
  });
  return { id: after.id, name: after.name, policy: after.twoFactorPolicy ?? 'inherit' };
}
