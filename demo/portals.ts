/**
 * The demo's two portals (product spec §7): `demo` on every host but one, `northwind` on
 * `northwind.localhost` (and `northwind.<public host>`), each with its own record, seeded accounts
 * and header colour, in one database.
 * @module
 */
import type { Context } from 'hono';
import { PortalExistsError, type PasswordHasher, type PortalInput, type TrustedProxy, type TwoFactor, type TwoFactorStore } from '../server/index.js';
import { publicOrigin } from '../server/middleware/public-origin.js';
import { seedDemo, seedNorthwind } from '../server/seed.js';
import type { Branding } from './portal/branding.js';

export const MAIN_PORTAL = 'demo';
export const NORTHWIND_PORTAL = 'northwind';

export interface DemoPortal {
  input: PortalInput;
  /** The page header's colour: the demo's own chrome, which the portal record does not hold. */
  header: string;
  seed(store: TwoFactorStore, hasher: PasswordHasher, password: string): Promise<void>;
}

/** `localhost` and `northwind.localhost`, or the public host and `northwind.` before it; null for none. */
export const northwindDomain = (mainDomain: string | undefined): string | null =>
  mainDomain ? (mainDomain.startsWith('northwind.') ? mainDomain : `northwind.${mainDomain}`) : null;

/** Neither names itself in the SMS apart from its name, so a rename changes the text too. */
export function demoPortals(branding: Branding, mainDomain: string | undefined): DemoPortal[] {
  return [
    {
      input: {
        id: MAIN_PORTAL,
        name: branding.portalName,
        logoUrl: branding.logoUrl,
        accent: branding.colors.accent,
        sms: { locale: 'en', webOtpDomain: mainDomain ?? null },
      },
      header: branding.colors.header,
      seed: seedDemo,
    },
    {
      input: {
        id: NORTHWIND_PORTAL,
        name: 'Northwind IT Portal',
        logoUrl: '/assets/northwind-logo.svg',
        accent: '#0f766e',
        sms: { locale: 'en', webOtpDomain: northwindDomain(mainDomain) },
      },
      header: '#134e4a',
      seed: seedNorthwind,
    },
  ];
}

/**
 * The portal of a request, by the host the browser used: the `Host` header, or a declared proxy's
 * forwarded host (`policy.trustProxy`), never an undeclared one's, which any client can send.
 */
export function portalOfRequest(c: Context, trustProxy: false | TrustedProxy, mainDomain: string | undefined): string {
  const host = publicOrigin(c.req.raw, trustProxy).host.replace(/:\d+$/, '');
  return host === 'northwind.localhost' || host === northwindDomain(mainDomain) ? NORTHWIND_PORTAL : MAIN_PORTAL;
}

/**
 * The portal records of a plain `npm start` (demo/branding.json as shipped, no BRAND_*, no
 * PUBLIC_URL): constants of the demo's own, which pass `tf.portals.create`'s input checks
 * (test/server/demo-portals.test.ts runs them). Only an input equal to one of these skips the
 * checks, which are zod and most of a first start's module loading; every other one (a branding
 * or a public host from the environment, a host's config) is checked.
 */
const SHIPPED_INPUTS: readonly string[] = (
  [
    { id: MAIN_PORTAL, name: 'Demo Portal', logoUrl: null, accent: '#0a58ca', sms: { locale: 'en', webOtpDomain: 'localhost' } },
    { id: NORTHWIND_PORTAL, name: 'Northwind IT Portal', logoUrl: '/assets/northwind-logo.svg', accent: '#0f766e', sms: { locale: 'en', webOtpDomain: 'northwind.localhost' } },
  ] satisfies PortalInput[]
).map((input) => JSON.stringify(input));

/** Whether `input` is one of the shipped constants above (same fields, values and order). */
export const isShippedInput = (input: PortalInput): boolean => SHIPPED_INPUTS.includes(JSON.stringify(input));

/**
 * Creates each portal that is missing (another instance may be creating it at the same moment) and
 * seeds it. A portal that exists is left as it is: its branding was taken when it was created, and
 * a later start need not load the input checks of `tf.portals.create`. A shipped input goes to the
 * store as it is; it runs before the app serves a request, so no cached view of the portal is left
 * to drop, and other instances read the new record as they would after `tf.portals.create`.
 */
export async function ensurePortals(tf: TwoFactor, portals: DemoPortal[], hasher: PasswordHasher, password: string, now: () => number = Date.now): Promise<void> {
  for (const portal of portals) {
    if (!(await tf.portals.get(portal.input.id))) {
      try {
        if (isShippedInput(portal.input)) await tf.store.portals.create(portal.input, now());
        else await tf.portals.create(portal.input);
      } catch (err) {
        if (!(err instanceof PortalExistsError)) throw err;
      }
    }
    await portal.seed(tf.storeFor(portal.input.id), hasher, password);
  }
}
