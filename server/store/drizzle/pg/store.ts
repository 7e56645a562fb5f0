/**
 * `TwoFactorStore` on any Drizzle PostgreSQL database: node-postgres (`drizzle-orm/node-postgres`)
 * for servers, PGlite (`drizzle-orm/pglite`) embedded. Imports only `drizzle-orm/pg-core`, never a
 * driver, so it runs wherever the host's driver does.
 *
 * Every limit is one conditional statement (`UPDATE … WHERE … RETURNING`,
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`), never read-then-write. Under READ COMMITTED, a
 * concurrent UPDATE of the same row waits for the first writer and then re-checks its WHERE clause
 * against the committed row, and ON CONFLICT DO UPDATE always either inserts or updates: so N
 * parallel statements from any number of instances see N distinct results.
 *
 * Parameters that land in a `CASE` are cast (`::bigint`): PostgreSQL types an untyped parameter
 * in a CASE branch as text, which it then refuses to store in a bigint column.
 * @module
 */
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type {
  Account,
  AccountStore,
  AuditEvent,
  Code,
  CodeLock,
  CodeTryInput,
  CodeTryResult,
  Counter,
  DeliveryUpdate,
  FactorState,
  NewCode,
  Organization,
  OrganizationPolicy,
  PendingStep,
  Portal,
  PortalInput,
  PortalPatch,
  PortalStore,
  RecoveryTryInput,
  RecoveryTryResult,
  Session,
  SettleInput,
  PortalFactors,
  Settings,
  SettingsUpdate,
  SmsDelivery,
  StoredAuditEvent,
  TwoFactorStore,
  TrustedDevice,
} from '../../store.js';
import { PortalExistsError } from '../../store.js';
import { newPortalColumns, portalColumns, toPortal, type PortalRow } from '../portal-row.js';
import * as t from './schema.js';
import { fromStandingRow, type StandingRow } from '../standing-row.js';
import { codeTryAndPromotionValues, render, type Rendered } from '../rendered.js';
import { runPreparedInOneTrip, simpleQueryClient } from './simple-query.js';
import { codeTryAndPromotionTrip } from './verify-trip.js';
import * as phoneChange from './phone-change.js';
import * as trusted from './trusted-devices.js';
import * as resetReq from './reset-requests.js';
import {
  afterRecoveryTry,
  afterTry,
  codeTryResult,
  consumeApproved,
  ensureLockRow,
  gateAndCount,
  gateAndCountRecovery,
  recoveryTryResult,
  releaseApprovedTry,
  spendRecovery,
  tryOnCode,
  type AfterRecoveryRow,
  type AfterTryRow,
  type TriedRow,
} from '../code-try.js';
import { slidingCounter } from '../sliding-counter.js';
import { DELIVERY_RETENTION_MS, pgSweepBatch, SWEEP_BATCH, sweepTargets } from '../sweep.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PgDb = PgDatabase<any, any, any>;

export type AccountRow = typeof t.accounts.$inferSelect;
export type SessionRow = typeof t.sessions.$inferSelect;
export type CodeRow = typeof t.codes.$inferSelect;
export type CodeLockRow = typeof t.codeLocks.$inferSelect;
export type RateLimitRow = typeof t.rateLimits.$inferSelect;
export type AuditEventRow = typeof t.auditEvents.$inferSelect;
export type SmsDeliveryRow = typeof t.smsDeliveries.$inferSelect;

const emptyState = (): FactorState => ({ enrollment: null, skip: null });

/** The settings as `Settings`, in the portal's row. */
const settingsColumns = {
  enabled: t.portals.enabled,
  allowOptOut: t.portals.allowOptOut,
  generation: t.portals.generation,
  enforceFrom: t.portals.enforceFrom,
  updatedAt: t.portals.updatedAt,
  updatedBy: t.portals.updatedBy,
};

/** The settings with one user's enrollment and skip (`StandingRow`), from their three tables joined. */
const standingColumns = {
  ...settingsColumns,
  phone: t.enrollments.phone,
  enrolledGeneration: t.enrollments.generation,
  enrolledAt: t.enrollments.enrolledAt,
  skipGeneration: t.skips.generation,
  skippedAt: t.skips.skippedAt,
};
const int8 = (n: number) => sql`${n}::bigint`;

/** The one-round-trip code try with its promotion, rendered once per number of audit events. */
const trips = new Map<number, Rendered[]>();


const toDelivery = ({ rank: _rank, portalId: _portal, ...row }: SmsDeliveryRow): SmsDelivery => row;
/** Rows without their portal: the caller knows it, and the contract's types do not carry it. */
const unportal = <T extends { portalId: string }>({ portalId: _portal, ...row }: T): Omit<T, 'portalId'> => row;

/** An account row joined with its organization's policy, as `Account`. */
const joinedAccount = ({ account, policy }: { account: typeof t.accounts.$inferSelect; policy: OrganizationPolicy | null }): Account => {
  const { portalId: _portal, ...row } = account;
  return policy ? { ...row, organizationPolicy: policy } : row;
};

/** Accounts with their own portal's organization: the join is on both keys. */
const accountsWithPolicy = (db: PgDb) =>
  db
    .select({ account: t.accounts, policy: t.organizations.twoFactorPolicy })
    .from(t.accounts)
    .leftJoin(t.organizations, and(eq(t.organizations.portalId, t.accounts.portalId), eq(t.organizations.id, t.accounts.organizationId)));

/** The enrollments and skips of some users of a portal, or of all of them: two statements either way. */
async function factorStates(db: PgDb, portalId: string, userIds?: string[]): Promise<Map<string, FactorState>> {
  const out = new Map<string, FactorState>();
  const [enrolled, skipped] = await Promise.all([
    db.select().from(t.enrollments).where(and(eq(t.enrollments.portalId, portalId), userIds ? inArray(t.enrollments.userId, userIds) : undefined)),
    db.select().from(t.skips).where(and(eq(t.skips.portalId, portalId), userIds ? inArray(t.skips.userId, userIds) : undefined)),
  ]);
  const state = (id: string) => out.get(id) ?? out.set(id, emptyState()).get(id)!;
  for (const e of enrolled) state(e.userId).enrollment = { phone: e.phone, generation: e.generation, enrolledAt: e.enrolledAt };
  for (const s of skipped) state(s.userId).skip = { generation: s.generation, skippedAt: s.skippedAt };
  return out;
}

class PgAccounts implements AccountStore {
  constructor(
    private readonly db: PgDb,
    private readonly portalId: string,
  ) {}

  private get mine() {
    return eq(t.accounts.portalId, this.portalId);
  }

  async findAccountByEmail(email: string) {
    const [row] = await accountsWithPolicy(this.db).where(and(this.mine, eq(t.accounts.email, email))).limit(1);
    return row ? joinedAccount(row) : null;
  }
  async getAccount(id: string) {
    const [row] = await accountsWithPolicy(this.db).where(and(this.mine, eq(t.accounts.id, id))).limit(1);
    return row ? joinedAccount(row) : null;
  }
  async listContacts(organizationId?: string) {
    const where = organizationId
      ? and(this.mine, eq(t.accounts.role, 'contact'), eq(t.accounts.organizationId, organizationId))
      : and(this.mine, eq(t.accounts.role, 'contact'));
    // COLLATE "C": byte order, as SQLite sorts, so both dialects list contacts alike whatever the
    // database's locale.
    return (await this.db.select().from(t.accounts).where(where).orderBy(sql`${t.accounts.name} COLLATE "C"`)).map((r) => unportal(r) as Account);
  }
  async listOrganizations() {
    return (
      await this.db.select().from(t.organizations).where(eq(t.organizations.portalId, this.portalId)).orderBy(sql`${t.organizations.name} COLLATE "C"`)
    ).map((r) => unportal(r) as Organization);
  }
  async getOrganization(id: string) {
    const [row] = await this.db
      .select()
      .from(t.organizations)
      .where(and(eq(t.organizations.portalId, this.portalId), eq(t.organizations.id, id)))
      .limit(1);
    return row ? (unportal(row) as Organization) : null;
  }
  async setOrganizationPolicy(id: string, policy: OrganizationPolicy) {
    const [row] = await this.db
      .update(t.organizations)
      .set({ twoFactorPolicy: policy })
      .where(and(eq(t.organizations.portalId, this.portalId), eq(t.organizations.id, id)))
      .returning();
    return row ? (unportal(row) as Organization) : null;
  }
  // ON CONFLICT DO NOTHING without a target covers the key and the unique email alike: several
  // instances seeding at once leave one row and no error.
  async ensureOrganization(org: Organization) {
    await this.db.insert(t.organizations).values({ ...org, portalId: this.portalId }).onConflictDoNothing();
  }
  async ensureAccount(account: Account) {
    await this.db.insert(t.accounts).values({ ...account, portalId: this.portalId }).onConflictDoNothing();
  }
  async updatePasswordHash(id: string, next: string, expected: string) {
    const rows = await this.db
      .update(t.accounts)
      .set({ passwordHash: next })
      .where(and(this.mine, eq(t.accounts.id, id), eq(t.accounts.passwordHash, expected)))
      .returning({ id: t.accounts.id });
    return rows.length === 1;
  }
}

class PgPortals implements PortalStore {
  constructor(private readonly db: PgDb) {}

  async create(input: PortalInput, at: number) {
    const rows = await this.db.insert(t.portals).values(newPortalColumns(input, at)).onConflictDoNothing().returning();
    if (rows.length === 0) throw new PortalExistsError(input.id);
    return toPortal(rows[0] as PortalRow);
  }
  async update(id: string, patch: PortalPatch, at: number) {
    const current = await this.get(id);
    if (!current) return null;
    const [row] = await this.db.update(t.portals).set({ ...portalColumns(patch, current), updatedAt: at }).where(eq(t.portals.id, id)).returning();
    return row ? toPortal(row as PortalRow) : null;
  }
  async get(id: string) {
    const [row] = await this.db.select().from(t.portals).where(eq(t.portals.id, id)).limit(1);
    return row ? toPortal(row as PortalRow) : null;
  }
  async list(): Promise<Portal[]> {
    return (await this.db.select().from(t.portals).orderBy(sql`${t.portals.id} COLLATE "C"`)).map((r) => toPortal(r as PortalRow));
  }
}

export class PgTwoFactorStore implements TwoFactorStore {
  readonly accounts: AccountStore;
  readonly portals: PortalStore;
  /** The stores of the other portals, made once each and shared by all of them. */
  private readonly siblings: Map<string, PgTwoFactorStore>;
  /**
   * The signed-in request's read, built once: Drizzle builds its six-table join at every call
   * otherwise (measured costlier than the rest of the request's JavaScript). Named, so each
   * connection plans it once: planned again at every request (unnamed), its six-table join was
   * about 40 % of the server's CPU a verify, measured. Its generic plan finds the session by its
   * key (the query-plan test explains it so); before migration 0011 it chose the portal's user
   * index at 10,000 portals and filtered every session of a busy portal.
   */
  private readonly hot: ReturnType<typeof PgTwoFactorStore.prepareHot>;

  constructor(
    private readonly db: PgDb,
    readonly portalId = 'default',
    shared?: { siblings: Map<string, PgTwoFactorStore>; portals: PortalStore; hot: ReturnType<typeof PgTwoFactorStore.prepareHot> },
  ) {
    this.accounts = new PgAccounts(db, portalId);
    this.siblings = shared?.siblings ?? new Map([[portalId, this]]);
    this.portals = shared?.portals ?? new PgPortals(db);
    this.hot = shared?.hot ?? PgTwoFactorStore.prepareHot(db);
  }

  static prepareHot(db: PgDb) {
    const p = (name: string) => sql.placeholder(name);
    const sessionWithAccount = () =>
      db
        .select({ session: t.sessions, account: t.accounts, policy: t.organizations.twoFactorPolicy, standing: standingColumns })
        .from(t.sessions)
        .leftJoin(t.accounts, and(eq(t.accounts.portalId, t.sessions.portalId), eq(t.accounts.id, t.sessions.userId)))
        .leftJoin(t.organizations, and(eq(t.organizations.portalId, t.accounts.portalId), eq(t.organizations.id, t.accounts.organizationId)))
        .leftJoin(t.portals, eq(t.portals.id, t.sessions.portalId))
        .leftJoin(t.enrollments, and(eq(t.enrollments.portalId, t.sessions.portalId), eq(t.enrollments.userId, t.sessions.userId)))
        .leftJoin(t.skips, and(eq(t.skips.portalId, t.sessions.portalId), eq(t.skips.userId, t.sessions.userId)))
        .where(and(eq(t.sessions.portalId, p('pid')), eq(t.sessions.idHash, p('id'))))
        .limit(1);
    return {
      findSessionWithAccount: sessionWithAccount().prepare('cb2fa_session_with_account'),
      // The same read unnamed (an empty name), for a pooler that keeps no prepared statement.
      findSessionWithAccountUnnamed: sessionWithAccount().prepare(''),
      /** Set at a named read's miss: the pool's connections do not keep what they prepared. */
      unnamedOnly: false,
    };
  }

  forPortal(portalId: string): TwoFactorStore {
    let store = this.siblings.get(portalId);
    if (!store) {
      store = new PgTwoFactorStore(this.db, portalId, { siblings: this.siblings, portals: this.portals, hot: this.hot });
      this.siblings.set(portalId, store);
    }
    return store;
  }

  async getSettings(): Promise<Settings> {
    const [row] = await this.db.select(settingsColumns).from(t.portals).where(eq(t.portals.id, this.portalId)).limit(1);
    return row ?? { enabled: false, allowOptOut: false, generation: 0, enforceFrom: null, updatedAt: null, updatedBy: null };
  }

  async updateSettings(next: SettingsUpdate, at: number, by: string): Promise<Settings> {
    const { enabled, allowOptOut, enforceFrom } = next;
    const [row] = await this.db
      .insert(t.portals)
      .values({ id: this.portalId, enabled, allowOptOut, enforceFrom: enforceFrom ?? null, generation: enabled ? 1 : 0, updatedAt: at, updatedBy: by, createdAt: at })
      .onConflictDoUpdate({
        target: t.portals.id,
        set: {
          // Off → on starts a new generation: every earlier enrollment and skip stops counting.
          generation: sql`${t.portals.generation} + CASE WHEN NOT ${t.portals.enabled} AND excluded.enabled THEN 1 ELSE 0 END`,
          enabled: sql`excluded.enabled`,
          allowOptOut: sql`excluded.allow_opt_out`,
          // Left out, the deadline stays as it is.
          ...(enforceFrom === undefined ? {} : { enforceFrom: sql`excluded.enforce_from` }),
          updatedAt: at,
          updatedBy: by,
        },
      })
      .returning(settingsColumns);
    return row!;
  }

  async getFactorState(userId: string): Promise<FactorState> {
    return (await this.getFactorStates([userId])).get(userId) ?? emptyState();
  }

  async getStanding(userId: string): Promise<{ settings: Settings; state: FactorState }> {
    const [row] = await this.db
      .select(standingColumns)
      .from(t.portals)
      .leftJoin(t.enrollments, and(eq(t.enrollments.portalId, t.portals.id), eq(t.enrollments.userId, userId)))
      .leftJoin(t.skips, and(eq(t.skips.portalId, t.portals.id), eq(t.skips.userId, userId)))
      .where(eq(t.portals.id, this.portalId))
      .limit(1);
    // No record yet (a single portal before its first settings): 2FA is off, and the state as stored.
    if (!row) return { settings: await this.getSettings(), state: await this.getFactorState(userId) };
    return fromStandingRow(row);
  }

  async getFactorStates(userIds: string[]): Promise<Map<string, FactorState>> {
    if (userIds.length === 0) return new Map();
    return factorStates(this.db, this.portalId, userIds);
  }

  async portalFactors(): Promise<PortalFactors> {
    // Five statements for the whole portal, whatever its size (the open reset requests the fifth).
    const [states, lockRows, logins, resetRequests] = await Promise.all([
      factorStates(this.db, this.portalId),
      this.db.select().from(t.codeLocks).where(eq(t.codeLocks.portalId, this.portalId)),
      this.db
        .select({ userId: t.auditEvents.subjectId, at: sql<number>`max(${t.auditEvents.at})` })
        .from(t.auditEvents)
        .where(and(eq(t.auditEvents.portalId, this.portalId), eq(t.auditEvents.type, 'login.succeeded'), isNotNull(t.auditEvents.subjectId)))
        .groupBy(t.auditEvents.subjectId),
      resetReq.resetRequestTimes(this.db, this.portalId),
    ]);
    const locks = new Map<string, CodeLock>();
    for (const { userId, lockedUntil, hardLocked, windowFailures, prevWindowFailures, consecutiveFailures } of lockRows) {
      locks.set(userId, { lockedUntil, hardLocked, windowFailures, prevWindowFailures, consecutiveFailures });
    }
    const lastLogins = new Map<string, number>();
    for (const r of logins) if (r.userId) lastLogins.set(r.userId, Number(r.at));
    return { states, locks, lastLogins, resetRequests };
  }

  async enroll(userId: string, phone: string, generation: number, at: number) {
    const rows = await this.db
      .insert(t.enrollments)
      .values({ portalId: this.portalId, userId, phone, generation, enrolledAt: at })
      .onConflictDoUpdate({ target: [t.enrollments.portalId, t.enrollments.userId], set: { phone, generation, enrolledAt: at }, setWhere: lt(t.enrollments.generation, generation) })
      .returning({ userId: t.enrollments.userId });
    if (rows.length === 0) return false;
    await this.clearSkip(userId);
    return true;
  }

  async skip(userId: string, generation: number, at: number) {
    const { rows } = await this.db.execute(sql`INSERT INTO cb_skips (portal_id, user_id, generation, skipped_at)
      SELECT ${this.portalId}, ${userId}, ${generation}::integer, ${int8(at)}
      WHERE NOT EXISTS (SELECT 1 FROM cb_enrollments WHERE portal_id = ${this.portalId} AND user_id = ${userId} AND generation >= ${generation}::integer)
      ON CONFLICT (portal_id, user_id) DO UPDATE SET generation = excluded.generation, skipped_at = excluded.skipped_at
      RETURNING user_id`);
    return rows.length === 1;
  }

  async clearSkip(userId: string) {
    await this.db.delete(t.skips).where(and(eq(t.skips.portalId, this.portalId), eq(t.skips.userId, userId)));
  }

  async resetTwoFactor(userId: string) {
    await this.db.delete(t.enrollments).where(and(eq(t.enrollments.portalId, this.portalId), eq(t.enrollments.userId, userId)));
    await this.db.delete(t.skips).where(and(eq(t.skips.portalId, this.portalId), eq(t.skips.userId, userId)));
    await this.db.delete(t.codeLocks).where(and(eq(t.codeLocks.portalId, this.portalId), eq(t.codeLocks.userId, userId)));
    await this.db.delete(t.codes).where(and(eq(t.codes.portalId, this.portalId), eq(t.codes.userId, userId)));
    await this.db.delete(t.recoveryCodes).where(and(eq(t.recoveryCodes.portalId, this.portalId), eq(t.recoveryCodes.userId, userId)));
    await this.forgetTrustedDevices(userId);
    // The reset answers an "I lost my phone" request: it closes it.
    await this.closeResetRequest(userId);
    await this.deleteUserSessions(userId);
  }

  async createSession(session: Session) {
    await this.db.insert(t.sessions).values({ ...session, secondFactorAt: session.secondFactorAt ?? null, portalId: this.portalId });
  }

  async findSession(idHash: string) {
    const [row] = await this.db
      .select()
      .from(t.sessions)
      .where(and(eq(t.sessions.portalId, this.portalId), eq(t.sessions.idHash, idHash)))
      .limit(1);
    return row ? (unportal(row) as Session) : null;
  }

  async findSessionWithAccount(idHash: string) {
    const [row] = await readSessionWithAccount(this.hot, { pid: this.portalId, id: idHash });
    if (!row) return null;
    return {
      session: unportal(row.session) as Session,
      account: row.account ? joinedAccount({ account: row.account, policy: row.policy }) : null,
      // Without the portal's record (a single portal before its first settings) `getStanding` answers.
      ...(row.standing.enabled !== null ? { standing: fromStandingRow(row.standing as StandingRow) } : {}),
    };
  }

  async setSessionStep(idHash: string, step: PendingStep) {
    await this.db.update(t.sessions).set({ step }).where(and(eq(t.sessions.portalId, this.portalId), eq(t.sessions.idHash, idHash), eq(t.sessions.status, 'pending')));
  }

  async promoteSession(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>) {
    const rows = await this.db
      .update(t.sessions)
      .set({ ...next, secondFactorAt: next.secondFactorAt ?? null, status: 'complete', step: null })
      .where(and(eq(t.sessions.portalId, this.portalId), eq(t.sessions.idHash, oldIdHash), eq(t.sessions.status, 'pending')))
      .returning({ idHash: t.sessions.idHash });
    return rows.length === 1;
  }

  async promoteSessionAudited(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>, events: AuditEvent[]) {
    return (await this.db.execute(this.#promotionAudited(oldIdHash, next, events))).rows.length > 0;
  }

  /** One statement: the UPDATE in a CTE, the events inserted only if it changed a row; a row back if it did. */
  #promotionAudited(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>, events: AuditEvent[]): SQL {
    const pid = this.portalId;
    const rows = events.map(
      (e) =>
        sql`SELECT ${pid}::text, ${e.at}::bigint, ${e.type}::text, ${e.actorId}::text, ${e.subjectId}::text, ${e.ip}::text, ${e.detail ? JSON.stringify(e.detail) : null}::text WHERE EXISTS (SELECT 1 FROM promoted)`,
    );
    return sql`WITH promoted AS (
        UPDATE cb_sessions SET id_hash = ${next.idHash}, amr = ${next.amr}, expires_at = ${next.expiresAt}::bigint, last_seen_at = ${next.lastSeenAt}::bigint,
          second_factor_at = ${next.secondFactorAt ?? null}::bigint, status = 'complete', step = NULL
        WHERE portal_id = ${pid} AND id_hash = ${oldIdHash} AND status = 'pending' RETURNING 1)
      INSERT INTO cb_audit_events (portal_id, at, type, actor_id, subject_id, ip, detail) ${sql.join(rows, sql` UNION ALL `)} RETURNING 1`;
  }

  async stepUpSession(oldIdHash: string, next: { idHash: string; secondFactorAt: number; lastSeenAt: number }) {
    const rows = await this.db
      .update(t.sessions)
      .set(next)
      .where(and(eq(t.sessions.portalId, this.portalId), eq(t.sessions.idHash, oldIdHash), eq(t.sessions.status, 'complete')))
      .returning({ idHash: t.sessions.idHash });
    return rows.length === 1;
  }

  async touchSession(idHash: string, at: number) {
    await this.db.update(t.sessions).set({ lastSeenAt: at }).where(and(eq(t.sessions.portalId, this.portalId), eq(t.sessions.idHash, idHash)));
  }

  async deleteSession(idHash: string) {
    await this.db.delete(t.sessions).where(and(eq(t.sessions.portalId, this.portalId), eq(t.sessions.idHash, idHash)));
    await this.db.delete(t.codes).where(and(eq(t.codes.portalId, this.portalId), eq(t.codes.sessionIdHash, idHash)));
  }

  async deleteUserSessions(userId: string) {
    await this.db.delete(t.sessions).where(and(eq(t.sessions.portalId, this.portalId), eq(t.sessions.userId, userId)));
  }

  deleteOtherSessions(userId: string, keepIdHash: string) {
    return phoneChange.deleteOtherSessions(this.db, this.portalId, userId, keepIdHash);
  }

  createTrustedDevice(device: TrustedDevice) {
    return trusted.createTrustedDevice(this.db, this.portalId, device);
  }

  useTrustedDevice(idHash: string, userId: string, now: number, maxAgeMs: number) {
    return trusted.useTrustedDevice(this.db, this.portalId, idHash, userId, now, maxAgeMs);
  }

  listTrustedDevices(userId: string, now: number, maxAgeMs: number) {
    return trusted.listTrustedDevices(this.db, this.portalId, userId, now, maxAgeMs);
  }

  countTrustedDevices(userIds: string[], now: number, maxAgeMs: number) {
    return trusted.countTrustedDevices(this.db, this.portalId, userIds, now, maxAgeMs);
  }

  forgetTrustedDevices(userId: string) {
    return trusted.forgetTrustedDevices(this.db, this.portalId, userId);
  }

  requestReset(userId: string, at: number, ip: string | null) {
    return resetReq.requestReset(this.db, this.portalId, userId, at, ip);
  }

  resetRequestTimes(userIds: string[]) {
    return resetReq.resetRequestTimes(this.db, this.portalId, userIds);
  }

  closeResetRequest(userId: string) {
    return resetReq.closeResetRequest(this.db, this.portalId, userId);
  }

  replaceEnrolledPhone(userId: string, expected: string, next: string, generation: number, at: number) {
    return phoneChange.replaceEnrolledPhone(this.db, this.portalId, userId, expected, next, generation, at);
  }

  async putCode(code: NewCode) {
    const { sessionIdHash, ...rest } = code;
    await this.db
      .insert(t.codes)
      .values({ ...code, portalId: this.portalId, attempts: 0, consumedAt: null })
      // A new code voids the old one; tries on the old code are already counted on the account.
      .onConflictDoUpdate({ target: [t.codes.portalId, t.codes.sessionIdHash], set: { ...rest, attempts: 0, consumedAt: null } });
  }

  async getCode(sessionIdHash: string) {
    const [row] = await this.db
      .select()
      .from(t.codes)
      .where(and(eq(t.codes.portalId, this.portalId), eq(t.codes.sessionIdHash, sessionIdHash)))
      .limit(1);
    return row ? (unportal(row) as Code) : null;
  }

  async tryCode(input: CodeTryInput): Promise<CodeTryResult> {
    return this.db.transaction((tx) => this.#tryIn(tx, input));
  }

  async tryCodeAndPromote(input: CodeTryInput, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>, events: AuditEvent[]) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const client = simpleQueryClient((this.db as any).$client);
    if (client) {
      let statements = trips.get(events.length);
      if (!statements) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        statements = render((this.db as any).dialect, codeTryAndPromotionTrip(events.length));
        trips.set(events.length, statements);
      }
      const rows = await runPreparedInOneTrip(client, statements, codeTryAndPromotionValues(this.portalId, input, next, events));
      const tried = rows[2]?.[0];
      const after = rows[3]?.[0];
      return { result: codeTryResult(input, tried as TriedRow | undefined, after as AfterTryRow | undefined), promoted: tried?.promoted === true };
    }
    // The promotion in the try's transaction, after the account's lock row: the code cannot be
    // consumed by this try and the login promoted by no one, nor the events written twice.
    return this.db.transaction(async (tx) => {
      const result = await this.#tryIn(tx, input);
      const promoted = result.kind === 'accepted' && (await tx.execute(this.#promotionAudited(input.sessionIdHash, next, events))).rows.length > 0;
      return { result, promoted };
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async #tryIn(tx: { execute(q: SQL): Promise<{ rows: any[] }> }, input: CodeTryInput): Promise<CodeTryResult> {
    await tx.execute(ensureLockRow(this.portalId, input, int8, true));
    await tx.execute(gateAndCount(this.portalId, input, int8));
    const tried = await tx.execute(tryOnCode(this.portalId, input, int8));
    const after = await tx.execute(afterTry(this.portalId, input, int8));
    return codeTryResult(input, tried.rows[0] as TriedRow | undefined, after.rows[0] as unknown as AfterTryRow);
  }

  async settleApprovedTry(input: SettleInput): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      await tx.execute(releaseApprovedTry(this.portalId, input, int8));
      const consumed = await tx.execute(consumeApproved(this.portalId, input, int8));
      return (consumed.rows[0]?.phone as string | undefined) ?? null;
    });
  }

  async replaceRecoveryCodes(userId: string, codeHashes: string[], at: number) {
    await this.db.transaction(async (tx) => {
      await tx.delete(t.recoveryCodes).where(and(eq(t.recoveryCodes.portalId, this.portalId), eq(t.recoveryCodes.userId, userId)));
      if (codeHashes.length) await tx.insert(t.recoveryCodes).values(codeHashes.map((codeHash) => ({ portalId: this.portalId, userId, codeHash, createdAt: at, usedAt: null })));
    });
  }

  async tryRecoveryCode(input: RecoveryTryInput): Promise<RecoveryTryResult> {
    // The account's lock row first, FOR UPDATE (as in tryCode): tries of one account, recovery
    // codes and SMS codes alike, queue behind it, so two uses of one code cannot both pass.
    return this.db.transaction(async (tx) => {
      await tx.execute(ensureLockRow(this.portalId, input, int8, true));
      await tx.execute(gateAndCountRecovery(this.portalId, input, int8));
      const spent = await tx.execute(spendRecovery(this.portalId, input, int8));
      const after = await tx.execute(afterRecoveryTry(this.portalId, input));
      return recoveryTryResult(spent.rows[0], after.rows[0] as unknown as AfterRecoveryRow);
    });
  }

  async countRecoveryCodes(userIds: string[]) {
    const out = new Map<string, number>();
    if (userIds.length === 0) return out;
    const rows = await this.db
      .select({ userId: t.recoveryCodes.userId, left: sql<number>`count(*)` })
      .from(t.recoveryCodes)
      .where(and(eq(t.recoveryCodes.portalId, this.portalId), inArray(t.recoveryCodes.userId, userIds), isNull(t.recoveryCodes.usedAt)))
      .groupBy(t.recoveryCodes.userId);
    for (const r of rows) out.set(r.userId, Number(r.left));
    return out;
  }

  async getCodeLock(userId: string): Promise<CodeLock | null> {
    const [row] = await this.db
      .select({
        lockedUntil: t.codeLocks.lockedUntil,
        hardLocked: t.codeLocks.hardLocked,
        windowFailures: t.codeLocks.windowFailures,
        prevWindowFailures: t.codeLocks.prevWindowFailures,
        consecutiveFailures: t.codeLocks.consecutiveFailures,
      })
      .from(t.codeLocks)
      .where(and(eq(t.codeLocks.portalId, this.portalId), eq(t.codeLocks.userId, userId)))
      .limit(1);
    return row ?? null;
  }

  async hit(key: string, windowMs: number, now: number, sliding = true): Promise<Counter> {
    const same = sql`${int8(now)} < ${t.rateLimits.windowStartedAt} + ${int8(windowMs)}`;
    const next = sliding ? sql`${int8(now)} < ${t.rateLimits.windowStartedAt} + ${int8(2 * windowMs)}` : sql`FALSE`;
    const [row] = await this.db
      .insert(t.rateLimits)
      .values({ key, windowStartedAt: now, windowMs, count: 1, prevCount: 0 })
      .onConflictDoUpdate({
        target: t.rateLimits.key,
        set: {
          windowStartedAt: sql`CASE WHEN ${same} THEN ${t.rateLimits.windowStartedAt} WHEN ${next} THEN ${t.rateLimits.windowStartedAt} + ${int8(windowMs)} ELSE ${int8(now)} END`,
          prevCount: sql`CASE WHEN ${same} THEN ${t.rateLimits.prevCount} WHEN ${next} THEN ${t.rateLimits.count} ELSE 0 END`,
          count: sql`CASE WHEN ${same} THEN ${t.rateLimits.count} + 1 ELSE 1 END`,
          windowMs,
        },
      })
      .returning({ count: t.rateLimits.count, prevCount: t.rateLimits.prevCount, windowStartedAt: t.rateLimits.windowStartedAt });
    return slidingCounter(row!, windowMs);
  }

  async refund(key: string) {
    await this.db
      .update(t.rateLimits)
      .set({ count: sql`${t.rateLimits.count} - 1` })
      .where(and(eq(t.rateLimits.key, key), gt(t.rateLimits.count, 0)));
  }

  async audit(events: AuditEvent | AuditEvent[]) {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    await this.db.insert(t.auditEvents).values(
      list.map((event) => ({
        portalId: this.portalId,
        at: event.at,
        type: event.type,
        actorId: event.actorId,
        subjectId: event.subjectId,
        ip: event.ip,
        detail: event.detail ? JSON.stringify(event.detail) : null,
      })),
    );
  }

  async listAudit(options: { limit?: number; subjectId?: string } = {}): Promise<StoredAuditEvent[]> {
    const rows = await this.db
      .select()
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.portalId, this.portalId), options.subjectId ? eq(t.auditEvents.subjectId, options.subjectId) : undefined))
      .orderBy(desc(t.auditEvents.id))
      .limit(Math.min(options.limit ?? 100, 1000));
    return rows.map((r) => ({ ...unportal(r), type: r.type as StoredAuditEvent['type'], detail: r.detail ? JSON.parse(r.detail) : undefined }));
  }

  async lastLogins(userIds: string[]) {
    const out = new Map<string, number>();
    if (userIds.length === 0) return out;
    const rows = await this.db
      // max() of a bigint comes back as a string from node-postgres; Number() below makes it a time.
      .select({ userId: t.auditEvents.subjectId, at: sql<string | number>`max(${t.auditEvents.at})` })
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.portalId, this.portalId), eq(t.auditEvents.type, 'login.succeeded'), inArray(t.auditEvents.subjectId, userIds)))
      .groupBy(t.auditEvents.subjectId);
    for (const r of rows) if (r.userId) out.set(r.userId, Number(r.at));
    return out;
  }

  async recordSmsDelivery(m: Omit<SmsDelivery, 'errorCode' | 'updatedAt'> & { rank: number }) {
    await this.db
      .insert(t.smsDeliveries)
      .values({ ...m, portalId: this.portalId, errorCode: null, updatedAt: m.sentAt })
      .onConflictDoNothing();
  }

  async updateSmsDelivery({ messageId, status, rank, errorCode, at }: DeliveryUpdate) {
    // The rank condition in the same statement: callbacks racing in from several instances can
    // only move a message forward.
    const [row] = await this.db
      .update(t.smsDeliveries)
      .set({ status, rank, errorCode, updatedAt: at })
      .where(and(eq(t.smsDeliveries.portalId, this.portalId), eq(t.smsDeliveries.messageId, messageId), lt(t.smsDeliveries.rank, rank)))
      .returning();
    return row ? toDelivery(row) : null;
  }

  async lastSmsDeliveries(userIds: string[]) {
    const out = new Map<string, SmsDelivery>();
    if (userIds.length === 0) return out;
    // DISTINCT ON keeps the newest row per user in the database rather than shipping them all.
    const rows = await this.db
      .selectDistinctOn([t.smsDeliveries.userId])
      .from(t.smsDeliveries)
      .where(and(eq(t.smsDeliveries.portalId, this.portalId), inArray(t.smsDeliveries.userId, userIds)))
      .orderBy(t.smsDeliveries.userId, desc(t.smsDeliveries.sentAt));
    for (const r of rows) out.set(r.userId, toDelivery(r));
    return out;
  }

  async sessionSmsDelivery(sessionIdHash: string) {
    const [row] = await this.db
      .select()
      .from(t.smsDeliveries)
      .where(and(eq(t.smsDeliveries.portalId, this.portalId), eq(t.smsDeliveries.sessionIdHash, sessionIdHash)))
      .orderBy(desc(t.smsDeliveries.sentAt))
      .limit(1);
    return row ? toDelivery(row) : null;
  }

  async sweep(now: number, limit = SWEEP_BATCH) {
    let more = false;
    for (const target of sweepTargets(sql`${now}::bigint`, sql`${now - DELIVERY_RETENTION_MS}::bigint`)) {
      more = (await this.db.execute(pgSweepBatch(target, limit))).rows.length >= limit || more;
    }
    return more;
  }
}

export const pgStore = (db: PgDb): TwoFactorStore => new PgTwoFactorStore(db);

/**
 * The signed-in read, named. Behind a pooler in transaction mode, a connection that prepared it is
 * not the one the next call lands on, and PostgreSQL answers that the statement does not exist:
 * the read is sent unnamed from then on (planned at every call, as any unprepared query is).
 */
async function readSessionWithAccount(hot: ReturnType<typeof PgTwoFactorStore.prepareHot>, values: { pid: string; id: string }) {
  if (hot.unnamedOnly) return hot.findSessionWithAccountUnnamed.execute(values);
  try {
    return await hot.findSessionWithAccount.execute(values);
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code !== '26000' && (err as { cause?: { code?: unknown } } | null)?.cause?.code !== '26000') throw err;
    hot.unnamedOnly = true;
    return hot.findSessionWithAccountUnnamed.execute(values);
  }
}
