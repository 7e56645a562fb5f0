/**
 * Request and response shapes of the HTTP contract (product spec §4). JSON in and out.
 * @module
 */

/** A signed-in user as the API shows it. */
export interface CbUserDto {
  id: string;
  email: string;
  name: string;
  organizationId: string | null;
  /** `contact` for organization logins (2FA applies); `admin` for portal staff. */
  role: 'contact' | 'admin';
  /** Portal admins with the Master Admin privilege may change settings. */
  masterAdmin: boolean;
}

/**
 * `GET /portal` (no session needed): the public face of the portal the request resolved to, which
 * the elements show. Nothing in it is secret; it is what the portal's sign-in page shows anyway.
 */
export interface PortalFace {
  id: string;
  /** The portal's display name ("Northwind IT Portal"). */
  name: string;
  /** Image URL of the portal's logo; null shows the name instead. */
  logoUrl: string | null;
  /** A CSS color for buttons, links and the focus ring (`#0b5cad`); null keeps the theme's. */
  accent: string | null;
  /** Language of the portal (`en`, `es`, `fr`, `de`); a `lang` the page sets wins over it. */
  locale: string;
  /** ISO 3166 countries whose phones the server accepts (`['US', 'CA']`), in the portal's order. */
  allowedCountries: string[];
  /** The portal offers recovery codes: the verify step shows "Use a recovery code". */
  recoveryCodes: boolean;
  /** The confirm and verify steps offer "Call me instead". */
  voiceFallback: boolean;
  /** Days "Trust this device" lasts; 0: the verify step does not offer it. */
  trustDeviceDays: number;
  /** A signed-in user may change their own phone. */
  selfServicePhoneChange: boolean;
}

/** Where a login stands; every step-changing route answers with one of these. */
export type StepResponse =
  | { step: 'authenticated'; user: CbUserDto }
  /**
   * `skipUntil` (a date, `2027-01-15`) when "Skip for Now" is offered only until the portal's
   * deadline (`enforceFrom`): the button says until when.
   */
  | { step: 'enroll'; canSkip: boolean; skipUntil?: string }
  | { step: 'confirm'; maskedPhone: string; resendAt: string }
  | { step: 'verify'; maskedPhone: string; resendAt: string }
  | { step: 'login' };

export type Step = StepResponse['step'];

export interface LoginRequest { email: string; password: string }
/** A phone in E.164 (`+12025550143`), or in any common national format with an ISO `country` (`US`). */
export interface EnrollPhoneRequest { phone: string; country?: string }
export interface CodeRequest { code: string }

/** `POST /verify` with a recovery code instead of the SMS code (`xxxxx-xxxxx-xxxxx`, dashes and case optional). */
export interface RecoveryCodeRequest { recoveryCode: string }

export interface CodeSentResponse { maskedPhone: string; resendAt: string }

/** `POST /resend {channel?}`: how the new code went out ("Call me instead" is `voice`). */
export interface ResendRequest { channel?: 'sms' | 'voice' }
export interface ResentResponse extends CodeSentResponse { channel: 'sms' | 'voice' }

export interface SessionResponse {
  user: CbUserDto;
  twoFactor: {
    /** Enrolled in the current generation of the portal setting. */
    enrolled: boolean;
    /** Chose "Skip for Now" in the current generation. */
    skipped: boolean;
    /** May use "Enable 2FA SMS" from the menu. */
    canOptIn: boolean;
  };
  /** How this session was authenticated: `pwd` alone, or `pwd` then `sms` (or a recovery code, or a trusted device: `device`). */
  amr: Array<'pwd' | 'sms' | 'recovery' | 'device'>;
  /** When the user last gave a second factor in this session (the login's code, a recovery code, a step-up); null: never. */
  secondFactorAt: string | null;
  /** Unspent recovery codes of the user; null when the portal does not offer them. */
  recoveryCodesLeft: number | null;
  /** This browser is a trusted device of this user ("Trust this device"). */
  trustedDevice: boolean;
}

/** One of the user's trusted devices (`GET /devices`). */
export interface TrustedDeviceDto {
  /** A short browser description ("Chrome on macOS"), never the raw User-Agent. */
  label: string;
  /** When it was trusted (ISO). */
  firstUsedAt: string;
  /** When it last signed in without the SMS, or was trusted (ISO). */
  lastUsedAt: string;
  /** It is this browser. */
  current: boolean;
}

export interface TrustedDevicesResponse { devices: TrustedDeviceDto[] }
export interface DevicesForgottenResponse { forgotten: number }

/** `POST /recovery-codes`: the new set, shown once (`xxxxx-xxxxx-xxxxx`); the server keeps only their HMACs. */
export interface RecoveryCodesResponse {
  codes: string[];
}

/** `POST /reset-request {reason?}` ("I lost my phone"): when the account's open request was made. */
export interface ResetRequestResponse {
  requestedAt: string;
}

/** `POST /phone/confirm`: the phone is changed to this number (masked). */
export interface PhoneChangedResponse {
  maskedPhone: string;
}

/** `POST /step-up/verify`: the time the session's fresh second factor was recorded. */
export interface StepUpVerifiedResponse {
  verifiedAt: string;
}

export interface SettingsDto {
  enabled: boolean;
  allowOptOut: boolean;
  /** Goes up each time `enabled` turns from off to on; enrollments of older generations no longer count. */
  generation: number;
  updatedAt: string | null;
  /**
   * The deadline (`2027-01-15`, from 00:00 UTC of that day): until then every contact of an
   * organization that follows the portal may "Skip for Now"; from then the skip follows
   * `allowOptOut`. Null: no deadline.
   */
  enforceFrom: string | null;
  /** Whether the caller may change the settings (Master Admin). */
  canEdit: boolean;
  /** The portal offers recovery codes (product spec §10). */
  recoveryCodes: boolean;
  /** The portal offers "Call me instead" (§10). */
  voiceFallback: boolean;
  /** Days a trusted device skips the SMS; 0: off (§10). */
  trustDeviceDays: number;
  /** Users may change their own phone (§10). */
  selfServicePhoneChange: boolean;
}

/** The §10 policies a settings update may set; each one left out keeps what is set. */
export type PolicyUpdate = Partial<Pick<SettingsDto, 'recoveryCodes' | 'voiceFallback' | 'trustDeviceDays' | 'selfServicePhoneChange'>>;

/** `enforceFrom` and every policy left out keep what is set; `enforceFrom` null removes the deadline. */
export interface SettingsUpdateRequest extends PolicyUpdate { enabled: boolean; allowOptOut: boolean; enforceFrom?: string | null }

/** `GET /admin/settings/preview?enabled=&allowOptOut=&enforceFrom=`: who settings not saved yet would ask to enroll. */
export interface SettingsPreviewDto {
  /** Contacts who would be asked to enroll at their next login. */
  willEnroll: number;
  /** Every organization of the portal, with its share (0 included); `id` '' holds contacts of none. */
  byOrganization: Array<{ id: string; name: string; willEnroll: number }>;
  /**
   * Whether the admin asking would be asked to enroll at their own next login. Never with the
   * default `requiresTwoFactor` (admins sign in with the password alone); their present session
   * stays signed in whatever is saved.
   */
  includesYou: boolean;
}

/**
 * Where a contact stands, one of five: `enrolled` (a phone in the current generation), `skipped`
 * ("Skip for Now" that still lets them in), `to_enroll` (asked at their next login), `exempt`
 * (their organization is exempt, or 2FA does not apply to them), `off` (the portal's 2FA is off).
 */
export type ReportState = 'enrolled' | 'skipped' | 'to_enroll' | 'exempt' | 'off';

/** Contacts by state (the five add up to `contacts`), and three flags counted apart. */
export interface ReportCounts {
  contacts: number;
  enrolled: number;
  skipped: number;
  toEnroll: number;
  exempt: number;
  off: number;
  /** The code step is locked (too many wrong codes). */
  locked: number;
  /** Asked the portal's admins for a reset ("I lost my phone"), not yet reset. */
  resetRequested: number;
  /** May skip only until the deadline (`graceUntil`). */
  inGrace: number;
}

export interface ReportOrganizationDto extends ReportCounts {
  id: string;
  name: string;
  policy: OrganizationPolicyDto;
}

export interface ReportContactDto {
  id: string;
  name: string;
  email: string;
  /** '' for a contact of no organization. */
  organizationId: string;
  organizationName: string;
  state: ReportState;
  locked: boolean;
  /** When the open reset request was made; null when there is none. */
  resetRequestedAt: string | null;
  /** The deadline, for a contact who may skip only until then; null otherwise. */
  graceUntil: string | null;
  lastLoginAt: string | null;
  /** When the phone of the current generation was enrolled. */
  enrolledAt: string | null;
  skippedAt: string | null;
}

/** `GET /admin/report`: one portal, per organization and per contact. */
export interface ReportDto {
  portal: { id: string; name: string };
  generatedAt: string;
  settings: { enabled: boolean; allowOptOut: boolean; enforceFrom: string | null; generation: number };
  /** "Grace until …": the deadline while it still lets contacts skip who otherwise could not; else null. */
  graceUntil: string | null;
  totals: ReportCounts;
  organizations: ReportOrganizationDto[];
  contacts: ReportContactDto[];
}

/** `tf.report()`: every portal of the deployment, for the platform operator. */
export interface PlatformReportDto {
  generatedAt: string;
  totals: ReportCounts;
  portals: ReportDto[];
}

export type TwoFactorState = 'enrolled' | 'skipped' | 'none';

export interface ContactTwoFactorDto {
  state: TwoFactorState;
  maskedPhone: string | null;
  enrolledAt: string | null;
  skippedAt: string | null;
  /** The code step is locked (too many wrong codes); an admin reset lifts it. */
  locked: boolean;
  /** Unspent recovery codes; null when the portal does not offer them. */
  recoveryCodesLeft: number | null;
  /**
   * The newest code SMS to this contact and what the provider last reported about it. Present
   * when the server tracks delivery status (Twilio status callbacks); null when nothing was sent.
   */
  lastDelivery?: DeliveryDto | null;
}

/** Delivery states the SMS provider reports (Twilio's MessageStatus, normalised). */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface DeliveryDto {
  status: DeliveryStatus;
  /** The provider's error code when `failed` or `undelivered` (Twilio 30003: unreachable, 30005: unknown number, …). */
  errorCode: number | null;
  /** When the SMS was sent (ISO). */
  sentAt: string;
  /** When the provider last reported on it (ISO). */
  updatedAt: string;
}

/**
 * `GET /delivery` during `confirm` / `verify`: what the provider reported about this login's
 * newest code SMS, so the step can say "the message could not be delivered" instead of waiting.
 */
export interface DeliveryResponse {
  /** Null when delivery is not tracked or not yet known for this login. */
  status: DeliveryStatus | null;
  /** `failed` or `undelivered`: the code will not arrive; offer a resend or another number. */
  failed: boolean;
}

export interface ContactDto {
  id: string;
  name: string;
  email: string;
  organizationId: string;
  /** The contact's organization's 2FA policy (`inherit` when it has none of its own). */
  organizationPolicy: OrganizationPolicyDto;
  lastLoginAt: string | null;
  twoFactor: ContactTwoFactorDto;
  /** Trusted devices of the contact ("Trust this device") not past their end. */
  trustedDevices: number;
  /** When the contact asked for a reset ("I lost my phone") that no admin reset has closed yet. */
  resetRequestedAt: string | null;
}

export interface ContactsResponse { contacts: ContactDto[] }

/** One security event of the audit log. Phones appear masked; codes never. */
export interface AuditEventDto {
  id: number;
  at: string;
  type: string;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditResponse { events: AuditEventDto[] }

/** An organization's 2FA policy: the portal's settings, 2FA without "Skip for Now", or none. */
export type OrganizationPolicyDto = 'inherit' | 'required' | 'exempt';

/** `PUT /admin/organizations/:id/two-factor`. */
export interface OrganizationDto {
  id: string;
  name: string;
  policy: OrganizationPolicyDto;
}
