/**
 * A right code's whole write as one SQLite batch: the code try (the lock row, the gate and the
 * count, the try on the code) and, only when this very try consumed the code, the login's
 * promotion under its new id and its audit events, then the state the caller reports. One
 * transaction, one commit, one round trip; nothing interleaves with it.
 *
 * Rendered once with placeholders (`rendered.ts`): the same text for every try, bound at each.
 * @module
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterTry, ensureLockRow, gateAndCount, tryOnCode } from '../code-try.js';
import { codeTryPlaceholders as i, eventPlaceholders, portalPlaceholder as pid } from '../rendered.js';

const plain = (n: number): SQL => sql`${n}`;
const p = (name: string) => sql.placeholder(name);

/** The four statements of a code try; results: -, -, the tried code, the state after. */
export const codeTryStatements = (): SQL[] => [ensureLockRow(pid, i, plain), gateAndCount(pid, i, plain), tryOnCode(pid, i, plain), afterTry(pid, i, plain)];

/**
 * The code try with the promotion and `eventCount` audit events between its try and its report;
 * results: -, -, the tried code, the promoted session, -, the state after (none if promoted).
 *
 * `changes()` is the row count of the statement just before. For the promotion, that is the try
 * on the code: 1 with `consumed_at` at this try's instant means this try consumed it. A code
 * consumed by an earlier try shows no change here, and a wrong guess leaves `consumed_at` empty.
 */
export function codeTryAndPromotionStatements(eventCount: number): SQL[] {
  // Each statement reads what the one before it changed through `changes()`, which SQLite updates
  // when a statement ends: the promotion changed its one session only if this try consumed the
  // code, the events are written only if it did, and the state after the try is read only if none
  // was written (this try did not promote its login).
  const rows = Array.from({ length: eventCount }, (_, n) => {
    const e = eventPlaceholders(n);
    return sql`SELECT ${pid}, ${e.at}, ${e.type}, ${e.actorId}, ${e.subjectId}, ${e.ip}, ${e.detail} WHERE changes() = 1`;
  });
  return [
    ensureLockRow(pid, i, plain),
    gateAndCount(pid, i, plain),
    tryOnCode(pid, i, plain),
    sql`UPDATE cb_sessions SET id_hash = ${p('newId')}, amr = ${p('amr')}, expires_at = ${p('expiresAt')}, last_seen_at = ${p('lastSeenAt')},
        second_factor_at = ${p('secondFactorAt')}, status = 'complete', step = NULL
      WHERE portal_id = ${pid} AND id_hash = ${i.sessionIdHash} AND status = 'pending' AND changes() = 1
        AND EXISTS (SELECT 1 FROM cb_codes c WHERE c.portal_id = ${pid} AND c.session_id_hash = ${i.sessionIdHash} AND c.purpose = ${i.purpose} AND c.consumed_at = ${i.now})
      RETURNING id_hash`,
    sql`INSERT INTO cb_audit_events (portal_id, at, type, actor_id, subject_id, ip, detail) ${sql.join(rows, sql` UNION ALL `)}`,
    afterTry(pid, i, plain, sql`changes() > 0`),
  ];
}
