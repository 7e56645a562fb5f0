/**
 * The SQL of one code try, shared by both dialects: the account lock check, the try on the code
 * and the failure count are evaluated as one atomic step (the CVE-2024-4629 class of bypass comes
 * from reading the lock apart from counting the failure). Each dialect runs these statements as
 * one unit: SQLite in one batch (one transaction, nothing interleaves), PostgreSQL in one
 * transaction that first takes the account's lock row `FOR UPDATE`, so tries of one account queue
 * across connections and instances while other accounts go on.
 *
 * The text is plain SQL that SQLite (3.23+, for TRUE/FALSE) and PostgreSQL both read; numbers go
 * through `num`, which casts them on PostgreSQL (an untyped parameter inside a CASE is text there).
 * @module
 */
import { sql, type SQL } from 'drizzle-orm';
import type { CodeTryInput, CodeTryResult, RecoveryTryInput, RecoveryTryResult, SettleInput } from '../store.js';

export type Num = (n: number) => SQL;

/**
 * The code is live for this login and purpose and still belongs to the present: sent in the
 * current generation of the settings, 2FA still on (but for a step-up), and, for a login or
 * step-up code, the enrolled phone is still the one it went to (for an enrollment code, nobody
 * enrolled meanwhile).
 */
function current(alias: string): SQL {
  const c = sql.raw(alias);
  // A step-up asks an enrolled user for a fresh factor whether or not the portal asks for one at
  // login; like a login code, it needs the phone it went to to be still the enrolled one.
  // A phone change's code went to the new number: it needs the user to be enrolled still in the
  // generation it was sent in (a reset or a new generation voids it), on a phone other than it.
  return sql`(EXISTS (SELECT 1 FROM cb_portals s WHERE s.id = ${c}.portal_id AND (s.enabled OR ${c}.purpose IN ('step_up', 'phone_change')) AND s.generation = ${c}.generation)
    AND CASE WHEN ${c}.purpose = 'phone_change'
      THEN EXISTS (SELECT 1 FROM cb_enrollments e WHERE e.portal_id = ${c}.portal_id AND e.user_id = ${c}.user_id AND e.phone <> ${c}.phone AND e.generation = ${c}.generation)
      WHEN ${c}.purpose <> 'enroll'
      THEN EXISTS (SELECT 1 FROM cb_enrollments e WHERE e.portal_id = ${c}.portal_id AND e.user_id = ${c}.user_id AND e.phone = ${c}.phone AND e.generation = ${c}.generation)
      ELSE NOT EXISTS (SELECT 1 FROM cb_enrollments e WHERE e.portal_id = ${c}.portal_id AND e.user_id = ${c}.user_id AND e.generation = ${c}.generation) END)`;
}

type CodeOfLogin = Pick<CodeTryInput, 'sessionIdHash' | 'purpose' | 'now'>;

const live = (portal: string, i: CodeOfLogin, num: Num, alias = 'c') => {
  const c = sql.raw(alias);
  return sql`${c}.portal_id = ${portal} AND ${c}.session_id_hash = ${i.sessionIdHash} AND ${c}.purpose = ${i.purpose} AND ${c}.consumed_at IS NULL AND ${c}.expires_at > ${num(i.now)} AND ${current(alias)}`;
};

/**
 * The window as it stands at `now`, before this try: the same window, the next one (the current
 * one becomes the previous), or a fresh start after a quiet stretch of two windows or more.
 */
function rolled(now: SQL, w: SQL) {
  return {
    start: sql`CASE WHEN ${now} < window_started_at + ${w} THEN window_started_at WHEN ${now} < window_started_at + 2 * ${w} THEN window_started_at + ${w} ELSE ${now} END`,
    prev: sql`CASE WHEN ${now} < window_started_at + ${w} THEN prev_window_failures WHEN ${now} < window_started_at + 2 * ${w} THEN window_failures ELSE 0 END`,
    cur: sql`CASE WHEN ${now} < window_started_at + ${w} THEN window_failures ELSE 0 END`,
  };
}

/**
 * Creates the account's lock row, so the next statements always have a row to update. With
 * `rowLock` (PostgreSQL) the no-op update of an existing row also locks it for the transaction,
 * so the statements after it each start from what the previous try of this account committed.
 */
export const ensureLockRow = (portal: string, i: Pick<CodeTryInput, 'userId' | 'now'>, num: Num, rowLock = false): SQL =>
  sql`INSERT INTO cb_code_locks (portal_id, user_id, window_started_at, window_failures, prev_window_failures, consecutive_failures, hard_locked)
      VALUES (${portal}, ${i.userId}, ${num(i.now)}, 0, 0, 0, FALSE)
      ON CONFLICT (portal_id, user_id) ${rowLock ? sql`DO UPDATE SET user_id = excluded.user_id` : sql`DO NOTHING`}`;

/**
 * The gate and the count together: passes (and marks itself with `last_try`) only while the
 * account is not locked and the sliding window holds fewer than `lockAfter` failures; in the same
 * statement counts this try as a failure unless it is the right code, and sets the lock when this
 * failure reaches a threshold. A wrong guess at a code burned by wrong tries still counts; a guess
 * at an expired, used or stale code does not (it is not a guess at anything).
 *
 * The inputs and the code's state are computed once in `x`, so each parameter is bound once (D1
 * allows 100 a statement). `x.st`: 0 no live code, 1 a wrong guess, 2 the right code, 3 the right
 * code of a burned one.
 */
export function gateAndCount(portal: string, i: CodeTryInput, num: Num): SQL {
  const st = sql`COALESCE((SELECT CASE WHEN c.code_hash = ${i.codeHash ?? ''} THEN CASE WHEN c.attempts < ${num(i.maxAttempts)} THEN 2 ELSE 3 END ELSE 1 END
          FROM cb_codes c WHERE ${live(portal, i, num)}), 0)`;
  return gate(portal, i, num, st);
}

/**
 * The gate and the count of a recovery-code try: the same statement as a code's (one lock, one
 * window, one consecutive run for both kinds of guess), with the code's state read from the
 * account's unspent recovery codes. There is always something to guess at, so every wrong or
 * malformed try counts.
 */
export function gateAndCountRecovery(portal: string, i: RecoveryTryInput, num: Num): SQL {
  const st = sql`CASE WHEN EXISTS (SELECT 1 FROM cb_recovery_codes r WHERE r.portal_id = ${portal} AND r.user_id = ${i.userId}
          AND r.code_hash = ${i.codeHash ?? ''} AND r.used_at IS NULL) THEN 2 ELSE 1 END`;
  return gate(portal, i, num, st);
}

function gate(portal: string, i: Pick<CodeTryInput, 'userId' | 'now' | 'tryId' | 'lock'>, num: Num, st: SQL): SQL {
  const r = rolled(sql`x.now`, sql`x.w`);
  const counts = sql`x.st = 1`;
  const softLockNow = sql`(${counts} AND ${r.prev} + ${r.cur} + 1 >= x.lock_after)`;
  const hardLockNow = sql`(${counts} AND consecutive_failures + 1 >= x.hard_after)`;
  // Setting the lock also empties the window and starts the next one when the lock ends: the
  // lock is the 15 minutes the policy names, and the failures that caused it do not count again.
  return sql`UPDATE cb_code_locks SET
      window_started_at = CASE WHEN ${softLockNow} THEN x.now + x.lock_ms ELSE ${r.start} END,
      prev_window_failures = CASE WHEN ${softLockNow} THEN 0 ELSE ${r.prev} END,
      window_failures = CASE WHEN ${softLockNow} THEN 0 ELSE ${r.cur} + CASE WHEN ${counts} THEN 1 ELSE 0 END END,
      consecutive_failures = CASE WHEN x.st = 2 THEN 0 WHEN ${counts} THEN consecutive_failures + 1 ELSE consecutive_failures END,
      locked_until = CASE WHEN ${softLockNow} THEN x.now + x.lock_ms ELSE locked_until END,
      hard_locked = CASE WHEN ${hardLockNow} THEN TRUE ELSE hard_locked END,
      locked_by = CASE WHEN ${softLockNow} OR ${hardLockNow} THEN x.try_id ELSE locked_by END,
      last_try = x.try_id
    FROM (SELECT ${num(i.now)} AS now, ${num(i.lock.windowMs)} AS w, ${num(i.lock.lockAfter)} AS lock_after,
        ${num(i.lock.lockMs)} AS lock_ms, ${num(i.lock.hardLockAfter)} AS hard_after, ${i.tryId} AS try_id,
        ${st} AS st LIMIT 1) AS x
    WHERE cb_code_locks.portal_id = ${portal} AND cb_code_locks.user_id = ${i.userId} AND NOT hard_locked AND (locked_until IS NULL OR locked_until <= x.now)
      AND ${r.prev} + ${r.cur} < x.lock_after`;
}

/** The try on the code itself, only when the gate passed for this very try. */
export function tryOnCode(portal: string, i: CodeTryInput, num: Num): SQL {
  const hash = i.codeHash ?? '';
  return sql`UPDATE cb_codes SET
      attempts = attempts + CASE WHEN code_hash = ${hash} THEN 0 ELSE 1 END,
      consumed_at = CASE WHEN code_hash = ${hash} THEN ${num(i.now)} ELSE NULL END
    WHERE ${live(portal, i, num, 'cb_codes')} AND attempts < ${num(i.maxAttempts)}
      AND EXISTS (SELECT 1 FROM cb_code_locks l WHERE l.portal_id = ${portal} AND l.user_id = ${i.userId} AND l.last_try = ${i.tryId})
    RETURNING attempts, consumed_at, phone`;
}

/**
 * What the caller needs to tell the user: the lock after the try, and the code's state. `unless`
 * skips the read (no row) where its answer is already known, as when the try promoted its login.
 */
export function afterTry(portal: string, i: CodeTryInput, num: Num, unless?: SQL): SQL {
  const hash = i.codeHash ?? '';
  return sql`SELECT l.locked_until AS locked_until, l.hard_locked AS hard_locked, l.window_started_at AS window_started_at,
      CASE WHEN l.last_try = ${i.tryId} THEN 1 ELSE 0 END AS passed,
      CASE WHEN l.locked_by = ${i.tryId} THEN 1 ELSE 0 END AS locked_now,
      (SELECT c.attempts FROM cb_codes c WHERE ${live(portal, i, num)}) AS live_attempts,
      (SELECT CASE WHEN c.code_hash = ${hash} THEN 1 ELSE 0 END FROM cb_codes c WHERE ${live(portal, i, num)}) AS live_matches,
      (SELECT 1 FROM cb_codes c WHERE c.portal_id = ${portal} AND c.session_id_hash = ${i.sessionIdHash} AND c.purpose = ${i.purpose}
         AND c.consumed_at IS NULL AND c.expires_at > ${num(i.now)} AND NOT ${current('c')}) AS stale
    FROM cb_code_locks l WHERE l.portal_id = ${portal} AND l.user_id = ${i.userId}${unless ? sql` AND NOT ${unless}` : sql``}`;
}

/**
 * A provider approved a code whose try was counted as a failure while it checked: the failure is
 * taken back (from whichever window it landed in), the consecutive run ends, and a lock that this
 * very try set is lifted, since its code was right.
 */
export function releaseApprovedTry(portal: string, i: SettleInput, num: Num): SQL {
  const ws = num(i.windowStartedAt);
  const w = num(i.windowMs);
  return sql`UPDATE cb_code_locks SET
      window_failures = CASE WHEN window_started_at = ${ws} AND window_failures > 0 THEN window_failures - 1 ELSE window_failures END,
      prev_window_failures = CASE WHEN window_started_at = ${ws} + ${w} AND prev_window_failures > 0 THEN prev_window_failures - 1 ELSE prev_window_failures END,
      consecutive_failures = 0,
      locked_until = CASE WHEN locked_by = ${i.tryId} THEN NULL ELSE locked_until END,
      hard_locked = CASE WHEN locked_by = ${i.tryId} THEN FALSE ELSE hard_locked END,
      locked_by = CASE WHEN locked_by = ${i.tryId} THEN NULL ELSE locked_by END
    WHERE portal_id = ${portal} AND user_id = ${i.userId}`;
}

/** Consumes the approved code, unless another try has locked the account meanwhile. */
export function consumeApproved(portal: string, i: SettleInput, num: Num): SQL {
  const now = num(i.now);
  return sql`UPDATE cb_codes SET consumed_at = ${now}, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
    WHERE ${live(portal, i, num, 'cb_codes')}
      AND NOT EXISTS (SELECT 1 FROM cb_code_locks l WHERE l.portal_id = ${portal} AND l.user_id = ${i.userId} AND (l.hard_locked OR l.locked_until > ${now}))
    RETURNING phone`;
}

/** Spends the right recovery code, only when the gate passed for this very try. */
export function spendRecovery(portal: string, i: RecoveryTryInput, num: Num): SQL {
  return sql`UPDATE cb_recovery_codes SET used_at = ${num(i.now)}
    WHERE portal_id = ${portal} AND user_id = ${i.userId} AND code_hash = ${i.codeHash ?? ''} AND used_at IS NULL
      AND EXISTS (SELECT 1 FROM cb_code_locks l WHERE l.portal_id = ${portal} AND l.user_id = ${i.userId} AND l.last_try = ${i.tryId})
    RETURNING user_id`;
}

/** The lock after a recovery try, and how many unspent codes are left. */
export function afterRecoveryTry(portal: string, i: RecoveryTryInput): SQL {
  return sql`SELECT l.locked_until AS locked_until, l.hard_locked AS hard_locked,
      CASE WHEN l.last_try = ${i.tryId} THEN 1 ELSE 0 END AS passed,
      CASE WHEN l.locked_by = ${i.tryId} THEN 1 ELSE 0 END AS locked_now,
      (SELECT COUNT(*) FROM cb_recovery_codes r WHERE r.portal_id = ${portal} AND r.user_id = ${i.userId} AND r.used_at IS NULL) AS codes_left
    FROM cb_code_locks l WHERE l.portal_id = ${portal} AND l.user_id = ${i.userId}`;
}

export interface AfterRecoveryRow {
  locked_until: number | string | null;
  hard_locked: number | boolean;
  passed: number | string;
  locked_now: number | string;
  codes_left: number | string;
}

/** Reads the statements' rows as the outcome of a recovery try (both dialects). */
export function recoveryTryResult(spent: unknown | undefined, after: AfterRecoveryRow): RecoveryTryResult {
  const hard = truthy(after.hard_locked);
  if (!truthy(after.passed)) return { kind: 'locked', lockedUntil: after.locked_until === null ? null : Number(after.locked_until), hard };
  if (spent) return { kind: 'accepted', left: Number(after.codes_left) };
  return { kind: 'rejected', lockedNow: truthy(after.locked_now), hard };
}

export interface AfterTryRow {
  locked_until: number | string | null;
  hard_locked: number | boolean;
  window_started_at: number | string;
  passed: number | string;
  locked_now: number | string;
  live_attempts: number | string | null;
  live_matches: number | string | null;
  stale: number | string | null;
}

export interface TriedRow {
  attempts: number | string;
  consumed_at: number | string | null;
  phone: string;
}

const truthy = (v: unknown) => v === true || Number(v) === 1;

/** Reads the statements' rows as the outcome of the try (both dialects return the same columns). */
export function codeTryResult(input: CodeTryInput, tried: TriedRow | undefined, after: AfterTryRow | undefined): CodeTryResult {
  // A code is tried only past the gate, so a consumed one needs nothing of the lock's state
  // (which is not read at all when the try promoted its login with it).
  if (tried && tried.consumed_at !== null) return { kind: 'accepted', phone: tried.phone };
  if (!after) throw new Error('The code try read no lock row.');
  const lockedNow = truthy(after.locked_now);
  const hard = truthy(after.hard_locked);
  if (!truthy(after.passed)) {
    return { kind: 'locked', lockedUntil: after.locked_until === null ? null : Number(after.locked_until), hard };
  }
  if (tried) {
    const attemptsLeft = Math.max(0, input.maxAttempts - Number(tried.attempts));
    return { kind: 'rejected', attemptsLeft, lockedNow, hard, windowStartedAt: Number(after.window_started_at) };
  }
  if (after.live_attempts !== null) return { kind: 'burned', counted: !truthy(after.live_matches), lockedNow, hard };
  if (after.stale !== null) return { kind: 'stale' };
  return { kind: 'unusable' };
}
