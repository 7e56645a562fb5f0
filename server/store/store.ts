/**
 * The narrow data contract the flows depend on. Each dialect (libSQL/SQLite today) implements it;
 * every method that guards a limit is a single atomic statement, so parallel requests and several
 * server instances sharing one database cannot beat the limits.
 * @module
 */

/** The language of a portal's SMS text. */
export type SmsLocale = 'en' | 'es' | 'fr' | 'de';

/** The recovery policies of §10, stored per portal; all off by default. */
export interface PortalPolicies {
  voiceFallback: boolean;
  /** 0 = off; 1..90. */
  trustDeviceDays: number;
  recoveryCodes: boolean;
  selfServicePhoneChange: boolean;
}

/** One white-labeled portal of the deployment: its face, its SMS identity, its limits. */
export interface Portal {
  id: string;
  /** Null only for the `default` portal of a single-portal deployment: `appName` stands in. */
  name: string | null;
  logoUrl: string | null;
  /** A CSS color for the elements' accent. */
  accent: string | null;
  sms: {
    /** The name in the text; null: `name`. */
    name: string | null;
    /** The sender number (E.164), or a Messaging Service; null: the sender's own. */
    from: string | null;
    messagingServiceSid: string | null;
    locale: SmsLocale;
    /** The host of the WebOTP line; null: no line. */
    webOtpDomain: string | null;
  };
  /** ISO countries a code may go to; null: the deployment's policy. */
  allowedCountries: string[] | null;
  /** SMS a UTC day; null: the deployment's default. */
  dailySmsBudget: number | null;
  policies: PortalPolicies;
  createdAt: number;
  updatedAt: number | null;
}

export type PortalInput = { id: string; name: string } & Partial<Pick<Portal, 'logoUrl' | 'accent' | 'allowedCountries' | 'dailySmsBudget'>> & {
  sms?: Partial<Portal['sms']>;
  policies?: Partial<PortalPolicies>;
};

export type PortalPatch = Partial<Omit<PortalInput, 'id'>>;

/** The host's own view of the portals (`tf.portals`); 2FA settings stay with each portal's admins. */
export interface PortalStore {
  /** Refuses an id that exists (throws `PortalExistsError`). */
  create(input: PortalInput, at: number): Promise<Portal>;
  /** Null when there is no such portal. */
  update(id: string, patch: PortalPatch, at: number): Promise<Portal | null>;
  get(id: string): Promise<Portal | null>;
  list(): Promise<Portal[]>;
}

export class PortalExistsError extends Error {
  constructor(readonly portalId: string) {
    super(`cb-2fa: a portal with id "${portalId}" exists`);
  }
}

export interface Settings {
  enabled: boolean;
  allowOptOut: boolean;
  generation: number;
  /**
   * The deadline (ms of 00:00 UTC of a day): until then every contact may "Skip for Now"; from
   * then the skip follows `allowOptOut`. Null: none.
   */
  enforceFrom: number | null;
  updatedAt: number | null;
  updatedBy: string | null;
}

/** What `updateSettings` writes; `enforceFrom` left out keeps the deadline as it is. */
export interface SettingsUpdate {
  enabled: boolean;
  allowOptOut: boolean;
  enforceFrom?: number | null;
}

/**
 * Every user's 2FA facts of one portal, keyed by user id, for the report: read in a fixed number
 * of statements whatever the number of contacts, never one per contact.
 */
export interface PortalFactors {
  /** Users with an enrollment or a skip. */
  states: Map<string, FactorState>;
  /** Users with a code-lock row (locked or not: the reader compares `lockedUntil` with its clock). */
  locks: Map<string, CodeLock>;
  /** The latest successful login per user, from the audit log. */
  lastLogins: Map<string, number>;
  /**
   * The open reset request per user ("I lost my phone", §10 `POST /reset-request`): when it was
   * made. A store without reset requests returns an empty map; the one that stores them fills it
   * here, in the same fixed number of statements.
   */
  resetRequests: Map<string, number>;
}

export interface FactorState {
  enrollment: { phone: string; generation: number; enrolledAt: number } | null;
  skip: { generation: number; skippedAt: number } | null;
}

export type SessionStatus = 'pending' | 'complete';
export type PendingStep = 'enroll' | 'confirm' | 'verify';
/**
 * `pwd recovery`: the second factor was a recovery code instead of the SMS code. `pwd device`: the
 * password from a trusted device ("Trust this device"): no fresh second factor in that session.
 */
export type Amr = 'pwd' | 'pwd sms' | 'pwd recovery' | 'pwd device';

/** A trusted device ("Trust this device", §10): the HMAC of its cookie, bound to the enrollment it was trusted under. */
export interface TrustedDevice {
  idHash: string;
  userId: string;
  phone: string;
  generation: number;
  /** "Chrome on macOS": never the raw User-Agent. */
  label: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
}

export interface Session {
  idHash: string;
  userId: string;
  status: SessionStatus;
  /** Where a pending login stands; null for complete sessions. */
  step: PendingStep | null;
  amr: Amr;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  ip: string;
  /** The settings generation a pending login began in: its steps are refused once it is old. */
  generation: number;
  /**
   * When the user last gave a second factor in this session (the login's code, a step-up), in
   * ms; null or absent: never (a password-only session). `requireSecondFactor` reads it.
   */
  secondFactorAt?: number | null;
}

/**
 * `step_up`: a code a complete session asks for before a sensitive action. `phone_change`: a code
 * to the new number a signed-in user is changing to (its `phone` is that new number).
 */
export type CodePurpose = 'enroll' | 'login' | 'step_up' | 'phone_change';

export interface NewCode {
  /** The pending session the code was sent for: a code is bound to one login. */
  sessionIdHash: string;
  userId: string;
  purpose: CodePurpose;
  phone: string;
  codeHash: string;
  sentAt: number;
  expiresAt: number;
  /** The settings generation it was sent in; a code of an older one is never accepted. */
  generation: number;
}

export interface Code extends NewCode {
  attempts: number;
  consumedAt: number | null;
}

/** The account lock's thresholds (policy: 10 wrong codes in 15 minutes, 100 in a row). */
export interface CodeLockPolicy {
  windowMs: number;
  lockAfter: number;
  lockMs: number;
  hardLockAfter: number;
}

export interface CodeTryInput {
  userId: string;
  /** The pending login the code must have been sent for. */
  sessionIdHash: string;
  purpose: CodePurpose;
  /**
   * HMAC of the submitted code. Null counts as a wrong try: malformed input, or a code only a
   * provider can check (Verify mode), counted first and taken back by `settleApprovedTry`.
   */
  codeHash: string | null;
  /** Random, unique to this try: how the atomic step recognises its own row. */
  tryId: string;
  now: number;
  maxAttempts: number;
  lock: CodeLockPolicy;
}

export type CodeTryResult =
  /** The account's code step is locked: nothing was evaluated or counted. */
  | { kind: 'locked'; lockedUntil: number | null; hard: boolean }
  | { kind: 'accepted'; phone: string }
  /** A wrong try, counted on the code and on the account. `windowStartedAt` is where it counted. */
  | { kind: 'rejected'; attemptsLeft: number; lockedNow: boolean; hard: boolean; windowStartedAt: number }
  /** A guess at a code already burned by wrong tries: counted unless it was the right code. */
  | { kind: 'burned'; counted: boolean; lockedNow: boolean; hard: boolean }
  /** The code was sent for an older generation or phone: the login no longer matches the present. */
  | { kind: 'stale' }
  /** Expired, used, or never sent for this login and purpose: nothing was counted. */
  | { kind: 'unusable' };

export interface SettleInput {
  userId: string;
  sessionIdHash: string;
  purpose: CodePurpose;
  tryId: string;
  /** The window the try was counted in (`rejected.windowStartedAt`). */
  windowStartedAt: number;
  windowMs: number;
  now: number;
}

/** One try at a recovery code, in the same atomic step as the account lock (`CodeTryInput`'s rules). */
export interface RecoveryTryInput {
  userId: string;
  /** HMAC of the submitted code; null (malformed input) counts as a wrong try. */
  codeHash: string | null;
  tryId: string;
  now: number;
  lock: CodeLockPolicy;
}

export type RecoveryTryResult =
  /** The account's code step is locked: nothing was evaluated or counted. */
  | { kind: 'locked'; lockedUntil: number | null; hard: boolean }
  /** The code was one of the account's unspent ones, and is now spent; `left` unspent remain. */
  | { kind: 'accepted'; left: number }
  /** A wrong code, counted on the account like a wrong SMS code. */
  | { kind: 'rejected'; lockedNow: boolean; hard: boolean };

export interface CodeLock {
  lockedUntil: number | null;
  hardLocked: boolean;
  windowFailures: number;
  prevWindowFailures: number;
  consecutiveFailures: number;
}

export interface Counter {
  /** This window's events and the previous window's, together. */
  count: number;
  /** The events of this window alone. */
  current: number;
  /** When this window ends and the previous one stops counting (ms). */
  resetAt: number;
}

export interface AuditEvent {
  at: number;
  type: AuditType;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  detail?: Record<string, unknown>;
}

export type AuditType =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.rate_limited'
  | 'code.sent'
  | 'code.send_failed'
  | 'code.verified'
  | 'code.rejected'
  | 'code.locked'
  | 'enrolled'
  | 'skipped'
  | 'opted_in'
  | 'logout'
  | 'two_factor.reset'
  | 'settings.changed'
  /** A Master Admin set an organization's policy (inherit, required, exempt). */
  | 'organization.policy_changed'
  /** A signed-in user gave a fresh second factor before a sensitive action (step-up). */
  | 'step_up.verified'
  /** A user got a new set of recovery codes (the old set, if any, stopped working). */
  | 'recovery_codes.generated'
  /** A recovery code was spent to sign in; `detail.left` says how many remain. */
  | 'recovery_code.used'
  /** A signed-in user asked to change the phone; a code went to the new number (`detail.phone`, masked). */
  | 'phone.change_requested'
  /** The new number's code was right: the enrolled phone is replaced (`detail.from`, `detail.to`, masked). */
  | 'phone.changed'
  /** A right login code with "Trust this device" ticked: this browser skips the SMS for `detail.days` days. */
  | 'trusted_device.created'
  /** Trusted devices removed by the user or an admin (`detail.forgotten`, how many). */
  | 'trusted_devices.forgotten'
  /** "I lost my phone": a user at the verify step asked the admins for a reset (`detail.reason`, if given). */
  | 'reset.requested'
  /** The provider reported a code SMS as failed or undelivered (status callback). */
  | 'code.delivery_failed'
  /** The global daily SMS budget reached its warning level, or was exceeded and sending stopped. */
  | 'sms.budget_warning'
  | 'sms.budget_exceeded';

/** Delivery states of an SMS as the provider reports them (Twilio's MessageStatus, normalised). */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

/** One code SMS and the last delivery state its provider reported. */
export interface SmsDelivery {
  /** The provider's message id (Twilio `SM…`). */
  messageId: string;
  userId: string;
  /** The pending login it was sent for. */
  sessionIdHash: string | null;
  status: DeliveryStatus;
  /** The provider's error code for `failed` / `undelivered` (Twilio's 30003, 30005, …). */
  errorCode: number | null;
  sentAt: number;
  updatedAt: number;
}

export interface DeliveryUpdate {
  messageId: string;
  status: DeliveryStatus;
  /**
   * The state's place in the life of a message (queued 1, sending 2, sent 3, final 4). Callbacks
   * can arrive out of order, so an update applies only when it moves the message forward.
   */
  rank: number;
  errorCode: number | null;
  at: number;
}

export interface StoredAuditEvent extends AuditEvent {
  id: number;
}

export interface Account {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  organizationId: string | null;
  role: 'contact' | 'admin';
  masterAdmin: boolean;
  /**
   * Its organization's policy, read with the account (one statement, not two, on every sign-in
   * and session check); absent when the account has no organization row in this portal.
   */
  organizationPolicy?: OrganizationPolicy;
}

/** A Master Admin's choice per organization: the portal's settings, 2FA without "Skip for Now", or none. */
export type OrganizationPolicy = 'inherit' | 'required' | 'exempt';

export interface Organization {
  id: string;
  name: string;
  twoFactorPolicy?: OrganizationPolicy;
}

/** The built-in identity's accounts and organizations. */
export interface AccountStore {
  findAccountByEmail(email: string): Promise<Account | null>;
  getAccount(id: string): Promise<Account | null>;
  listContacts(organizationId?: string): Promise<Account[]>;
  listOrganizations(): Promise<Organization[]>;
  getOrganization(id: string): Promise<Organization | null>;
  /** Null when the organization is not this portal's. */
  setOrganizationPolicy(id: string, policy: OrganizationPolicy): Promise<Organization | null>;
  /** Inserts or leaves alone: seeding twice changes nothing. */
  ensureOrganization(org: Organization): Promise<void>;
  ensureAccount(account: Account): Promise<void>;
  /**
   * Replaces the password hash only while it is still `expected`, so that a rehash at sign-in
   * never writes an old password back over a change made meanwhile. True when it was replaced.
   */
  updatePasswordHash(id: string, next: string, expected: string): Promise<boolean>;
}

/**
 * One portal's data. Every method reads and writes that portal's rows only; `forPortal` gives the
 * same store for another portal. The rate-limit counters (`hit`, `refund`) and `sweep` are the
 * deployment's: their keys say which portal a counter belongs to, if any.
 */
export interface TwoFactorStore {
  readonly portalId: string;
  forPortal(portalId: string): TwoFactorStore;
  readonly portals: PortalStore;
  readonly accounts: AccountStore;

  getSettings(): Promise<Settings>;
  /** Writes the settings; `generation` goes up in the same statement when `enabled` turns on. */
  updateSettings(next: SettingsUpdate, at: number, by: string): Promise<Settings>;

  getFactorState(userId: string): Promise<FactorState>;
  /**
   * `getSettings()` and `getFactorState(userId)` in one statement (the portal's record joined with
   * the user's enrollment and skip): what a sign-in, a step and GET /session check. Optional:
   * without it the two are read apart.
   */
  getStanding?(userId: string): Promise<{ settings: Settings; state: FactorState }>;
  getFactorStates(userIds: string[]): Promise<Map<string, FactorState>>;
  /** The whole portal's enrollments, skips, code locks, last logins and reset requests (the report). */
  portalFactors(): Promise<PortalFactors>;
  /**
   * Enrolls `phone` for `generation` and clears any skip, unless the user is already enrolled in
   * that generation (or a later one): a pending login can never replace an enrolled phone. Returns
   * whether it enrolled. One conditional statement.
   */
  enroll(userId: string, phone: string, generation: number, at: number): Promise<boolean>;
  /**
   * Replaces the enrolled phone of `generation` with `next`, only while it is still `expected`
   * (compare and swap): of parallel changes one wins, and a reset or new generation meanwhile
   * makes it change nothing. The generation stays; `enrolledAt` becomes `at`, when this phone was
   * enrolled. Returns whether it replaced it. One conditional statement.
   */
  replaceEnrolledPhone(userId: string, expected: string, next: string, generation: number, at: number): Promise<boolean>;
  /** Remembers "Skip for Now" for `generation`, unless the user is enrolled in it. Returns whether it did. */
  skip(userId: string, generation: number, at: number): Promise<boolean>;
  clearSkip(userId: string): Promise<void>;
  /** Clears enrollment, skip, code lock, codes, recovery codes, trusted devices and sessions of one user. */
  resetTwoFactor(userId: string): Promise<void>;

  createSession(session: Session): Promise<void>;
  findSession(idHash: string): Promise<Session | null>;
  /**
   * The session with its user's built-in account (and the organization's policy) in one indexed
   * read: what a signed-in request of the built-in identity checks. `account` is null when the
   * account is gone. `standing`, where the store reads it in the same statement: the portal's
   * settings with the user's enrollment and skip, as `getStanding` answers them. Optional: a store
   * without it is read as `findSession` then `getAccount`.
   */
  findSessionWithAccount?(idHash: string): Promise<{ session: Session; account: Account | null; standing?: { settings: Settings; state: FactorState } } | null>;
  setSessionStep(idHash: string, step: PendingStep): Promise<void>;
  /**
   * Turns a pending session into a complete one under a new id. Atomic: of many parallel
   * calls for one pending session exactly one returns true.
   */
  promoteSession(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>): Promise<boolean>;
  /**
   * `promoteSession` and, only if it won, the audit events, in one round trip (one batch on
   * libSQL, one statement on PostgreSQL): a right code's last step. `events` is not empty.
   * Optional: without it the two are written one after the other.
   */
  promoteSessionAudited?(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>, events: AuditEvent[]): Promise<boolean>;
  /**
   * Records a step-up on a complete session and moves it to a new id (the old id dies). Atomic:
   * of parallel calls for one session exactly one returns true; false for a pending or absent one.
   */
  stepUpSession(oldIdHash: string, next: { idHash: string; secondFactorAt: number; lastSeenAt: number }): Promise<boolean>;
  touchSession(idHash: string, at: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
  /** Ends every session of the user but `keepIdHash` (a phone change signs the other devices out); returns how many ended. */
  deleteOtherSessions(userId: string, keepIdHash: string): Promise<number>;

  /** Stores the code for a login, replacing (voiding) the one sent before. */
  putCode(code: NewCode): Promise<void>;
  getCode(sessionIdHash: string): Promise<Code | null>;
  /**
   * One try at the code of a login, atomically with the account lock: the lock is checked, the
   * try counted on the code, and a failure counted on the account (locking it at a threshold) as
   * one step, so however many tries arrive at once, on however many logins and instances, at most
   * `lock.lockAfter` wrong codes are evaluated in any window, and none after the lock is set.
   */
  tryCode(input: CodeTryInput): Promise<CodeTryResult>;
  /**
   * `tryCode` for a pending login's code and, only when this very try consumed it,
   * `promoteSessionAudited` of that login (`input.sessionIdHash`) to `next` with `events`, as one
   * atomic step: a right code's whole write in one round trip (one batch on libSQL) or one
   * transaction (PostgreSQL). `promoted` is false for any result but `accepted`, and for an
   * accepted code whose login another request promoted first. Optional: without it the try and
   * the promotion are two steps.
   */
  tryCodeAndPromote?(input: CodeTryInput, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>, events: AuditEvent[]): Promise<{ result: CodeTryResult; promoted: boolean }>;
  /**
   * A provider approved the code of a try counted as wrong (`codeHash: null`): takes the failure
   * back and consumes the code, unless another try locked the account meanwhile. Of parallel calls
   * at most one gets the phone; null when the code is used, expired, stale or the account locked.
   */
  settleApprovedTry(input: SettleInput): Promise<string | null>;

  getCodeLock(userId: string): Promise<CodeLock | null>;

  /** Replaces the user's recovery codes with these HMACs, as one step: the old set stops working. */
  replaceRecoveryCodes(userId: string, codeHashes: string[], at: number): Promise<void>;
  /**
   * One try at a recovery code, atomically with the account lock (as `tryCode`): the lock is
   * checked, the code spent when right, a failure counted when wrong, as one step. Of parallel
   * tries with one code, exactly one is accepted.
   */
  tryRecoveryCode(input: RecoveryTryInput): Promise<RecoveryTryResult>;
  /** Unspent recovery codes per user; users with none are absent. */
  countRecoveryCodes(userIds: string[]): Promise<Map<string, number>>;

  /** Remembers a trusted device (its cookie's HMAC). */
  createTrustedDevice(device: TrustedDevice): Promise<void>;
  /**
   * The device of this cookie HMAC is usable for `userId` (bound to the user's current enrollment:
   * its phone and generation, in the portal's current generation, 2FA on; not past `expiresAt`
   * nor `createdAt + maxAgeMs`, the portal's present trustDeviceDays): touches `lastUsedAt` and
   * returns true. One conditional statement.
   */
  useTrustedDevice(idHash: string, userId: string, now: number, maxAgeMs: number): Promise<boolean>;
  /** The user's devices usable now (as `useTrustedDevice` decides, without touching them), the most recently used first. */
  listTrustedDevices(userId: string, now: number, maxAgeMs: number): Promise<TrustedDevice[]>;
  /** Devices usable now, per user; users with none are absent. */
  countTrustedDevices(userIds: string[], now: number, maxAgeMs: number): Promise<Map<string, number>>;
  /** Removes every trusted device of the user (a phone change, the user's "Forget"); returns how many. */
  forgetTrustedDevices(userId: string): Promise<number>;
  /**
   * "I lost my phone": opens the user's reset request unless one is open; returns the open one's
   * time (idempotent), and `opened` for the one call of many parallel ones whose insert made it.
   */
  requestReset(userId: string, at: number, ip: string | null): Promise<{ requestedAt: number; opened: boolean }>;
  /** The open reset requests' times per user; users without one are absent. */
  resetRequestTimes(userIds: string[]): Promise<Map<string, number>>;
  /** Closes the user's reset request; true when one was open. */
  closeResetRequest(userId: string): Promise<boolean>;

  /**
   * Adds one to a sliding-window counter and returns the count held against the limit: this
   * window's and the previous one's together, so a burst straddling an edge is not counted twice
   * the limit. Atomic. `sliding: false` keeps a plain window that starts at its first event, for
   * a cooldown (one send, then 30 s), where the previous window must not count.
   */
  hit(key: string, windowMs: number, now: number, sliding?: boolean): Promise<Counter>;
  /** Takes back one hit (a send that failed, a login that succeeded). */
  refund(key: string): Promise<void>;

  /** Appends events; several in one call are one statement. */
  audit(events: AuditEvent | AuditEvent[]): Promise<void>;
  listAudit(options?: { limit?: number; subjectId?: string }): Promise<StoredAuditEvent[]>;
  /** The latest successful login per user, from the audit log. */
  lastLogins(userIds: string[]): Promise<Map<string, number>>;

  /** Remembers a sent code SMS (only when delivery status is tracked). Sending the same id twice changes nothing. */
  recordSmsDelivery(message: Omit<SmsDelivery, 'errorCode' | 'updatedAt'> & { rank: number }): Promise<void>;
  /** Applies a status callback when it moves the message forward; returns the updated row, or null (unknown or stale). Atomic. */
  updateSmsDelivery(update: DeliveryUpdate): Promise<SmsDelivery | null>;
  /** The newest code SMS per user, for the admin contact view. */
  lastSmsDeliveries(userIds: string[]): Promise<Map<string, SmsDelivery>>;
  /** The newest code SMS of one pending login, for the verify step. */
  sessionSmsDelivery(sessionIdHash: string): Promise<SmsDelivery | null>;

  /**
   * Deletes expired sessions, codes, counters and trusted devices, used codes, and delivery
   * records older than 30 days: at most `limit` rows of each kind a call (500 by default), each
   * found through an index. Returns true when a kind had more than that left (call again);
   * a store that sweeps all at once may return nothing.
   */
  sweep(now: number, limit?: number): Promise<boolean | void>;
}
