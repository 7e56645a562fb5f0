/**
 * A database made by the single-portal release (migrations 0000..0002, as that release shipped
 * them) upgrades into the portal `default` and loses nothing: its settings and their generation,
 * organizations, accounts (with their password hashes), enrollments, skips, code locks, sessions,
 * codes, deliveries and audit rows. The old rows are written with raw SQL, as that release's
 * schema had them; then every migration is applied and the data is read back through the store
 * and through the router. On libSQL and PostgreSQL.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHmac } from '../../server/crypto/hash.js';
import { createTwoFactor, devOutbox, pbkdf2Hasher, sqliteStore, type TwoFactorStore } from '../../server/index.js';
import { migratePg, migrateSqlite, pgMigrationsFolder, sqliteMigrationsFolder } from '../../server/node/index.js';
import { pgStore } from '../../server/store/drizzle/pg/store.js';
import { createTestDatabase, describeWithPostgres } from '../contract/pg-database.js';
import { endPool, testPool } from '../support/pg-pool.js';

const PASSWORD = 'correct horse battery staple';
const SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** A fixed time, which the old rows are dated from. */
class Clock {
  now = Date.UTC(2026, 0, 5, 9, 0, 0);
  readonly read = () => this.now;
}

/** The migrations the single-portal release shipped. */
const PREVIOUS_RELEASE = ['0000_init', '0001_sms_deliveries', '0002_sliding_locks'];

/** A migrations folder holding only the previous release's migrations and their journal. */
function previousReleaseFolder(folder: string): string {
  const out = mkdtempSync(join(tmpdir(), 'cb2fa-prev-'));
  mkdirSync(join(out, 'meta'));
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8'));
  const entries = journal.entries.slice(0, PREVIOUS_RELEASE.length);
  expect(entries.map((e: { tag: string }) => e.tag)).toEqual(PREVIOUS_RELEASE);
  writeFileSync(join(out, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }, null, 2));
  for (const tag of PREVIOUS_RELEASE) {
    copyFileSync(join(folder, `${tag}.sql`), join(out, `${tag}.sql`));
    copyFileSync(join(folder, `meta/${tag.slice(0, 4)}_snapshot.json`), join(out, `meta/${tag.slice(0, 4)}_snapshot.json`));
  }
  return out;
}

const clock = new Clock();
const NOW = clock.now;
const DAY = 86_400_000;
const hasher = pbkdf2Hasher({ iterations: 1_000 });
const hmac = createHmac(SECRET);
const ADMIN_TOKEN = 'previous-release-admin-session-token-0123456789abcdef';
const PENDING_TOKEN = 'previous-release-pending-session-token-0123456789abcd';

type Row = Record<string, string | number | boolean | null>;

/** What the previous release had stored, table by table, in its own columns. */
let stored: Promise<[string, Row[]][]> | undefined;
const previousReleaseRows = () => (stored ??= makePreviousReleaseRows());

async function makePreviousReleaseRows(): Promise<[string, Row[]][]> {
  const passwordHash = await hasher.hash(PASSWORD);
  // That release stored a session under the HMAC of `session:<token>`.
  const adminSession = await hmac.sign(`session:${ADMIN_TOKEN}`);
  const pendingSession = await hmac.sign(`session:${PENDING_TOKEN}`);
  const account = (id: string, email: string, organizationId: string | null, role: string, masterAdmin = false): Row => ({
    id,
    email,
    name: id.replace('usr-', '').toUpperCase(),
    password_hash: passwordHash,
    organization_id: organizationId,
    role,
    master_admin: masterAdmin,
  });
  return [
    ['cb_settings', [{ id: 1, enabled: true, allow_opt_out: true, generation: 2, updated_at: NOW - DAY, updated_by: 'usr-admin' }]],
    ['cb_organizations', [{ id: 'org-demo', name: 'Demo Company' }, { id: 'org-acme', name: 'Acme' }]],
    [
      'cb_accounts',
      [
        account('usr-admin', 'admin@example.com', null, 'admin', true),
        account('usr-demo', 'demo@example.com', 'org-demo', 'contact'),
        account('usr-pat', 'pat@example.com', 'org-demo', 'contact'),
        account('usr-lee', 'lee@acme.example', 'org-acme', 'contact'),
        account('usr-old', 'old@acme.example', 'org-acme', 'contact'),
      ],
    ],
    [
      'cb_enrollments',
      [
        { user_id: 'usr-demo', phone: '+12025550143', generation: 2, enrolled_at: NOW - DAY / 2 },
        { user_id: 'usr-pat', phone: '+12025550144', generation: 2, enrolled_at: NOW - DAY / 2 },
        // Enrolled before 2FA was last turned on: no longer counts, before or after the upgrade.
        { user_id: 'usr-old', phone: '+12025550146', generation: 1, enrolled_at: NOW - 3 * DAY },
      ],
    ],
    ['cb_skips', [{ user_id: 'usr-lee', generation: 2, skipped_at: NOW - DAY / 4 }]],
    [
      'cb_code_locks',
      [{ user_id: 'usr-pat', window_started_at: NOW - 60_000, window_failures: 10, prev_window_failures: 3, consecutive_failures: 10, locked_until: NOW + 14 * 60_000, hard_locked: false, last_try: null, locked_by: null }],
    ],
    [
      'cb_sessions',
      [
        { id_hash: adminSession, user_id: 'usr-admin', status: 'complete', step: null, amr: 'pwd', created_at: NOW - 60_000, expires_at: NOW + 8 * 3_600_000, last_seen_at: NOW - 30_000, ip: '198.51.100.1', generation: 0 },
        { id_hash: pendingSession, user_id: 'usr-demo', status: 'pending', step: 'verify', amr: 'pwd', created_at: NOW - 30_000, expires_at: NOW + 9 * 60_000, last_seen_at: NOW - 30_000, ip: '203.0.113.7', generation: 2 },
      ],
    ],
    [
      'cb_codes',
      [{ session_id_hash: pendingSession, user_id: 'usr-demo', purpose: 'login', phone: '+12025550143', code_hash: 'previous-release-code-mac', attempts: 1, sent_at: NOW - 30_000, expires_at: NOW + 270_000, consumed_at: null, generation: 2 }],
    ],
    ['cb_rate_limits', [{ key: 'send.phone:previous', window_started_at: NOW - 60_000, window_ms: 600_000, count: 2, prev_count: 1 }]],
    ['cb_sms_deliveries', [{ message_id: 'SM0123', user_id: 'usr-demo', session_id_hash: pendingSession, status: 'delivered', rank: 4, error_code: null, sent_at: NOW - 30_000, updated_at: NOW - 25_000 }]],
    [
      'cb_audit_events',
      [
        { at: NOW - DAY, type: 'settings.changed', actor_id: 'usr-admin', subject_id: null, ip: '198.51.100.1', detail: JSON.stringify({ before: { enabled: false, allowOptOut: true }, after: { enabled: true, allowOptOut: true }, generation: 2 }) },
        { at: NOW - DAY / 2, type: 'enrolled', actor_id: 'usr-demo', subject_id: 'usr-demo', ip: '203.0.113.7', detail: null },
        { at: NOW - DAY / 2 + 1, type: 'login.succeeded', actor_id: 'usr-demo', subject_id: 'usr-demo', ip: '203.0.113.7', detail: JSON.stringify({ amr: 'pwd sms' }) },
      ],
    ],
  ];
}

interface Dialect {
  /** Runs one statement with `?` placeholders. */
  run(sql: string, args: unknown[]): Promise<void>;
  /** Booleans as the dialect's columns take them. */
  bool(value: boolean): unknown;
}

async function insertPreviousRelease(dialect: Dialect) {
  for (const [table, rows] of await previousReleaseRows()) {
    for (const row of rows) {
      const columns = Object.keys(row);
      const args = Object.values(row).map((v) => (typeof v === 'boolean' ? dialect.bool(v) : v));
      await dialect.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, args);
    }
  }
}

/** Everything the previous release stored, read back through the `default` portal's store. */
async function expectIntact(store: TwoFactorStore) {
  const rows = new Map(await previousReleaseRows());
  expect(store.portalId).toBe('default');
  expect(await store.getSettings()).toEqual({ enabled: true, allowOptOut: true, generation: 2, enforceFrom: null, updatedAt: NOW - DAY, updatedBy: 'usr-admin' });
  expect((await store.portals.list()).map((p) => p.id)).toEqual(['default']);
  expect(await store.portals.get('default')).toMatchObject({ id: 'default', name: null, allowedCountries: null, dailySmsBudget: null });

  expect((await store.accounts.listOrganizations()).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
    { id: 'org-acme', name: 'Acme', twoFactorPolicy: 'inherit' },
    { id: 'org-demo', name: 'Demo Company', twoFactorPolicy: 'inherit' },
  ]);
  for (const old of rows.get('cb_accounts')!) {
    const expected = { id: old.id, email: old.email, name: old.name, passwordHash: old.password_hash, organizationId: old.organization_id, role: old.role, masterAdmin: old.master_admin };
    // Every organization inherits after the upgrade: that release had no policies.
    if (old.organization_id) Object.assign(expected, { organizationPolicy: 'inherit' });
    expect(await store.accounts.getAccount(String(old.id))).toEqual(expected);
    expect(await store.accounts.findAccountByEmail(String(old.email))).toEqual(expected);
  }
  expect((await store.accounts.listContacts('org-demo')).map((a) => a.id).sort()).toEqual(['usr-demo', 'usr-pat']);

  expect(await store.getFactorState('usr-demo')).toEqual({ enrollment: { phone: '+12025550143', generation: 2, enrolledAt: NOW - DAY / 2 }, skip: null });
  expect(await store.getFactorState('usr-old')).toEqual({ enrollment: { phone: '+12025550146', generation: 1, enrolledAt: NOW - 3 * DAY }, skip: null });
  expect(await store.getFactorState('usr-lee')).toEqual({ enrollment: null, skip: { generation: 2, skippedAt: NOW - DAY / 4 } });
  expect(await store.getCodeLock('usr-pat')).toEqual({ lockedUntil: NOW + 14 * 60_000, hardLocked: false, windowFailures: 10, prevWindowFailures: 3, consecutiveFailures: 10 });

  const [adminSession, pendingSession] = rows.get('cb_sessions')!;
  expect(await store.findSession(String(adminSession!.id_hash))).toEqual({
    idHash: adminSession!.id_hash,
    userId: 'usr-admin',
    status: 'complete',
    step: null,
    amr: 'pwd',
    createdAt: NOW - 60_000,
    expiresAt: NOW + 8 * 3_600_000,
    lastSeenAt: NOW - 30_000,
    ip: '198.51.100.1',
    generation: 0,
    // That release did not record second factors: a step-up asks for one.
    secondFactorAt: null,
  });
  expect(await store.findSession(String(pendingSession!.id_hash))).toMatchObject({ userId: 'usr-demo', status: 'pending', step: 'verify', generation: 2 });
  expect(await store.getCode(String(pendingSession!.id_hash))).toMatchObject({ userId: 'usr-demo', purpose: 'login', codeHash: 'previous-release-code-mac', attempts: 1, generation: 2, consumedAt: null });
  expect((await store.sessionSmsDelivery(String(pendingSession!.id_hash)))?.messageId).toBe('SM0123');
  expect((await store.lastSmsDeliveries(['usr-demo'])).get('usr-demo')).toMatchObject({ messageId: 'SM0123', status: 'delivered' });

  const audit = await store.listAudit();
  expect(audit.map((e) => e.type)).toEqual(['login.succeeded', 'enrolled', 'settings.changed']);
  expect(audit[2]).toMatchObject({ at: NOW - DAY, actorId: 'usr-admin', ip: '198.51.100.1', detail: { after: { enabled: true }, generation: 2 } });
  expect(audit[0]!.detail).toEqual({ amr: 'pwd sms' });
  expect((await store.lastLogins(['usr-demo'])).get('usr-demo')).toBe(NOW - DAY / 2 + 1);
}

const request = (app: Hono, method: string, path: string, body?: unknown, cookie = '') =>
  app.request(
    `http://portal.test/api/2fa${path}`,
    { method, headers: { 'content-type': 'application/json', cookie }, ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }) },
    { incoming: { socket: { remoteAddress: '203.0.113.7' } } },
  );
const cookieOf = (res: Response) => /cb_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';

/** The upgraded database behind the router, as the single-portal host mounts it. */
async function expectRouterWorks(db: Parameters<typeof createTwoFactor>[0]['db']) {
  const outbox = devOutbox({ now: clock.read });
  const tf = createTwoFactor({ db, sms: outbox, secret: SECRET, hasher, clock: clock.read, smsDomain: 'portal.test' });
  const app = new Hono();
  app.route('/api/2fa', tf.app);
  const login = async (email: string) => {
    const res = await request(app, 'POST', '/login', { email, password: PASSWORD });
    return { status: res.status, body: (await res.json()) as any, cookie: cookieOf(res) };
  };

  // The old password hash signs in; the enrollment of generation 2 still counts: a code is due.
  const demo = await login('demo@example.com');
  expect(demo.body).toMatchObject({ step: 'verify', maskedPhone: 'xxx-xxx-0143' });
  const verified = await request(app, 'POST', '/verify', { code: outbox.lastCode('+12025550143') }, `cb_session=${demo.cookie}`);
  expect(await verified.json()).toMatchObject({ step: 'authenticated', user: { id: 'usr-demo' } });
  // The skip of generation 2 still counts; the enrollment of generation 1 does not; the lock holds.
  expect((await login('lee@acme.example')).body).toMatchObject({ step: 'authenticated' });
  expect((await login('old@acme.example')).body).toEqual({ step: 'enroll', canSkip: true });
  const pat = await login('pat@example.com');
  expect(pat.status).toBe(429);
  expect(pat.body.error.code).toBe('rate_limited');

  // The Master Admin sees the settings and the old audit rows beside the new ones.
  const admin = await login('admin@example.com');
  expect(admin.body.step).toBe('authenticated');
  const settings = await request(app, 'GET', '/admin/settings', undefined, `cb_session=${admin.cookie}`);
  expect(await settings.json()).toMatchObject({ enabled: true, allowOptOut: true, generation: 2 });
  const audit = (await (await request(app, 'GET', '/admin/audit?limit=500', undefined, `cb_session=${admin.cookie}`)).json()) as { events: { type: string }[] };
  expect(audit.events.map((e) => e.type)).toEqual(expect.arrayContaining(['settings.changed', 'enrolled', 'login.succeeded', 'code.verified']));
  expect(audit.events.filter((e) => e.type === 'settings.changed')).toHaveLength(1);
}

/** The cookie of a session signed in before the upgrade, after it. */
async function expectOldSessionSignedIn(db: Parameters<typeof createTwoFactor>[0]['db']) {
  const tf = createTwoFactor({ db, sms: devOutbox(), secret: SECRET, hasher, clock: clock.read, smsDomain: 'portal.test' });
  const app = new Hono();
  app.route('/api/2fa', tf.app);
  const session = await request(app, 'GET', '/session', undefined, `cb_session=${ADMIN_TOKEN}`);
  expect(session.status).toBe(200);
  expect(await session.json()).toMatchObject({ user: { id: 'usr-admin' } });
}

/** Migrations after the single-portal release's three (0000..0002): every one runs at the upgrade. */
const sinceRelease = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.sql')).length - 3;

/** A database of the previous release, filled, then upgraded to this one. */
async function upgradedLibsql() {
  const client = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), 'cb2fa-upgrade-')), 'previous.db')}` });
  expect(await migrateSqlite(client, previousReleaseFolder(sqliteMigrationsFolder()))).toEqual({ applied: 3 });
  await insertPreviousRelease({ run: async (sql, args) => void (await client.execute({ sql, args: args as never })), bool: (v) => (v ? 1 : 0) });
  expect(await migrateSqlite(client)).toEqual({ applied: sinceRelease(sqliteMigrationsFolder()) });
  return { db: drizzleLibsql(client), close: async () => client.close() };
}

async function upgradedPostgres() {
  const database = await createTestDatabase();
  const pool = testPool(database.url, 4);
  const close = async () => {
    await endPool(pool);
    await database.drop();
  };
  try {
    const db = drizzlePg(pool);
    expect(await migratePg(db, previousReleaseFolder(pgMigrationsFolder()))).toEqual({ applied: 3 });
    let n = 0;
    const numbered = (sql: string) => ((n = 0), sql.replace(/\?/g, () => `$${++n}`));
    await insertPreviousRelease({ run: async (sql, args) => void (await pool.query(numbered(sql), args)), bool: (v) => v });
    expect(await migratePg(db)).toEqual({ applied: sinceRelease(pgMigrationsFolder()) });
    return { db, close };
  } catch (err) {
    await close();
    throw err;
  }
}

const upgrades = { libSQL: upgradedLibsql, PostgreSQL: upgradedPostgres };
const stores = { libSQL: sqliteStore, PostgreSQL: pgStore } as const;

for (const dialect of ['libSQL', 'PostgreSQL'] as const) {
  const suite = dialect === 'PostgreSQL' ? describeWithPostgres : describe;
  suite(`a ${dialect} database of the single-portal release`, () => {
    it('migrates into the default portal with its settings, accounts, enrollments, locks, sessions and audit intact', async () => {
      const { db, close } = await upgrades[dialect]();
      try {
        await expectIntact(stores[dialect](db as never));
        await expectRouterWorks(db);
      } finally {
        await close();
      }
    });

    // The default portal hashes session ids as the single-portal release did (hash-scope.ts), so
    // nobody signed in is signed out by the upgrade.
    it('keeps a session signed in before the upgrade signed in after it', async () => {
      const { db, close } = await upgrades[dialect]();
      try {
        await expectOldSessionSignedIn(db);
      } finally {
        await close();
      }
    });
  });
}
