/**
 * `tf.portals`: the host creates, changes and lists its portals. Input is checked here, once for
 * every store, and a change is seen at once by this instance (its cache of the portal is dropped)
 * and within `PORTAL_CACHE_MS` by every other.
 * @module
 */
import { z } from 'zod';
import { PORTAL_ID } from './portal-context.js';
import type { Portal, PortalInput, PortalPatch, TwoFactorStore } from './store/store.js';

export interface PortalsApi {
  /** Throws on bad input, and when the id is taken (`PortalExistsError`). */
  create(input: PortalInput): Promise<Portal>;
  /** Null when there is no such portal. */
  update(id: string, patch: PortalPatch): Promise<Portal | null>;
  get(id: string): Promise<Portal | null>;
  list(): Promise<Portal[]>;
}

const httpUrl = z
  .string()
  .max(2048)
  .refine((v) => /^(https?:\/\/|\/)/i.test(v), 'an http(s) URL or a path');
const accent = z
  .string()
  .max(64)
  .regex(/^(#[0-9a-fA-F]{3,8}|(rgb|hsl|oklch)a?\([0-9.,%\s/a-z-]+\))$/, 'a CSS color: #hex, rgb(), hsl() or oklch()');
// One label too (`localhost`, as `smsDomain` allows): a development portal's WebOTP line names it.
const host = z
  .string()
  .max(253)
  .regex(/^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'a host name such as login.example.com');

const patchSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    logoUrl: httpUrl.nullable(),
    accent: accent.nullable(),
    allowedCountries: z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2, upper case')).min(1).max(250).nullable(),
    dailySmsBudget: z.number().int().min(1).max(10_000_000).nullable(),
    sms: z
      .object({
        name: z.string().trim().min(1).max(60).nullable(),
        from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164').nullable(),
        messagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'a Messaging Service SID (MG…)').nullable(),
        locale: z.enum(['en', 'es', 'fr', 'de']),
        webOtpDomain: host.nullable(),
      })
      .partial()
      .strict(),
    policies: z
      .object({
        voiceFallback: z.boolean(),
        trustDeviceDays: z.number().int().min(0).max(90),
        recoveryCodes: z.boolean(),
        selfServicePhoneChange: z.boolean(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

const inputSchema = patchSchema.extend({ id: z.string().regex(PORTAL_ID, 'lower-case letters, digits and dashes'), name: z.string().trim().min(1).max(80) });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
  throw new TypeError(`cb-2fa portals: ${why}`);
}

export function portalsApi(store: TwoFactorStore, clock: () => number, changed: (id: string) => void): PortalsApi {
  return {
    async create(input) {
      const portal = await store.portals.create(parse(inputSchema, input) as PortalInput, clock());
      changed(portal.id);
      return portal;
    },
    async update(id, patch) {
      const portal = await store.portals.update(id, parse(patchSchema, patch) as PortalPatch, clock());
      changed(id);
      return portal;
    },
    get: (id) => store.portals.get(id),
    list: () => store.portals.list(),
  };
}
