/**
 * The demo's organizations and accounts (product spec §7), inserted idempotently: running it on
 * every start, from several processes at once, leaves one copy of each. Each list seeds the store
 * of one portal: `seedDemo` the demo portal's, `seedNorthwind` Northwind's.
 * @module
 */
import type { PasswordHasher } from './crypto/password.js';
import type { Account, Organization, TwoFactorStore } from './store/store.js';

export type SeedAccount = Omit<Account, 'passwordHash'>;
export type SeedOrganization = Pick<Organization, 'id' | 'name'>;

export const demoOrganizations: SeedOrganization[] = [
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

/** Northwind IT, an MSP with its own portal; Contoso is one of its client organizations. */
export const northwindOrganizations: SeedOrganization[] = [{ id: 'org-contoso', name: 'Contoso' }];

export const northwindAccounts: SeedAccount[] = [
  { id: 'usr-nw-admin', email: 'admin@northwind.example', name: 'Northwind Admin', organizationId: null, role: 'admin', masterAdmin: true },
  { id: 'usr-nw-kim', email: 'kim@contoso.example', name: 'Kim Contoso', organizationId: 'org-contoso', role: 'contact', masterAdmin: false },
  // The demo portal's email again: in another portal it is another account, with its own password, phone and sessions.
  { id: 'usr-nw-demo', email: 'demo@example.com', name: 'Demo Contoso', organizationId: 'org-contoso', role: 'contact', masterAdmin: false },
];

export async function seedAccounts(
  store: TwoFactorStore,
  hasher: PasswordHasher,
  password: string,
  organizations: readonly SeedOrganization[],
  accounts: readonly SeedAccount[],
): Promise<void> {
  for (const org of organizations) await store.accounts.ensureOrganization(org);
  // One hash for the list: the accounts share a published password anyway, and at full strength
  // each hash costs a first start a few hundred milliseconds.
  let passwordHash: Promise<string> | undefined;
  for (const account of accounts) {
    if (await store.accounts.getAccount(account.id)) continue;
    await store.accounts.ensureAccount({ ...account, passwordHash: await (passwordHash ??= hasher.hash(password)) });
  }
}

export const seedDemo = (store: TwoFactorStore, hasher: PasswordHasher, password: string): Promise<void> =>
  seedAccounts(store, hasher, password, demoOrganizations, demoAccounts);

export const seedNorthwind = (store: TwoFactorStore, hasher: PasswordHasher, password: string): Promise<void> =>
  seedAccounts(store, hasher, password, northwindOrganizations, northwindAccounts);
