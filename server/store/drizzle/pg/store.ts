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
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type {
  Account,
  AccountStore,
  AttemptInput,
  AttemptResult,
  AuditEvent,
  Code,
  CodeFailureInput,
  CodeLock,
  Counter,
  DeliveryUpdate,
  FactorState,
  NewCode,
  Organization,
  PendingStep,
  Session,
  Settings,
  SmsDelivery,
  StoredAuditEvent,
  TwoFactorStore,
} from '../../store.js';
import * as t from './schema.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PgDb = PgDatabase<any, any, any>;

export type SettingsRow = typeof t.settings.$inferSelect;
export type AccountRow = typeof t.accounts.$inferSelect;
export type SessionRow = typeof t.sessions.$inferSelect;
export type CodeRow = typeof t.codes.$inferSelect;
export type CodeLockRow = typeof t.codeLocks.$inferSelect;
export type RateLimitRow = typeof t.rateLimits.$inferSelect;
export type AuditEventRow = typeof t.auditEvents.$inferSelect;
export type SmsDeliveryRow = typeof t.smsDeliveries.$inferSelect;

const emptyState = (): FactorState => ({ enrollment: null, skip: null });
const int8 = (n: number) => sql`${n}::bigint`;

/** Delivery records are kept for the admin view's "last SMS" for this long. */
const DELIVERY_RETENTION_MS = 30 * 86_400_000;

const toDelivery = ({ rank: _rank, ...row }: SmsDeliveryRow): SmsDelivery => row;

class PgAccounts implements AccountStore {
  constructor(private readonly db: PgDb) {}

  async findAccountByEmail(email: string) {
    const [row] = await this.db.select().from(t.accounts).where(eq(t.accounts.email, email)).limit(1);
    return (row as Account | undefined) ?? null;
  }
  async getAccount(id: string) {
    const [row] = await this.db.select().from(t.accounts).where(eq(t.accounts.id, id)).limit(1);
    return (row as Account | undefined) ?? null;
  }
  async listContacts(organizationId?: string) {
    const where = organizationId
      ? and(eq(t.accounts.role, 'contact'), eq(t.accounts.organizationId, organizationId))
      : eq(t.accounts.role, 'contact');
    // COLLATE "C": byte order, as SQLite sorts, so both dialects list contacts alike whatever the
    // database's locale.
    return (await this.db.select().from(t.accounts).where(where).orderBy(sql`${t.accounts.name} COLLATE "C"`)) as Account[];
  }
  async listOrganizations() {
    return (await this.db.select().from(t.organizations).orderBy(sql`${t.organizations.name} COLLATE "C"`)) as Organization[];
  }
  // ON CONFLICT DO NOTHING without a target covers the id and the unique email alike: several
  // instances seeding at once leave one row and no error.
  async ensureOrganization(org: Organization) {
    await this.db.insert(t.organizations).values(org).onConflictDoNothing();
  }
  async ensureAccount(account: Account) {
    await this.db.insert(t.accounts).values(account).onConflictDoNothing();
  }
  async updatePasswordHash(id: string, next: string, expected: string) {
    const rows = await this.db
      .update(t.accounts)
      .set({ passwordHash: next })
      .where(and(eq(t.accounts.id, id), eq(t.accounts.passwordHash, expected)))
      .returning({ id: t.accounts.id });
    return rows.length === 1;
  }
}

export class PgTwoFactorStore implements TwoFactorStore {
  readonly accounts: AccountStore;

  constructor(private readonly db: PgDb) {
    this.accounts = new PgAccounts(db);
  }

  async getSettings(): Promise<Settings> {
    const [row] = await this.db
      .select({
        enabled: t.settings.enabled,
        allowOptOut: t.settings.allowOptOut,
        generation: t.settings.generation,
        updatedAt: t.settings.updatedAt,
        updatedBy: t.settings.updatedBy,
      })
      .from(t.settings)
      .where(eq(t.settings.id, 1))
      .limit(1);
    return row ?? { enabled: false, allowOptOut: false, generation: 0, updatedAt: null, updatedBy: null };
  }

  async updateSettings(next: { enabled: boolean; allowOptOut: boolean }, at: number, by: string): Promise<Settings> {
    const [row] = await this.db
      .insert(t.settings)
      .values({ id: 1, ...next, generation: next.enabled ? 1 : 0, updatedAt: at, updatedBy: by })
      .onConflictDoUpdate({
        target: t.settings.id,
        set: {
          // Off → on starts a new generation: every earlier enrollment and skip stops counting.
          generation: sql`${t.settings.generation} + CASE WHEN NOT ${t.settings.enabled} AND excluded.enabled THEN 1 ELSE 0 END`,
          enabled: sql`excluded.enabled`,
          allowOptOut: sql`excluded.allow_opt_out`,
          updatedAt: at,
          updatedBy: by,
        },
      })
      .returning({
        enabled: t.settings.enabled,
        allowOptOut: t.settings.allowOptOut,
        generation: t.settings.generation,
        updatedAt: t.settings.updatedAt,
        updatedBy: t.settings.updatedBy,
      });
    return row!;
  }

  async getFactorState(userId: string): Promise<FactorState> {
    return (await this.getFactorStates([userId])).get(userId) ?? emptyState();
  }

  async getFactorStates(userIds: string[]): Promise<Map<string, FactorState>> {
    const out = new Map<string, FactorState>();
    if (userIds.length === 0) return out;
    const [enrolled, skipped] = await Promise.all([
      this.db.select().from(t.enrollments).where(inArray(t.enrollments.userId, userIds)),
      this.db.select().from(t.skips).where(inArray(t.skips.userId, userIds)),
    ]);
    const state = (id: string) => out.get(id) ?? out.set(id, emptyState()).get(id)!;
    for (const e of enrolled) state(e.userId).enrollment = { phone: e.phone, generation: e.generation, enrolledAt: e.enrolledAt };
    for (const s of skipped) state(s.userId).skip = { generation: s.generation, skippedAt: s.skippedAt };
    return out;
  }

  async enroll(userId: string, phone: string, generation: number, at: number) {
    await this.db
      .insert(t.enrollments)
      .values({ userId, phone, generation, enrolledAt: at })
      .onConflictDoUpdate({ target: t.enrollments.userId, set: { phone, generation, enrolledAt: at } });
    await this.clearSkip(userId);
  }

  async skip(userId: string, generation: number, at: number) {
    await this.db
      .insert(t.skips)
      .values({ userId, generation, skippedAt: at })
      .onConflictDoUpdate({ target: t.skips.userId, set: { generation, skippedAt: at } });
  }

  async clearSkip(userId: string) {
    await this.db.delete(t.skips).where(eq(t.skips.userId, userId));
  }

  async resetTwoFactor(userId: string) {
    await this.db.delete(t.enrollments).where(eq(t.enrollments.userId, userId));
    await this.db.delete(t.skips).where(eq(t.skips.userId, userId));
    await this.db.delete(t.codeLocks).where(eq(t.codeLocks.userId, userId));
    await this.db.delete(t.codes).where(eq(t.codes.userId, userId));
    await this.deleteUserSessions(userId);
  }

  async createSession(session: Session) {
    await this.db.insert(t.sessions).values(session);
  }

  async findSession(idHash: string) {
    const [row] = await this.db.select().from(t.sessions).where(eq(t.sessions.idHash, idHash)).limit(1);
    return (row as Session | undefined) ?? null;
  }

  async setSessionStep(idHash: string, step: PendingStep) {
    await this.db.update(t.sessions).set({ step }).where(and(eq(t.sessions.idHash, idHash), eq(t.sessions.status, 'pending')));
  }

  async promoteSession(oldIdHash: string, next: Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt'>) {
    const rows = await this.db
      .update(t.sessions)
      .set({ ...next, status: 'complete', step: null })
      .where(and(eq(t.sessions.idHash, oldIdHash), eq(t.sessions.status, 'pending')))
      .returning({ idHash: t.sessions.idHash });
    return rows.length === 1;
  }

  async touchSession(idHash: string, at: number) {
    await this.db.update(t.sessions).set({ lastSeenAt: at }).where(eq(t.sessions.idHash, idHash));
  }

  async deleteSession(idHash: string) {
    await this.db.delete(t.sessions).where(eq(t.sessions.idHash, idHash));
    await this.db.delete(t.codes).where(eq(t.codes.sessionIdHash, idHash));
  }

  async deleteUserSessions(userId: string) {
    await this.db.delete(t.sessions).where(eq(t.sessions.userId, userId));
  }

  async putCode(code: NewCode) {
    const { sessionIdHash, ...rest } = code;
    await this.db
      .insert(t.codes)
      .values({ ...code, attempts: 0, consumedAt: null })
      // A new code voids the old one; tries on the old code are already counted on the account.
      .onConflictDoUpdate({ target: t.codes.sessionIdHash, set: { ...rest, attempts: 0, consumedAt: null } });
  }

  async getCode(sessionIdHash: string) {
    const [row] = await this.db.select().from(t.codes).where(eq(t.codes.sessionIdHash, sessionIdHash)).limit(1);
    return (row as Code | undefined) ?? null;
  }

  async attemptCode({ sessionIdHash, purpose, codeHash, now, maxAttempts }: AttemptInput): Promise<AttemptResult> {
    // Both values are HMACs under the server secret, so the database's comparison of them leaks
    // nothing usable through timing (the double-HMAC pattern).
    const match = codeHash === null ? sql`false` : sql`${t.codes.codeHash} = ${codeHash}`;
    const [row] = await this.db
      .update(t.codes)
      .set({
        attempts: sql`${t.codes.attempts} + CASE WHEN ${match} THEN 0 ELSE 1 END`,
        consumedAt: sql`CASE WHEN ${match} THEN ${int8(now)} ELSE NULL END`,
      })
      .where(
        and(
          eq(t.codes.sessionIdHash, sessionIdHash),
          eq(t.codes.purpose, purpose),
          isNull(t.codes.consumedAt),
          gt(t.codes.expiresAt, now),
          lt(t.codes.attempts, maxAttempts),
        ),
      )
      .returning({ attempts: t.codes.attempts, consumedAt: t.codes.consumedAt, phone: t.codes.phone });
    if (!row) return { kind: 'unusable' };
    if (row.consumedAt !== null) return { kind: 'accepted', phone: row.phone };
    return { kind: 'rejected', attemptsLeft: Math.max(0, maxAttempts - row.attempts) };
  }

  async consumeCode(sessionIdHash: string, purpose: NewCode['purpose'], now: number) {
    const [row] = await this.db
      .update(t.codes)
      .set({ consumedAt: now })
      .where(and(eq(t.codes.sessionIdHash, sessionIdHash), eq(t.codes.purpose, purpose), isNull(t.codes.consumedAt), gt(t.codes.expiresAt, now)))
      .returning({ phone: t.codes.phone });
    return row?.phone ?? null;
  }

  async getCodeLock(userId: string): Promise<CodeLock | null> {
    const [row] = await this.db
      .select({
        lockedUntil: t.codeLocks.lockedUntil,
        hardLocked: t.codeLocks.hardLocked,
        windowFailures: t.codeLocks.windowFailures,
        consecutiveFailures: t.codeLocks.consecutiveFailures,
      })
      .from(t.codeLocks)
      .where(eq(t.codeLocks.userId, userId))
      .limit(1);
    return row ?? null;
  }

  async recordCodeFailure({ userId, now, windowMs, lockAfter, lockMs, hardLockAfter }: CodeFailureInput): Promise<CodeLock> {
    const fresh = sql`${t.codeLocks.windowStartedAt} <= ${int8(now - windowMs)}`;
    const windowFailures = sql`CASE WHEN ${fresh} THEN 1 ELSE ${t.codeLocks.windowFailures} + 1 END`;
    const [row] = await this.db
      .insert(t.codeLocks)
      .values({
        userId,
        windowStartedAt: now,
        windowFailures: 1,
        consecutiveFailures: 1,
        lockedUntil: lockAfter <= 1 ? now + lockMs : null,
        hardLocked: hardLockAfter <= 1,
      })
      .onConflictDoUpdate({
        target: t.codeLocks.userId,
        set: {
          windowStartedAt: sql`CASE WHEN ${fresh} THEN ${int8(now)} ELSE ${t.codeLocks.windowStartedAt} END`,
          windowFailures,
          consecutiveFailures: sql`${t.codeLocks.consecutiveFailures} + 1`,
          lockedUntil: sql`CASE WHEN ${windowFailures} >= ${lockAfter}::integer THEN ${int8(now + lockMs)} ELSE ${t.codeLocks.lockedUntil} END`,
          hardLocked: sql`${t.codeLocks.hardLocked} OR ${t.codeLocks.consecutiveFailures} + 1 >= ${hardLockAfter}::integer`,
        },
      })
      .returning({
        lockedUntil: t.codeLocks.lockedUntil,
        hardLocked: t.codeLocks.hardLocked,
        windowFailures: t.codeLocks.windowFailures,
        consecutiveFailures: t.codeLocks.consecutiveFailures,
      });
    return row!;
  }

  async clearConsecutiveFailures(userId: string) {
    await this.db
      .update(t.codeLocks)
      .set({ consecutiveFailures: 0 })
      .where(and(eq(t.codeLocks.userId, userId), gt(t.codeLocks.consecutiveFailures, 0)));
  }

  async hit(key: string, windowMs: number, now: number): Promise<Counter> {
    const fresh = sql`${t.rateLimits.windowStartedAt} <= ${int8(now - windowMs)}`;
    const [row] = await this.db
      .insert(t.rateLimits)
      .values({ key, windowStartedAt: now, windowMs, count: 1 })
      .onConflictDoUpdate({
        target: t.rateLimits.key,
        set: {
          windowStartedAt: sql`CASE WHEN ${fresh} THEN ${int8(now)} ELSE ${t.rateLimits.windowStartedAt} END`,
          count: sql`CASE WHEN ${fresh} THEN 1 ELSE ${t.rateLimits.count} + 1 END`,
          windowMs,
        },
      })
      .returning({ count: t.rateLimits.count, windowStartedAt: t.rateLimits.windowStartedAt });
    return { count: row!.count, resetAt: row!.windowStartedAt + windowMs };
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
      .where(options.subjectId ? eq(t.auditEvents.subjectId, options.subjectId) : undefined)
      .orderBy(desc(t.auditEvents.id))
      .limit(Math.min(options.limit ?? 100, 1000));
    return rows.map((r) => ({ ...r, type: r.type as StoredAuditEvent['type'], detail: r.detail ? JSON.parse(r.detail) : undefined }));
  }

  async lastLogins(userIds: string[]) {
    const out = new Map<string, number>();
    if (userIds.length === 0) return out;
    const rows = await this.db
      // max() of a bigint comes back as a string from node-postgres; Number() below makes it a time.
      .select({ userId: t.auditEvents.subjectId, at: sql<string | number>`max(${t.auditEvents.at})` })
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.type, 'login.succeeded'), inArray(t.auditEvents.subjectId, userIds)))
      .groupBy(t.auditEvents.subjectId);
    for (const r of rows) if (r.userId) out.set(r.userId, Number(r.at));
    return out;
  }

  async recordSmsDelivery(m: Omit<SmsDelivery, 'errorCode' | 'updatedAt'> & { rank: number }) {
    await this.db
      .insert(t.smsDeliveries)
      .values({ ...m, errorCode: null, updatedAt: m.sentAt })
      .onConflictDoNothing();
  }

  async updateSmsDelivery({ messageId, status, rank, errorCode, at }: DeliveryUpdate) {
    // The rank condition in the same statement: callbacks racing in from several instances can
    // only move a message forward.
    const [row] = await this.db
      .update(t.smsDeliveries)
      .set({ status, rank, errorCode, updatedAt: at })
      .where(and(eq(t.smsDeliveries.messageId, messageId), lt(t.smsDeliveries.rank, rank)))
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
      .where(inArray(t.smsDeliveries.userId, userIds))
      .orderBy(t.smsDeliveries.userId, desc(t.smsDeliveries.sentAt));
    for (const r of rows) out.set(r.userId, toDelivery(r));
    return out;
  }

  async sessionSmsDelivery(sessionIdHash: string) {
    const [row] = await this.db
      .select()
      .from(t.smsDeliveries)
      .where(eq(t.smsDeliveries.sessionIdHash, sessionIdHash))
      .orderBy(desc(t.smsDeliveries.sentAt))
      .limit(1);
    return row ? toDelivery(row) : null;
  }

  async sweep(now: number) {
    await this.db.delete(t.smsDeliveries).where(lte(t.smsDeliveries.sentAt, now - DELIVERY_RETENTION_MS));
    await this.db.delete(t.sessions).where(lte(t.sessions.expiresAt, now));
    await this.db.delete(t.codes).where(or(lte(t.codes.expiresAt, now), isNotNull(t.codes.consumedAt)));
    await this.db.delete(t.rateLimits).where(lte(sql`${t.rateLimits.windowStartedAt} + ${t.rateLimits.windowMs}`, int8(now)));
  }
}

export const pgStore = (db: PgDb): TwoFactorStore => new PgTwoFactorStore(db);
