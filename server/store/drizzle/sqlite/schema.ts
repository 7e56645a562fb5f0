/**
 * The SQLite/libSQL schema. Every table is prefixed `cb_` so it sits beside a host's own tables.
 * Times are integer milliseconds since the epoch. Migrations: `npm run db:generate:sqlite`.
 * @module
 */
import { foreignKey, index, integer, primaryKey, sqliteTableCreator, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

const table = sqliteTableCreator((name) => `cb_${name}`);

/**
 * The portals of one deployment: each white-labeled portal's own 2FA settings (`enabled`,
 * `allow_opt_out`, `generation`), branding, SMS identity, countries, budget and policies. Every
 * other table carries `portal_id`, part of its key, so nothing of one portal is reachable from
 * another. A database of the single-portal release moves into the portal `default`.
 */
export const portals = table('portals', {
  id: text('id').primaryKey(),
  /** Null for the migrated `default` portal: the deployment's `appName` stands. */
  name: text('name'),
  logoUrl: text('logo_url'),
  accent: text('accent'),
  smsName: text('sms_name'),
  smsFrom: text('sms_from'),
  smsMessagingServiceSid: text('sms_messaging_service_sid'),
  smsLocale: text('sms_locale').notNull().default('en'),
  webOtpDomain: text('webotp_domain'),
  /** JSON array of ISO country codes; null: the deployment's default. */
  allowedCountries: text('allowed_countries'),
  dailySmsBudget: integer('daily_sms_budget'),
  /** JSON object of the recovery policies (§10). */
  policies: text('policies'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
  allowOptOut: integer('allow_opt_out', { mode: 'boolean' }).notNull().default(false),
  generation: integer('generation').notNull().default(0),
  /** The deadline of "Skip for Now" for every contact (ms of 00:00 UTC of a day); null: none. */
  enforceFrom: integer('enforce_from'),
  updatedAt: integer('updated_at'),
  updatedBy: text('updated_by'),
  createdAt: integer('created_at').notNull().default(0),
});

export const organizations = table(
  'organizations',
  {
    portalId: text('portal_id').notNull().default('default'),
    id: text('id').notNull(),
    name: text('name').notNull(),
    /** inherit (the portal's settings), required (no "Skip for Now"), exempt (no 2FA). */
    twoFactorPolicy: text('two_factor_policy', { enum: ['inherit', 'required', 'exempt'] }).notNull().default('inherit'),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.id] })],
);

/** The built-in identity. Hosts with their own user store leave it empty. */
export const accounts = table(
  'accounts',
  {
    portalId: text('portal_id').notNull().default('default'),
    id: text('id').notNull(),
    /** Unique per portal: the same email in two portals is two accounts. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    organizationId: text('organization_id'),
    role: text('role', { enum: ['contact', 'admin'] }).notNull(),
    masterAdmin: integer('master_admin', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.portalId, t.id] }),
    uniqueIndex('cb_accounts_email_idx').on(t.portalId, t.email),
    index('cb_accounts_organization_idx').on(t.portalId, t.organizationId),
    foreignKey({ columns: [t.portalId, t.organizationId], foreignColumns: [organizations.portalId, organizations.id] }),
  ],
);

/** A phone enrolled for one generation of the portal setting. */
export const enrollments = table(
  'enrollments',
  {
    portalId: text('portal_id').notNull().default('default'),
    userId: text('user_id').notNull(),
    phone: text('phone').notNull(),
    generation: integer('generation').notNull(),
    enrolledAt: integer('enrolled_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.userId] })],
);

/** "Skip for Now", remembered for one generation. */
export const skips = table(
  'skips',
  {
    portalId: text('portal_id').notNull().default('default'),
    userId: text('user_id').notNull(),
    generation: integer('generation').notNull(),
    skippedAt: integer('skipped_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.userId] })],
);

/** Sessions by the SHA-256 of their id; the id itself is only in the user's cookie. */
export const sessions = table(
  'sessions',
  {
    portalId: text('portal_id').notNull().default('default'),
    idHash: text('id_hash').notNull(),
    userId: text('user_id').notNull(),
    status: text('status', { enum: ['pending', 'complete'] }).notNull(),
    step: text('step', { enum: ['enroll', 'confirm', 'verify'] }),
    amr: text('amr', { enum: ['pwd', 'pwd sms', 'pwd recovery', 'pwd device'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    ip: text('ip').notNull(),
    /** The settings generation a pending login began in; a step of an older one is refused. */
    generation: integer('generation').notNull().default(0),
    /** When this session's user last gave a second factor (the login's code, a step-up); null: never. */
    secondFactorAt: integer('second_factor_at'),
  },
  (t) => [
    primaryKey({ columns: [t.portalId, t.idHash] }),
    // The user first: a session is found by its id through the key, never by this index. Led by
    // the portal, it served \`portal_id = $1\` as well as the key in a generic plan, and with one
    // busy portal among 10,000 PostgreSQL picked it and read all that portal's sessions
    // (migration 0011). Every read by user names the portal too.
    index('cb_sessions_user_idx').on(t.userId, t.portalId),
    index('cb_sessions_expires_idx').on(t.expiresAt),
  ],
);

/** The one live code of a pending login; a resend replaces it. Only the HMAC is stored. */
export const codes = table(
  'codes',
  {
    portalId: text('portal_id').notNull().default('default'),
    sessionIdHash: text('session_id_hash').notNull(),
    userId: text('user_id').notNull(),
    purpose: text('purpose', { enum: ['enroll', 'login', 'step_up', 'phone_change'] }).notNull(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: integer('sent_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    consumedAt: integer('consumed_at'),
    /** The settings generation the code was sent in: a code of an older one is never accepted. */
    generation: integer('generation').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.portalId, t.sessionIdHash] }),
    index('cb_codes_user_idx').on(t.portalId, t.userId),
    // The sweep's bounded batches find expired codes without a scan. A used code waits for its
    // expiry (minutes) like any other: an index on consumed_at, written at every right code,
    // cost each verify's commit two more pages (migration 0010 drops it).
    index('cb_codes_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Recovery codes (product spec §10): ten single-use codes of one account, shown once and stored
 * only as HMACs (the input names the portal and the account). `used_at` marks a spent one; a new
 * set replaces the old, and an admin reset removes them.
 */
export const recoveryCodes = table(
  'recovery_codes',
  {
    portalId: text('portal_id').notNull().default('default'),
    userId: text('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.userId, t.codeHash] })],
);

/**
 * Trusted devices (product spec §10, "Trust this device"): a browser that gave a right code with
 * the box ticked skips the SMS at its next password logins of that account on that portal. Only
 * the HMAC of the 256-bit device cookie is stored. A device is bound to the enrollment it was
 * trusted under (`phone`, `generation`): a new phone or a new generation ends it.
 */
export const trustedDevices = table(
  'trusted_devices',
  {
    portalId: text('portal_id').notNull().default('default'),
    idHash: text('id_hash').notNull(),
    userId: text('user_id').notNull(),
    /** The enrolled phone it was trusted under. */
    phone: text('phone').notNull(),
    generation: integer('generation').notNull(),
    /** A short browser label ("Chrome on macOS") for the user's and the admin's lists. */
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.idHash] }), index('cb_trusted_devices_user_idx').on(t.portalId, t.userId), index('cb_trusted_devices_expires_idx').on(t.expiresAt)],
);

/**
 * "I lost my phone" (product spec §10): a user at the verify step asks the portal's admins for a
 * reset. One open request per account; the admin's reset closes (deletes) it.
 */
export const resetRequests = table(
  'reset_requests',
  {
    portalId: text('portal_id').notNull().default('default'),
    userId: text('user_id').notNull(),
    requestedAt: integer('requested_at').notNull(),
    ip: text('ip'),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.userId] })],
);

/**
 * Wrong-code counters per account: the 10-in-15-minutes lock and the 100-consecutive hard lock.
 * The window slides: `prev_window_failures` keeps the window before the current one, and a try is
 * evaluated only while both together are under the limit, so no stretch of 15 minutes ever sees
 * more than 10 wrong codes, however the tries straddle a window's edge. `last_try` names the try
 * that last passed the check (the atomic step's own marker), `locked_by` the try that set the lock.
 */
export const codeLocks = table(
  'code_locks',
  {
  portalId: text('portal_id').notNull().default('default'),
  userId: text('user_id').notNull(),
  windowStartedAt: integer('window_started_at').notNull(),
  windowFailures: integer('window_failures').notNull(),
  prevWindowFailures: integer('prev_window_failures').notNull().default(0),
  consecutiveFailures: integer('consecutive_failures').notNull(),
  lockedUntil: integer('locked_until'),
  hardLocked: integer('hard_locked', { mode: 'boolean' }).notNull().default(false),
  lastTry: text('last_try'),
  lockedBy: text('locked_by'),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.userId] })],
);

/**
 * Sliding-window counters for sends and password failures, keyed by an HMAC of route + subject:
 * `count` is the current window, `prev_count` the one before, and their sum is what a limit is
 * held against, so a burst on both sides of a window's edge cannot get twice the limit.
 */
export const rateLimits = table(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStartedAt: integer('window_started_at').notNull(),
    windowMs: integer('window_ms').notNull(),
    count: integer('count').notNull(),
    prevCount: integer('prev_count').notNull().default(0),
  },
  // The sweep's test of a counter that no longer counts (its window and the next one are over),
  // as an expression index: the sweep's WHERE names the same sum.
  (t) => [index('cb_rate_limits_ends_idx').on(sql`(${t.windowStartedAt} + 2 * ${t.windowMs})`)],
);

/**
 * Code SMS by the provider's message id, with the last delivery state its status callbacks
 * reported. `rank` orders the states so a late `sent` cannot overwrite `delivered`.
 */
export const smsDeliveries = table(
  'sms_deliveries',
  {
    messageId: text('message_id').primaryKey(),
    portalId: text('portal_id').notNull().default('default'),
    userId: text('user_id').notNull(),
    sessionIdHash: text('session_id_hash'),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'] }).notNull(),
    rank: integer('rank').notNull(),
    errorCode: integer('error_code'),
    sentAt: integer('sent_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('cb_sms_deliveries_user_idx').on(t.portalId, t.userId, t.sentAt),
    index('cb_sms_deliveries_session_idx').on(t.sessionIdHash, t.sentAt),
    // The sweep drops records past their retention by age alone.
    index('cb_sms_deliveries_sent_idx').on(t.sentAt),
  ],
);

export const auditEvents = table(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    portalId: text('portal_id').notNull().default('default'),
    at: integer('at').notNull(),
    type: text('type').notNull(),
    actorId: text('actor_id'),
    subjectId: text('subject_id'),
    ip: text('ip'),
    detail: text('detail'),
  },
  (t) => [index('cb_audit_subject_idx').on(t.portalId, t.subjectId, t.at), index('cb_audit_at_idx').on(t.portalId, t.at)],
);

