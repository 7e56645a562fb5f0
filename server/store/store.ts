/**
 * The narrow data contract the flows depend on. Each dialect (libSQL/SQLite today) implements it;
 * every method that guards a limit is a single atomic statement, so parallel requests and several
 * server instances sharing one database cannot beat the limits.
 * @module
 */

export interface Settings {
  enabled: boolean;
  allowOptOut: boolean;
  generation: number;
  updatedAt: number | null;
  updatedBy: string | null;
}

export interface FactorState {
  enrollment: { phone: string; generation: number; enrolledAt: number } | null;
  skip: { generation: number; skippedAt: number } | null;
}

export type SessionStatus = 'pending' | 'complete';
export type PendingStep = 'enroll' | 'confirm' | 'verify';
export type Amr = 'pwd' | 'pwd sms';

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
}

export type CodePurpose = 'enroll' | 'login';

export interface NewCode {
  /** The pending session the code was sent for: a code is bound to one login. */
  sessionIdHash: string;
  userId: string;
  purpose: CodePurpose;
  phone: string;
  codeHash: string;
  sentAt: number;
  expiresAt: number;
}

export interface Code extends NewCode {
  attempts: number;
  consumedAt: number | null;
}

export type AttemptResult =
  | { kind: 'accepted'; phone: string }
  | { kind: 'rejected'; attemptsLeft: number }
  /** Expired, used, burned by wrong tries, or never sent for this login and purpose. */
  | { kind: 'unusable' };

export interface AttemptInput {
  sessionIdHash: string;
  purpose: CodePurpose;
  /** HMAC of the submitted code, or null for malformed input, which counts as a wrong try. */
  codeHash: string | null;
  now: number;
  maxAttempts: number;
}

export interface CodeLock {
  lockedUntil: number | null;
  hardLocked: boolean;
  windowFailures: number;
  consecutiveFailures: number;
}

export interface CodeFailureInput {
  userId: string;
  now: number;
  windowMs: number;
  lockAfter: number;
  lockMs: number;
  hardLockAfter: number;
}

export interface Counter {
  count: number;
  /** When the current window ends (ms). */
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
}

export interface Organization {
  id: string;
  name: string;
}

/** The built-in identity's accounts and organizations. */
export interface AccountStore {
  findAccountByEmail(email: string): Promise<Account | null>;
  getAccount(id: string): Promise<Account | null>;
  listContacts(organizationId?: string): Promise<Account[]>;
  listOrganizations(): Promise<Organization[]>;
  /** Inserts or leaves alone: seeding twice changes nothing. */
  ensureOrganization(org: Organization): Promise<void>;
  ensureAccount(account: Account): Promise<void>;
  /**
   * Replaces the password hash only while it is still `expected`, so that a rehash at sign-in
   * never writes an old password back over a change made meanwhile. True when it was replaced.
   */
  updatePasswordHash(id: string, next: string, expected: string): Promise<boolean>;
}

export interface TwoFactorStore {
  readonly accounts: AccountStore;

  getSettings(): Promise<Settings>;
  /** Writes the settings; `generation` goes up in the same statement when `enabled` turns on. */
  updateSettings(next: { enabled: boolean; allowOptOut: boolean }, at: number, by: string): Promise<Settings>;

  getFactorState(userId: string): Promise<FactorState>;
  getFactorStates(userIds: string[]): Promise<Map<string, FactorState>>;
  /** Enrolls `phone` for `generation` and clears any skip. */
  enroll(userId: string, phone: string, generation: number, at: number): Promise<void>;
  skip(userId: string, generation: number, at: number): Promise<void>;
  clearSkip(userId: string): Promise<void>;
  /** Clears enrollment, skip, code lock, codes and sessions of one user. */
  resetTwoFactor(userId: string): Promise<void>;

  createSession(session: Session): Promise<void>;
  findSession(idHash: string): Promise<Session | null>;
  setSessionStep(idHash: string, step: PendingStep): Promise<void>;
  /**
   * Turns a pending session into a complete one under a new id. Atomic: of many parallel
   * calls for one pending session exactly one returns true.
   */
  promoteSession(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt'>): Promise<boolean>;
  touchSession(idHash: string, at: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;

  /** Stores the code for a login, replacing (voiding) the one sent before. */
  putCode(code: NewCode): Promise<void>;
  getCode(sessionIdHash: string): Promise<Code | null>;
  /** Counts a try and consumes the code if it matches, in one conditional statement. */
  attemptCode(input: AttemptInput): Promise<AttemptResult>;
  /**
   * Consumes the live code of this login without comparing anything, for a provider that checked
   * the code itself (Twilio Verify). One conditional statement: of parallel calls at most one gets
   * the phone; null when the code is used, expired or not there.
   */
  consumeCode(sessionIdHash: string, purpose: CodePurpose, now: number): Promise<string | null>;

  getCodeLock(userId: string): Promise<CodeLock | null>;
  /** Counts one wrong code against the account and locks it at the thresholds; atomic. */
  recordCodeFailure(input: CodeFailureInput): Promise<CodeLock>;
  /** A right code ends the run of consecutive failures. */
  clearConsecutiveFailures(userId: string): Promise<void>;

  /** Adds one to a fixed-window counter and returns it; atomic. */
  hit(key: string, windowMs: number, now: number): Promise<Counter>;
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

  /** Deletes expired sessions, codes and counters, and delivery records older than 30 days. */
  sweep(now: number): Promise<void>;
}
