/**
 * The HTTP contract (product spec §4) as zod schemas: the request schemas are the ones the router
 * validates with, the response schemas describe what `dto.ts` types. Both feed the OpenAPI
 * document (`server/openapi/`), so the document cannot drift from the validation.
 *
 * Server-side only: `protocol/index.ts` does not re-export this module, so the elements, which
 * import the protocol's routes, codes and types, never load zod.
 * @module
 */
import { z } from 'zod';
import { CB_ERROR_CODES, type CbErrorCode } from './errors.js';

// ---- Requests: what the router accepts. Changing one changes what the API refuses. ----

export const loginBody = z
  .object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) })
  .meta({ id: 'CbLoginRequest' });

export const phoneBody = z
  .object({
    phone: z.string().min(1).max(40).meta({ description: 'E.164 (`+12025550143`), or any common national format with `country`.' }),
    country: z.string().regex(/^[A-Za-z]{2}$/).optional().meta({ description: 'ISO 3166 country of a national-format `phone` (`US`).' }),
  })
  .meta({ id: 'CbEnrollPhoneRequest' });

/**
 * Any value passes here, as long as `code` is present: the code itself is checked by the service,
 * so that a malformed one still counts as a wrong try (and cannot probe the limit for free).
 */
export const codeBody = z
  .object({
    code: z
      .custom<unknown>((v) => v !== undefined)
      .meta({ description: 'The digits of the SMS, as a string. A malformed code is not refused as bad input: it counts as a wrong try.', examples: ['123456'] }),
  })
  .meta({ id: 'CbCodeRequest' });

export const settingsBody = z
  .object({
    enabled: z.boolean(),
    allowOptOut: z.boolean(),
    recoveryCodes: z.boolean().optional().meta({ description: 'Offer recovery codes (§10); left out keeps the setting.' }),
    voiceFallback: z.boolean().optional().meta({ description: 'Offer "Call me instead" (§10); left out keeps the setting.' }),
    trustDeviceDays: z.number().int().min(0).max(90).optional().meta({ description: 'Offer "Trust this device" for this many days, 1 to 90; 0 turns it off (§10). Left out keeps the setting.' }),
    selfServicePhoneChange: z.boolean().optional().meta({ description: 'Let users change their own phone with a fresh second factor (§10); left out keeps the setting.' }),
  })
  .meta({ id: 'CbSettingsRequest' });

/**
 * `POST /verify`: the SMS code, or a recovery code instead (when the portal offers them). As with
 * `code`, any value passes here: a malformed recovery code still counts as a wrong try.
 */
export const verifyBody = z
  .object({
    code: z
      .custom<unknown>((v) => v !== undefined)
      .optional()
      .meta({ description: 'The digits of the SMS, as a string; a malformed code counts as a wrong try.', examples: ['123456'] }),
    recoveryCode: z
      .custom<unknown>((v) => v !== undefined)
      .optional()
      .meta({ description: 'Instead of `code`: one of the account\'s recovery codes, `xxxxx-xxxxx-xxxxx` (the dashes and case do not matter).', examples: ['7k3mq-x9p2d-h4tzr'] }),
    trustDevice: z.boolean().optional().meta({ description: 'With a right `code`: also set the device cookie, so that this browser\'s next password logins skip the SMS for the portal\'s `trustDeviceDays`. Ignored with `recoveryCode` and while the policy is off.' }),
  })
  // Without either, the answer names `code`, the field of the usual sign-in.
  .refine((b) => b.code !== undefined || b.recoveryCode !== undefined, { message: 'code or recoveryCode is required', path: ['code'] })
  .meta({ id: 'CbVerifyRequest', description: 'One of `code` and `recoveryCode`; with both, `code` counts.' });

/** `POST /reset-request` ("I lost my phone"). */
export const resetRequestBody = z
  .object({ reason: z.string().max(500).optional().meta({ description: 'Why, in the user\'s words (at most 500 characters); kept only in the audit event.' }) })
  .passthrough()
  .meta({ id: 'CbResetRequest' });

export const organizationPolicyBody = z
  .object({ policy: z.enum(['inherit', 'required', 'exempt']) })
  .meta({ id: 'CbOrganizationPolicyRequest' });

/** `POST /resend`: `channel: "voice"` has the code read out in a call ("Call me instead"). */
export const resendBody = z
  .object({ channel: z.enum(['sms', 'voice']).optional().meta({ description: '`voice` reads the new code out in a phone call, where the portal\'s `voiceFallback` allows it (else 403 `forbidden`). Default `sms`.' }) })
  .passthrough()
  .meta({ id: 'CbResendRequest' });

/** The body of a route that takes none: absent, or any JSON object (its members are ignored). */
export const emptyBody = z.object({}).passthrough();

export const contactsQuery = z.object({
  organizationId: z.string().min(1).max(128).optional().meta({ description: 'Only the contacts of this organization.' }),
});

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: 'At most this many events, newest first.' }),
  subjectId: z.string().min(1).max(128).optional().meta({ description: 'Only the events about this user.' }),
});

// ---- Responses: the shapes of `dto.ts`. test/server/openapi.test.ts holds them to those types
// and to what the router really answers. ----

const isoTime = z.string().meta({ format: 'date-time' });
const maskedPhone = z.string().meta({ description: 'The phone with all but its last digits hidden (`+1 ••• ••• 0143`).' });
const resendAt = isoTime.meta({ description: 'When a resend can succeed (ISO time).' });
const isoDate = z.string().meta({ format: 'date', examples: ['2027-01-15'] });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    organizationId: z.string().nullable(),
    role: z.enum(['contact', 'admin']).meta({ description: '`contact` for organization logins (2FA applies); `admin` for portal staff.' }),
    masterAdmin: z.boolean().meta({ description: 'Portal admins with the Master Admin privilege may change settings.' }),
  })
  .meta({ id: 'CbUser', description: 'A signed-in user.' });

export const portalFaceSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: 'Display name; empty for an unbranded portal.' }),
    logoUrl: z.string().nullable(),
    accent: z.string().nullable().meta({ description: 'A CSS color; null keeps the theme\'s.' }),
    locale: z.string(),
    allowedCountries: z.array(z.string()),
    recoveryCodes: z.boolean().meta({ description: 'Whether the verify step offers "Use a recovery code".' }),
    voiceFallback: z.boolean().meta({ description: 'Whether the confirm and verify steps offer "Call me instead".' }),
    trustDeviceDays: z.number().int().meta({ description: 'How long "Trust this device" lasts, in days; 0: the verify step does not offer it.' }),
    selfServicePhoneChange: z.boolean().meta({ description: 'Whether a signed-in user may change their own phone.' }),
  })
  .meta({ id: 'CbPortalFace', description: 'The public face of the request\'s portal, as its sign-in page shows it.' });

export const stepSchema = z
  .discriminatedUnion('step', [
    z.object({ step: z.literal('authenticated'), user: userSchema }),
    z.object({
      step: z.literal('enroll'),
      canSkip: z.boolean(),
      skipUntil: isoDate.optional().meta({ description: '"Skip for Now" is offered only until this day (the portal\'s `enforceFrom`).' }),
    }),
    z.object({ step: z.literal('confirm'), maskedPhone, resendAt }),
    z.object({ step: z.literal('verify'), maskedPhone, resendAt }),
    z.object({ step: z.literal('login') }),
  ])
  .meta({ id: 'CbStep', description: 'Where a login stands; the elements show the step named.' });

export const confirmStepSchema = z
  .object({ step: z.literal('confirm'), maskedPhone, resendAt })
  .meta({ id: 'CbConfirmStep', description: 'A code went to the phone; confirm it.' });

export const codeSentSchema = z.object({ maskedPhone, resendAt }).meta({ id: 'CbCodeSent' });

export const resentSchema = z
  .object({ maskedPhone, resendAt, channel: z.enum(['sms', 'voice']).meta({ description: 'How the code went out: a text, or a call.' }) })
  .meta({ id: 'CbResent' });

const deliveryStatus = z.enum(['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed']);

export const deliverySchema = z
  .object({
    status: deliveryStatus.nullable().meta({ description: 'Null when delivery is not tracked or not yet known.' }),
    failed: z.boolean().meta({ description: 'The code will not arrive: offer a resend or another number.' }),
  })
  .meta({ id: 'CbDelivery' });

export const sessionSchema = z
  .object({
    user: userSchema,
    twoFactor: z.object({ enrolled: z.boolean(), skipped: z.boolean(), canOptIn: z.boolean() }),
    amr: z.array(z.enum(['pwd', 'sms', 'recovery', 'device'])).meta({ description: 'How this session was authenticated; `device`: the password from a trusted device, no second factor in this session.' }),
    secondFactorAt: isoTime.nullable().meta({ description: 'When the user last gave a second factor in this session (the sign-in\'s code or recovery code, a step-up).' }),
    recoveryCodesLeft: z.number().int().nullable().meta({ description: 'Unspent recovery codes; null when the portal does not offer them.' }),
    trustedDevice: z.boolean().meta({ description: 'This browser is a trusted device of this user.' }),
  })
  .meta({ id: 'CbSession' });

export const trustedDevicesSchema = z
  .object({
    devices: z.array(
      z.object({
        label: z.string().meta({ description: 'A short browser description ("Chrome on macOS"), never the raw User-Agent.' }),
        firstUsedAt: isoTime,
        lastUsedAt: isoTime,
        current: z.boolean().meta({ description: 'It is this browser.' }),
      }),
    ),
  })
  .meta({ id: 'CbTrustedDevices' });

export const devicesForgottenSchema = z.object({ forgotten: z.number().int().meta({ description: 'How many trusted devices were removed.' }) }).meta({ id: 'CbDevicesForgotten' });

export const recoveryCodesSchema = z
  .object({ codes: z.array(z.string()).meta({ description: 'Ten codes, `xxxxx-xxxxx-xxxxx`, shown this once: the server keeps only their HMACs.' }) })
  .meta({ id: 'CbRecoveryCodes' });

export const resetRequestedSchema = z
  .object({ requestedAt: isoTime.meta({ description: 'When the account\'s open request was made (a second request keeps the first\'s time).' }) })
  .meta({ id: 'CbResetRequested' });

export const phoneChangedSchema = z
  .object({ maskedPhone: maskedPhone.meta({ description: 'The new enrolled phone, masked (`xxx-xxx-1234`).' }) })
  .meta({ id: 'CbPhoneChanged' });

export const stepUpVerifiedSchema = z
  .object({ verifiedAt: isoTime.meta({ description: 'When the session\'s fresh second factor was recorded.' }) })
  .meta({ id: 'CbStepUpVerified' });

export const settingsSchema = z
  .object({
    enabled: z.boolean(),
    allowOptOut: z.boolean(),
    generation: z.number().int().meta({ description: 'Goes up each time `enabled` turns on; older enrollments no longer count.' }),
    updatedAt: isoTime.nullable(),
    enforceFrom: isoDate.nullable().meta({ description: 'The deadline (from 00:00 UTC of that day): until then every contact may "Skip for Now". Null: none.' }),
    canEdit: z.boolean().meta({ description: 'Whether the caller may change the settings (Master Admin).' }),
    recoveryCodes: z.boolean().meta({ description: 'The portal offers recovery codes.' }),
    voiceFallback: z.boolean().meta({ description: 'The portal offers "Call me instead".' }),
    trustDeviceDays: z.number().int().meta({ description: 'Days a trusted device skips the SMS; 0: off.' }),
    selfServicePhoneChange: z.boolean().meta({ description: 'Users may change their own phone.' }),
  })
  .meta({ id: 'CbSettings' });

const organizationPolicy = z.enum(['inherit', 'required', 'exempt']);

export const lastDeliverySchema = z
  .object({
    status: deliveryStatus,
    errorCode: z.number().int().nullable().meta({ description: 'The provider\'s error code when `failed` or `undelivered`.' }),
    sentAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'CbLastDelivery' });

export const contactSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    organizationId: z.string(),
    organizationPolicy,
    lastLoginAt: isoTime.nullable(),
    twoFactor: z.object({
      state: z.enum(['enrolled', 'skipped', 'none']),
      maskedPhone: z.string().nullable(),
      enrolledAt: isoTime.nullable(),
      skippedAt: isoTime.nullable(),
      locked: z.boolean().meta({ description: 'Too many wrong codes; an admin reset lifts it.' }),
      recoveryCodesLeft: z.number().int().nullable().meta({ description: 'Unspent recovery codes; null when the portal does not offer them.' }),
      lastDelivery: lastDeliverySchema.nullable().optional().meta({ description: 'Present when delivery status is tracked.' }),
    }),
    trustedDevices: z.number().int().meta({ description: 'Trusted devices of the contact not past their end.' }),
    resetRequestedAt: isoTime.nullable().meta({ description: 'When the contact asked for a reset ("I lost my phone") not yet closed by an admin reset.' }),
  })
  .meta({ id: 'CbContact' });

export const contactsSchema = z.object({ contacts: z.array(contactSchema) }).meta({ id: 'CbContacts' });

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    at: isoTime,
    type: z.string(),
    actorId: z.string().nullable(),
    subjectId: z.string().nullable(),
    ip: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'CbAuditEvent', description: 'A security event; phones appear masked, codes never.' });

export const auditSchema = z.object({ events: z.array(auditEventSchema) }).meta({ id: 'CbAudit' });

export const organizationSchema = z
  .object({ id: z.string(), name: z.string(), policy: organizationPolicy })
  .meta({ id: 'CbOrganization' });

export const settingsPreviewSchema = z
  .object({
    willEnroll: z.number().int().meta({ description: 'Contacts who would be asked to enroll at their next sign-in.' }),
    byOrganization: z
      .array(z.object({ id: z.string(), name: z.string(), willEnroll: z.number().int() }))
      .meta({ description: 'Every organization, 0 included; `id` \'\' holds contacts of none.' }),
    includesYou: z.boolean().meta({ description: 'Whether the asking admin would be asked to enroll at their own next sign-in.' }),
  })
  .meta({ id: 'CbSettingsPreview' });

const reportCounts = {
  contacts: z.number().int(),
  enrolled: z.number().int(),
  skipped: z.number().int(),
  toEnroll: z.number().int(),
  exempt: z.number().int(),
  off: z.number().int(),
  locked: z.number().int(),
  resetRequested: z.number().int(),
  inGrace: z.number().int(),
};

export const reportCountsSchema = z
  .object(reportCounts)
  .meta({ id: 'CbReportCounts', description: 'Contacts by state (the five states add up to `contacts`), and three flags counted apart.' });

export const reportSchema = z
  .object({
    portal: z.object({ id: z.string(), name: z.string() }),
    generatedAt: isoTime,
    settings: z.object({ enabled: z.boolean(), allowOptOut: z.boolean(), enforceFrom: isoDate.nullable(), generation: z.number().int() }),
    graceUntil: isoDate.nullable().meta({ description: 'The deadline while it still lets contacts skip who otherwise could not.' }),
    totals: reportCountsSchema,
    organizations: z.array(z.object({ id: z.string(), name: z.string(), policy: organizationPolicy, ...reportCounts })),
    contacts: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        email: z.string(),
        organizationId: z.string().meta({ description: '\'\' for a contact of no organization.' }),
        organizationName: z.string(),
        state: z.enum(['enrolled', 'skipped', 'to_enroll', 'exempt', 'off']),
        locked: z.boolean(),
        resetRequestedAt: isoTime.nullable(),
        graceUntil: isoDate.nullable(),
        lastLoginAt: isoTime.nullable(),
        enrolledAt: isoTime.nullable(),
        skippedAt: isoTime.nullable(),
      }),
    ),
  })
  .meta({ id: 'CbReport', description: 'One portal\'s 2FA state, per organization and per contact.' });

/** The body of every error response (`CbErrorBody` of `errors.ts`). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(CB_ERROR_CODES),
      message: z.string().meta({ description: 'English, for logs; the elements show their own strings by `code`.' }),
      attemptsLeft: z.number().int().optional().meta({ description: 'With `invalid_code`: wrong tries left on this code.' }),
      retryAfter: z.number().int().optional().meta({ description: 'With `rate_limited` (and a failed send): seconds until a retry can succeed.' }),
      fields: z.array(z.string()).optional().meta({ description: 'With `bad_request`: the fields that were wrong.' }),
      delivery: deliveryStatus.optional().meta({ description: 'The provider reported this login\'s SMS as failed or undelivered.' }),
      maxAgeSeconds: z.number().int().optional().meta({ description: 'With `step_up_required`: how old the second factor may be for this route, in seconds.' }),
    }),
  })
  .meta({ id: 'CbErrorBody' });

/** The error body, its `code` one of `codes`: what a route answers at one status. */
export const errorSchema = (codes: readonly CbErrorCode[]) =>
  z.intersection(errorBodySchema, z.object({ error: z.object({ code: z.enum(codes as [CbErrorCode, ...CbErrorCode[]]) }) }));
