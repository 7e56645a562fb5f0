/**
 * `TwoFactorStore` on any Drizzle SQLite database: libSQL (file, `:memory:`, remote), D1, Bun's
 * SQLite. Limits are enforced by single conditional statements (`UPDATE … WHERE … RETURNING`,
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`), never read-then-write, so they hold under
 * parallel requests and across processes sharing the file.
 * @module
 */
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
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
import * as phoneChange from './phone-change.js';
import * as trusted from './trusted-devices.js';
import * as resetReq from './reset-requests.js';
import { slidingCounter } from '../sliding-counter.js';
import { DELIVERY_RETENTION_MS, sqliteSweepBatch, SWEEP_BATCH, sweepTargets } from '../sweep.js';
import { bind, bindAsSql, codeTryAndPromotionValues, codeTryValues, render, type Promotion, type Rendered, type Values } from '../rendered.js';
import { codeTryAndPromotionStatements, codeTryStatements } from './verify-batch.js';
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SqliteDb = BaseSQLiteDatabase<any, any, any>;

const plain = (n: number): SQL => sql`${n}`;

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

const toDelivery = ({ rank: _rank, portalId: _portal, ...row }: typeof t.smsDeliveries.$inferSelect): SmsDelivery => row;
/** Rows without their portal: the caller knows it, and the contract's types do not carry it. */
const unportal = <T extends { portalId: string }>({ portalId: _portal, ...row }: T): Omit<T, 'portalId'> => row;

/** An account row joined with its organization's policy, as `Account`. */
const joinedAccount = ({ account, policy }: { account: typeof t.accounts.$inferSelect; policy: OrganizationPolicy | null }): Account => {
  const { portalId: _portal, ...row } = account;
  return policy ? { ...row, organizationPolicy: policy } : row;
};

/** Accounts with their own portal's organization: the join is on both keys. */
const accountsWithPolicy = (db: SqliteDb) =>
  db
    .select({ account: t.accounts, policy: t.organizations.twoFactorPolicy })
    .from(t.accounts)
    .leftJoin(t.organizations, and(eq(t.organizations.portalId, t.accounts.portalId), eq(t.organizations.id, t.accounts.organizationId)));

/** The enrollments and skips of some users of a portal, or of all of them: two statements either way. */
async function factorStates(db: SqliteDb, portalId: string, userIds?: string[]): Promise<Map<string, FactorState>> {
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

class SqliteAccounts implements AccountStore {
  // Built once: drizzle's query building costs more than SQLite's own work on these lookups.
  private readonly byId;

  constructor(
    private readonly db: SqliteDb,
    private readonly portalId: string,
  ) {
    this.byId = accountsWithPolicy(this.db)
      .where(and(eq(t.accounts.portalId, sql.placeholder('pid')), eq(t.accounts.id, sql.placeholder('id'))))
      .limit(1)
      .prepare();
  }

  private get mine() {
    return eq(t.accounts.portalId, this.portalId);
  }

  async findAccountByEmail(email: string) {
    const [row] = await accountsWithPolicy(this.db).where(and(this.mine, eq(t.accounts.email, email))).limit(1);
    return row ? joinedAccount(row) : null;
  }
  async getAccount(id: string) {
    const [row] = await this.byId.all({ pid: this.portalId, id });
    return row ? joinedAccount(row) : null;
  }
  async listContacts(organizationId?: string) {
    const where = organizationId
      ? and(this.mine, eq(t.accounts.role, 'contact'), eq(t.accounts.organizationId, organizationId))
      : and(this.mine, eq(t.accounts.role, 'contact'));
    return (await this.db.select().from(t.accounts).where(where).orderBy(t.accounts.name)).map((r) => unportal(r) as Account);
  }
  async listOrganizations() {
    return (await this.db.select().from(t.organizations).where(eq(t.organizations.portalId, this.portalId)).orderBy(t.organizations.name)).map(
      (r) => unportal(r) as Organization,
    );
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

class SqlitePortals implements PortalStore {
  constructor(private readonly db: SqliteDb) {}

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
    return (await this.db.select().from(t.portals).orderBy(t.portals.id)).map((r) => toPortal(r as PortalRow));
  }
}

type HotStatements = ReturnType<typeof SqliteTwoFactorStore.prepareHot>;

export class SqliteTwoFactorStore implements TwoFactorStore {
  readonly accounts: AccountStore;
  readonly portals: PortalStore;

  /**
   * The statements of the verify path, prepared once. Drizzle then skips building the SQL on every
   * request, which measured costlier than SQLite executing these primary-key statements.
   */
  private readonly hot: HotStatements;

  /** The stores of the other portals, made once each and shared by all of them. */
  private readonly siblings: Map<string, SqliteTwoFactorStore>;

  constructor(
    private readonly db: SqliteDb,
    readonly portalId = 'default',
    shared?: { siblings: Map<string, SqliteTwoFactorStore>; hot: HotStatements; portals: PortalStore },
  ) {
    this.accounts = new SqliteAccounts(db, portalId);
    this.siblings = shared?.siblings ?? new Map([[portalId, this]]);
    this.portals = shared?.portals ?? new SqlitePortals(db);
    this.hot = shared?.hot ?? SqliteTwoFactorStore.prepareHot(db);
  }

  static prepareHot(db: SqliteDb) {
    const p = (name: string) => sql.placeholder(name);
    return {
      findSession: db
        .select()
        .from(t.sessions)
        .where(and(eq(t.sessions.portalId, p('pid')), eq(t.sessions.idHash, p('id'))))
        .limit(1)
        .prepare(),
      // The session, its built-in account and the organization's policy: a signed-in request's one read.
      findSessionWithAccount: db
        .select({ session: t.sessions, account: t.accounts, policy: t.organizations.twoFactorPolicy, standing: standingColumns })
        .from(t.sessions)
        .leftJoin(t.accounts, and(eq(t.accounts.portalId, t.sessions.portalId), eq(t.accounts.id, t.sessions.userId)))
        .leftJoin(t.organizations, and(eq(t.organizations.portalId, t.accounts.portalId), eq(t.organizations.id, t.accounts.organizationId)))
        .leftJoin(t.portals, eq(t.portals.id, t.sessions.portalId))
        .leftJoin(t.enrollments, and(eq(t.enrollments.portalId, t.sessions.portalId), eq(t.enrollments.userId, t.sessions.userId)))
        .leftJoin(t.skips, and(eq(t.skips.portalId, t.sessions.portalId), eq(t.skips.userId, t.sessions.userId)))
        .where(and(eq(t.sessions.portalId, p('pid')), eq(t.sessions.idHash, p('id'))))
        .limit(1)
        .prepare(),
      // The portal's settings with one user's enrollment and skip (getStanding): every step reads it.
      getStanding: db
        .select(standingColumns)
        .from(t.portals)
        .leftJoin(t.enrollments, and(eq(t.enrollments.portalId, t.portals.id), eq(t.enrollments.userId, p('uid'))))
        .leftJoin(t.skips, and(eq(t.skips.portalId, t.portals.id), eq(t.skips.userId, p('uid'))))
        .where(eq(t.portals.id, p('pid')))
        .limit(1)
        .prepare(),
      getCodeLock: db
        .select()
        .from(t.codeLocks)
        .where(and(eq(t.codeLocks.portalId, p('pid')), eq(t.codeLocks.userId, p('userId'))))
        .limit(1)
        .prepare(),
      promoteSession: db
        .update(t.sessions)
        .set({
          idHash: sql`${p('newId')}`,
          amr: sql`${p('amr')}`,
          expiresAt: sql`${p('expiresAt')}`,
          lastSeenAt: sql`${p('lastSeenAt')}`,
          secondFactorAt: sql`${p('secondFactorAt')}`,
          status: 'complete',
          step: null,
        })
        .where(and(eq(t.sessions.portalId, p('pid')), eq(t.sessions.idHash, p('oldId')), eq(t.sessions.status, 'pending')))
        .returning({ idHash: t.sessions.idHash })
        .prepare(),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      codeTry: render((db as any).dialect, codeTryStatements()),
      // By the number of audit events; a verify writes two.
      codeTryAndPromotion: new Map<number, Rendered[]>(),
    };
  }

  forPortal(portalId: string): TwoFactorStore {
    let store = this.siblings.get(portalId);
    if (!store) {
      store = new SqliteTwoFactorStore(this.db, portalId, { siblings: this.siblings, hot: this.hot, portals: this.portals });
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
          generation: sql`${t.portals.generation} + CASE WHEN ${t.portals.enabled} = 0 AND excluded.enabled = 1 THEN 1 ELSE 0 END`,
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
    const [row] = await this.hot.getStanding.all({ pid: this.portalId, uid: userId });
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
    const rows = await this.db.all(sql`INSERT INTO cb_skips (portal_id, user_id, generation, skipped_at)
      SELECT ${this.portalId}, ${userId}, ${generation}, ${at}
      WHERE NOT EXISTS (SELECT 1 FROM cb_enrollments WHERE portal_id = ${this.portalId} AND user_id = ${userId} AND generation >= ${generation})
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
    const [row] = await this.hot.findSession.all({ pid: this.portalId, id: idHash });
    return row ? (unportal(row) as Session) : null;
  }

  async findSessionWithAccount(idHash: string) {
    const [row] = await this.hot.findSessionWithAccount.all({ pid: this.portalId, id: idHash });
    if (!row) return null;
    return {
      session: unportal(row.session) as Session,
      account: row.account ? joinedAccount({ account: row.account, policy: row.policy }) : null,
      // Without the portal's record (a single portal before its first settings) `getStanding` answers.
      ...(row.standing.enabled !== null ? { standing: fromStandingRow(row.standing as StandingRow) } : {}),
    };
  }

  async setSessionStep(idHash: string, step: PendingStep) {
    await this.db
      .update(t.sessions)
      .set({ step })
      .where(and(eq(t.sessions.portalId, this.portalId), eq(t.sessions.idHash, idHash), eq(t.sessions.status, 'pending')));
  }

  async promoteSession(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>) {
    const rows = await this.hot.promoteSession.all({
      pid: this.portalId,
      oldId: oldIdHash,
      newId: next.idHash,
      amr: next.amr,
      expiresAt: next.expiresAt,
      lastSeenAt: next.lastSeenAt,
      secondFactorAt: next.secondFactorAt ?? null,
    });
    return rows.length === 1;
  }

  async promoteSessionAudited(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>, events: AuditEvent[]) {
    const pid = this.portalId;
    // The events go in only if the promotion won: the new id (256 random bits) exists then.
    const won = sql`EXISTS (SELECT 1 FROM cb_sessions WHERE portal_id = ${pid} AND id_hash = ${next.idHash} AND status = 'complete')`;
    const rows = events.map((e) => sql`SELECT ${pid}, ${e.at}, ${e.type}, ${e.actorId}, ${e.subjectId}, ${e.ip}, ${e.detail ? JSON.stringify(e.detail) : null} WHERE ${won}`);
    const [promoted] = (await this.atomically([
      sql`UPDATE cb_sessions SET id_hash = ${next.idHash}, amr = ${next.amr}, expires_at = ${next.expiresAt}, last_seen_at = ${next.lastSeenAt},
        second_factor_at = ${next.secondFactorAt ?? null}, status = 'complete', step = NULL
        WHERE portal_id = ${pid} AND id_hash = ${oldIdHash} AND status = 'pending' RETURNING id_hash`,
      sql`INSERT INTO cb_audit_events (portal_id, at, type, actor_id, subject_id, ip, detail) ${sql.join(rows, sql` UNION ALL `)}`,
    ])) as [unknown[], unknown[]];
    return promoted!.length === 1;
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
    const [, , tried, [after]] = (await this.atomicallyRendered(this.hot.codeTry, codeTryValues(this.portalId, input), () => [
      ensureLockRow(this.portalId, input, plain),
      gateAndCount(this.portalId, input, plain),
      tryOnCode(this.portalId, input, plain),
      afterTry(this.portalId, input, plain),
    ])) as [unknown, unknown, TriedRow[], AfterTryRow[]];
    return codeTryResult(input, tried[0], after);
  }

  async tryCodeAndPromote(input: CodeTryInput, next: Promotion, events: AuditEvent[]): Promise<{ result: CodeTryResult; promoted: boolean }> {
    let statements = this.hot.codeTryAndPromotion.get(events.length);
    if (!statements) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      statements = render((this.db as any).dialect, codeTryAndPromotionStatements(events.length));
      this.hot.codeTryAndPromotion.set(events.length, statements);
    }
    const values = codeTryAndPromotionValues(this.portalId, input, next, events);
    const [, , tried, promoted, , [after]] = (await this.atomicallyRendered(statements, values, () => bindAsSql(statements, values))) as [
      unknown,
      unknown,
      TriedRow[],
      unknown[],
      unknown,
      AfterTryRow[],
    ];
    return { result: codeTryResult(input, tried[0], after), promoted: promoted.length === 1 };
  }

  async settleApprovedTry(input: SettleInput): Promise<string | null> {
    const [, consumed] = (await this.atomically([releaseApprovedTry(this.portalId, input, plain), consumeApproved(this.portalId, input, plain)])) as [unknown, { phone: string }[]];
    return consumed[0]?.phone ?? null;
  }

  async replaceRecoveryCodes(userId: string, codeHashes: string[], at: number) {
    const rows = codeHashes.map((h) => sql`(${this.portalId}, ${userId}, ${h}, ${at}, NULL)`);
    await this.atomically([
      sql`DELETE FROM cb_recovery_codes WHERE portal_id = ${this.portalId} AND user_id = ${userId}`,
      ...(rows.length ? [sql`INSERT INTO cb_recovery_codes (portal_id, user_id, code_hash, created_at, used_at) VALUES ${sql.join(rows, sql`, `)}`] : []),
    ]);
  }

  async tryRecoveryCode(input: RecoveryTryInput): Promise<RecoveryTryResult> {
    const [, , spent, [after]] = (await this.atomically([
      ensureLockRow(this.portalId, input, plain),
      gateAndCountRecovery(this.portalId, input, plain),
      spendRecovery(this.portalId, input, plain),
      afterRecoveryTry(this.portalId, input),
    ])) as [unknown, unknown, unknown[], AfterRecoveryRow[]];
    return recoveryTryResult(spent[0], after!);
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

  /**
   * Runs statements as one unit that nothing interleaves with: one batch (one transaction, one
   * round trip) on libSQL and D1; a transaction on drivers without batches, such as Bun's SQLite,
   * whose statements run synchronously, so its transaction cannot yield to another request.
   */
  /**
   * `atomically` for statements rendered once: bound straight to the client's batch (libSQL, D1),
   * so Drizzle renders nothing per call; on other drivers, `fallback`'s statements as usual.
   */
  private async atomicallyRendered(statements: Rendered[], values: Values, fallback: () => SQL[]): Promise<unknown[][]> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const client = (this.db as any).$client;
    if (client && typeof client.batch === 'function') {
      const bound = bind(statements, values);
      if (typeof client.prepare === 'function') {
        return ((await client.batch(bound.map((b) => client.prepare(b.sql).bind(...b.args)))) as { results?: unknown[] }[]).map((r) => r.results ?? []);
      }
      if (typeof client.execute === 'function') return ((await client.batch(bound, 'write')) as { rows: unknown[] }[]).map((r) => r.rows);
    }
    return this.atomically(fallback());
  }

  private async atomically(statements: SQL[]): Promise<unknown[][]> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = this.db as any;
    const client = db.$client;
    // D1: Drizzle's batch takes only its prepared builders, not raw SQL, so the statements go to
    // D1's own batch (one transaction) as rendered by Drizzle's dialect.
    if (client && typeof client.prepare === 'function' && typeof client.batch === 'function') {
      const bound = statements.map((q) => {
        const { sql: text, params } = db.dialect.sqlToQuery(q);
        return client.prepare(text).bind(...params);
      });
      return ((await client.batch(bound)) as { results?: unknown[] }[]).map((r) => r.results ?? []);
    }
    if (typeof db.batch === 'function') return db.batch(statements.map((q) => db.all(q)));
    return this.db.transaction(async (tx) => {
      const out: unknown[][] = [];
      for (const q of statements) out.push(await tx.all(q));
      return out;
    });
  }

  async getCodeLock(userId: string): Promise<CodeLock | null> {
    const [row] = await this.hot.getCodeLock.all({ pid: this.portalId, userId });
    if (!row) return null;
    const { portalId: _p, userId: _u, windowStartedAt: _w, lastTry: _t, lockedBy: _b, ...lock } = row;
    return lock;
  }

  async hit(key: string, windowMs: number, now: number, sliding = true): Promise<Counter> {
    const w = windowMs;
    const same = sql`${now} < ${t.rateLimits.windowStartedAt} + ${w}`;
    const next = sliding ? sql`${now} < ${t.rateLimits.windowStartedAt} + ${2 * w}` : sql`0`;
    const [row] = await this.db
      .insert(t.rateLimits)
      .values({ key, windowStartedAt: now, windowMs, count: 1, prevCount: 0 })
      .onConflictDoUpdate({
        target: t.rateLimits.key,
        set: {
          windowStartedAt: sql`CASE WHEN ${same} THEN ${t.rateLimits.windowStartedAt} WHEN ${next} THEN ${t.rateLimits.windowStartedAt} + ${w} ELSE ${now} END`,
          prevCount: sql`CASE WHEN ${same} THEN ${t.rateLimits.prevCount} WHEN ${next} THEN ${t.rateLimits.count} ELSE 0 END`,
          count: sql`CASE WHEN ${same} THEN ${t.rateLimits.count} + 1 ELSE 1 END`,
          windowMs,
        },
      })
      .returning();
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
      .select({ userId: t.auditEvents.subjectId, at: sql<number>`max(${t.auditEvents.at})` })
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
    // Newest first; the first row seen per user wins. A user has a handful of rows (30 days of codes).
    const rows = await this.db
      .select()
      .from(t.smsDeliveries)
      .where(and(eq(t.smsDeliveries.portalId, this.portalId), inArray(t.smsDeliveries.userId, userIds)))
      .orderBy(desc(t.smsDeliveries.sentAt));
    for (const r of rows) if (!out.has(r.userId)) out.set(r.userId, toDelivery(r));
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
    for (const target of sweepTargets(sql`${now}`, sql`${now - DELIVERY_RETENTION_MS}`)) {
      more = (await this.db.all(sqliteSweepBatch(target, limit))).length >= limit || more;
    }
    return more;
  }
}

export const sqliteStore = (db: SqliteDb): TwoFactorStore => new SqliteTwoFactorStore(db);
