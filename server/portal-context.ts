/**
 * The portal of a request, and the services' dependencies for it. A request names its portal
 * through the host's resolver (`createTwoFactor({ portal })`); its record is read once and kept
 * for `PORTAL_CACHE_MS`, so a busy portal costs no database read per request, while a change made
 * on another instance is seen within that time, and one made through this instance (`tf.portals`,
 * the settings route) at once.
 * @module
 */
import type { Context } from 'hono';
import { CbError } from './errors.js';
import type { Identity } from './identity/identity.js';
import type { Policy } from './policy.js';
import type { SmsSender } from './providers/sms.js';
import type { Deps } from './services/deps.js';
import { defaultPolicies } from './store/drizzle/portal-row.js';
import type { Portal, TwoFactorStore } from './store/store.js';

/** Below the 5 seconds within which every instance must see a change. */
export const PORTAL_CACHE_MS = 4_000;

/** Without a resolver, every request is this portal's. */
export const DEFAULT_PORTAL = 'default';

export const PORTAL_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export type PortalResolver = (c: Context) => string | null | undefined | Promise<string | null | undefined>;

/** A portal as the services use it: every field the record leaves open filled from the options. */
export interface PortalView extends Portal {
  /** The name in the SMS: the record's, else `appName`. */
  name: string;
  /** The name the login page may show: the record's only, so an unbranded portal keeps "YOUR LOGO HERE". */
  brandName: string | null;
  allowedCountries: string[];
}

export interface PortalDefaults {
  appName: string;
  smsDomain: string | undefined;
  policy: Policy;
  dailySmsBudget: number | null;
}

export interface PortalContexts {
  /** The dependencies for the request's portal; 404 for a portal that does not exist. */
  forRequest(c: Context): Promise<Deps>;
  /** The dependencies of one portal by id, or null when it does not exist. */
  forPortal(id: string): Promise<Deps | null>;
  /** Forgets what this instance knows of a portal: its next request reads it afresh. */
  invalidate(id: string): void;
}

export function view(record: Portal | null, id: string, defaults: PortalDefaults): PortalView {
  const base: Portal = record ?? {
    id,
    name: null,
    logoUrl: null,
    accent: null,
    sms: { name: null, from: null, messagingServiceSid: null, locale: 'en', webOtpDomain: null },
    allowedCountries: null,
    dailySmsBudget: null,
    policies: defaultPolicies,
    createdAt: 0,
    updatedAt: null,
  };
  // The options speak for the `default` portal wherever its record is silent; another portal's
  // WebOTP domain is its own or none, never the deployment's.
  const isDefault = id === DEFAULT_PORTAL;
  return {
    ...base,
    name: base.name ?? defaults.appName,
    brandName: base.name,
    sms: { ...base.sms, webOtpDomain: base.sms.webOtpDomain ?? (isDefault ? (defaults.smsDomain ?? null) : null) },
    allowedCountries: base.allowedCountries ?? defaults.policy.allowedCountries,
    dailySmsBudget: base.dailySmsBudget ?? defaults.dailySmsBudget,
  };
}

export function portalContexts(options: {
  base: Omit<Deps, 'store' | 'identity' | 'portal' | 'sms'>;
  store: TwoFactorStore;
  resolver: PortalResolver | undefined;
  identityFor: (store: TwoFactorStore, portalId: string) => Identity;
  smsFor: (portal: PortalView) => SmsSender;
  defaults: PortalDefaults;
}): PortalContexts {
  const { base, store, resolver, defaults } = options;
  const cache = new Map<string, { at: number; deps: Deps | null }>();

  const build = (record: Portal | null, id: string): Deps => {
    const portal = view(record, id, defaults);
    const scoped = store.forPortal(id);
    return {
      ...base,
      store: scoped,
      identity: options.identityFor(scoped, id),
      portal,
      sms: options.smsFor(portal),
      appName: portal.sms.name ?? portal.name,
      policy: portal.allowedCountries === base.policy.allowedCountries ? base.policy : { ...base.policy, allowedCountries: portal.allowedCountries },
      sending: base.sending ? { ...base.sending, dailyBudget: portal.dailySmsBudget } : base.sending,
    };
  };

  const forPortal = async (id: string): Promise<Deps | null> => {
    const now = base.clock();
    const hit = cache.get(id);
    if (hit && now - hit.at < PORTAL_CACHE_MS && now >= hit.at) return hit.deps;
    const record = await store.portals.get(id);
    // Without a resolver the one portal needs no record; with one, only created portals exist.
    const deps = record || (!resolver && id === DEFAULT_PORTAL) ? build(record, id) : null;
    cache.set(id, { at: now, deps });
    return deps;
  };

  return {
    forPortal,
    invalidate: (id) => void cache.delete(id),
    async forRequest(c) {
      const id = resolver ? await resolver(c) : DEFAULT_PORTAL;
      const deps = typeof id === 'string' && PORTAL_ID.test(id) ? await forPortal(id) : null;
      if (!deps) throw new CbError('not_found', 'There is no such portal.');
      return deps;
    },
  };
}
