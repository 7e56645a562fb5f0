/**
 * The demo's organizations and accounts (product spec §7), inserted idempotently: running it on
 * every start, from several processes at once, leaves one copy of each.
 * @module
 */
import type { PasswordHasher } from './crypto/password.js';
import type { Account, TwoFactorStore } from './store/store.js';

export type SeedAccount = Omit<Account, 'passwordHash'>;

export const demoOrganizations = [
  { id: 'org-demo', name: 'Demo Company' },
  { id: 'org-acme', name: 'Acme' },
];

export const demoAccounts: SeedAccount[] = [
  { id: 'usr-admin', email: 'admin@example.com', name: 'Portal Admin', organizationId: null, role: 'admin', masterAdmin: true },
  { id: 'usr-staff', email: 'staff@example.com', name: 'Portal Staff', organizationId: null, role: 'admin', masterAdmin: false },
  { id: 'usr-demo', email: 'demo@example.com', name: 'Demo Owner', organizationId: 'org-demo', role: 'contact', masterAdmin: false },
  { id: 'usr-pat', email: 'pat@example.com', name: 'Pat Contact', organizationId: 'org-demo', role: 'contact', masterAdmin: false },
  { id: 'usr-lee', email: 'lee@acme.example', name: 'Lee Acme', organizationId: 'org-acme', role: 'contact', masterAdmin: false },
];

export async function seedDemo(store: TwoFactorStore, hasher: PasswordHasher, password: string): Promise<void> {
  for (const org of demoOrganizations) await store.accounts.ensureOrganization(org);
  for (const account of demoAccounts) {
    if (await store.accounts.getAccount(account.id)) continue;
    await store.accounts.ensureAccount({ ...account, passwordHash: await hasher.hash(password) });
  }
}
