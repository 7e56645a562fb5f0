import type { PasswordHasher } from '../crypto/password.js';
import type { Account, AccountStore } from '../store/store.js';
import { normalizeEmail, type CbUser, type Identity } from './identity.js';

const toUser = (a: Account): CbUser => ({
  id: a.id,
  email: a.email,
  name: a.name,
  organizationId: a.organizationId,
  role: a.role,
  masterAdmin: a.masterAdmin,
});

/** The identity over our own `cb_accounts` table. */
export function builtinIdentity(accounts: AccountStore, hasher: PasswordHasher): Identity {
  return {
    async verifyPassword(email, password) {
      const account = await accounts.findAccountByEmail(normalizeEmail(email));
      if (!account) {
        await hasher.burn(password);
        return null;
      }
      return (await hasher.verify(password, account.passwordHash)) ? toUser(account) : null;
    },
    async getUser(id) {
      const account = await accounts.getAccount(id);
      return account ? toUser(account) : null;
    },
    async listContacts(organizationId) {
      return (await accounts.listContacts(organizationId)).map(toUser);
    },
  };
}
