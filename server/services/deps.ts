import type { Hmac } from '../crypto/hash.js';
import type { PasswordHasher } from '../crypto/password.js';
import type { RandomSource } from '../crypto/random.js';
import type { CbUser, Identity } from '../identity/identity.js';
import type { Policy } from '../policy.js';
import type { SmsSender } from '../providers/sms.js';
import type { TwoFactorStore } from '../store/store.js';
import type { Sending } from './sending.js';
import type { PortalView } from '../portal-context.js';

export type AdminAction = 'read' | 'reset' | 'settings';

/** Everything a service needs, injected: no `Date.now()`, no `Math.random()`, no globals. */
export interface Deps {
  store: TwoFactorStore;
  identity: Identity;
  sms: SmsSender;
  hmac: Hmac;
  hasher: PasswordHasher;
  policy: Policy;
  clock: () => number;
  random: RandomSource;
  appName: string;
  /** Whether 2FA applies to this user at all (portal admins sign in with the password alone). */
  requiresTwoFactor: (user: CbUser) => boolean;
  authorizeAdmin: (user: CbUser, action: AdminAction) => boolean | Promise<boolean>;
  /** Verify mode, delivery status and the daily SMS budget; `createTwoFactor` always sets it. */
  sending?: Sending;
  /** The portal the request is for; `store` and `identity` are scoped to it. */
  portal: PortalView;
  /** SMS all portals together may send a UTC day; null for no such budget. */
  platformDailySmsBudget: number | null;
}

/** Facts about the HTTP request that services need. */
export interface RequestFacts {
  /** Client IP, for the audit log. */
  ip: string;
  /** The IP's rate-limit group: IPv4 as is, IPv6 by /64. */
  ipGroup: string;
  /** The configured domain of the WebOTP line (`@domain #123456`); without one the line is left out. Never the request's `Host`. */
  domain: string | undefined;
}
