import type { PasswordHasher } from '../crypto/password.js';
import type { Account, AccountStore, OrganizationPolicy } from '../store/store.js';
import { normalizeEmail, type CbUser, type Identity, type PasswordCheck } from './identity.js';

/**
 * The organization policy read with each built-in user. Kept beside the user rather than on it:
 * a `CbUser` is what the responses show, and the policy is the admin's business.
 */
const policies = new WeakMap<CbUser, OrganizationPolicy>();

/** The policy read with a built-in user; undefined for another identity's user (read it then). */
export const joinedOrganizationPolicy = (user: CbUser): OrganizationPolicy | undefined => policies.get(user);

/** The identities made by `builtinIdentity`: their users can be read joined with the session. */
const builtins = new WeakSet<Identity>();

/** Whether this is the built-in identity over the portal's own `cb_accounts`. */
export const isBuiltinIdentity = (identity: Identity): boolean => builtins.has(identity);

/** A built-in account as the user the responses show (its policy kept beside it). */
export const toUser = (a: Account): CbUser => {
  const user: CbUser = { id: a.id, email: a.email, name: a.name, organizationId: a.organizationId, role: a.role, masterAdmin: a.masterAdmin };
  policies.set(user, a.organizationPolicy ?? 'inherit');
  return user;
};

/** The identity over our own `cb_accounts` table. */
export function builtinIdentity(accounts: AccountStore, hasher: PasswordHasher): Identity {
  const checkPassword = async (email: string, password: string): Promise<PasswordCheck> => {
    const account = await accounts.findAccountByEmail(normalizeEmail(email));
    if (!account) {
      await hasher.burn(password);
      return { user: null, subjectId: null };
    }
    if (!(await hasher.verify(password, account.passwordHash))) return { user: null, subjectId: account.id };
    // Only a sign-in knows the password, so only a sign-in can move an old hash to the current parameters.
    if (hasher.needsRehash?.(account.passwordHash)) {
      await accounts.updatePasswordHash(account.id, await hasher.hash(password), account.passwordHash);
    }
    return { user: toUser(account) };
  };
  const identity: Identity = {
    checkPassword,
    async verifyPassword(email, password) {
      return (await checkPassword(email, password)).user;
    },
    async getUser(id) {
      const account = await accounts.getAccount(id);
      return account ? toUser(account) : null;
    },
    async listContacts(organizationId) {
      return (await accounts.listContacts(organizationId)).map(toUser);
    },
  };
  builtins.add(identity);
  return identity;
}
