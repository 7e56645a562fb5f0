/**
 * cb-2fa server: a Hono router for SMS two-factor sign-in, runtime-agnostic (Node, Bun, Deno,
 * workerd). Node-only helpers (migrations from disk) live in `cb-2fa/server/node`.
 * @module
 */
export { createTwoFactor, type TwoFactor, type TwoFactorOptions, type CbEnv } from './create-two-factor.js';
export { defaultPolicy, type Policy, type TrustedProxy, type Window } from './policy.js';
export { CbError } from './errors.js';
export type { Identity, CbUser, PasswordCheck } from './identity/identity.js';
export { normalizeEmail } from './identity/identity.js';
export { pbkdf2Hasher, OWASP_PBKDF2_ITERATIONS, type PasswordHasher, type Pbkdf2Options } from './crypto/password.js';
export type { RandomSource } from './crypto/random.js';
export { createHmac, type Hmac, type HmacFactory } from './crypto/hash.js';
export {
  SmsSendError,
  codeMessage,
  codeText,
  codeFromText,
  isSmsLocale,
  smsEncoding,
  smsSegments,
  SMS_LOCALES,
  type SmsSender,
  type SmsMessage,
  type SmsFailure,
  type CodeTextInput,
  // "Call me instead": the TwiML a call plays, for a sender of your own (`SmsSender.call`).
  voiceTwiml,
  codeFromTwiml,
  type VoiceCall,
} from './providers/sms.js';
export { DEFAULT_PORTAL, PORTAL_CACHE_MS, type PortalResolver, type PortalView } from './portal-context.js';
export type { PortalsApi } from './portals-api.js';
export { PortalExistsError } from './store/store.js';
export { devOutbox, type DevOutbox, type OutboxEntry } from './providers/dev-outbox.js';
export type { CodeVerifier, CheckOutcome, VerificationStart, VerificationCheck } from './providers/verifier.js';
export { twilioRestSms, twilioRestVerify, type TwilioRestAuth, type TwilioRestSmsOptions, type TwilioRestVerifyOptions } from './providers/twilio-rest.js';
export { twilioSignature, validateTwilioSignature, type TwilioParams, type TwilioSignatureAlgorithm } from './providers/twilio-signature.js';
export { DEFAULT_DAILY_SMS_BUDGET, SMS_STATUS_PATH, type TwoFactorAlert, type DeliveryStatusOptions } from './services/sending.js';
export type { AdminAction } from './services/deps.js';
export type { CbEvent, EventHook } from './services/events.js';
export type * from './store/store.js';
export { sqliteStore } from './store/drizzle/sqlite/store.js';
export { seedDemo, type SeedAccount } from './seed.js';
export { reportCsv } from './services/report-csv.js';
export type { PlatformReportDto, ReportDto, ReportCounts, ReportContactDto, ReportOrganizationDto, ReportState, SettingsPreviewDto } from '../protocol/dto.js';
