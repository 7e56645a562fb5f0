/**
 * A right code's whole write on PostgreSQL in one round trip and one transaction (sent through
 * `simple-query.ts`): the account's lock row (locked for the transaction, so tries of one account
 * queue across connections and instances), the gate and the count, then the try on the code with,
 * in the same statement, the login's promotion and its audit events only if that very try
 * consumed the code, and the state after the try unless it promoted.
 *
 * Rendered once with placeholders: the same text for every try, the values written in at each.
 * @module
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterTry, ensureLockRow, gateAndCount, tryOnCode } from '../code-try.js';
import { codeTryPlaceholders as i, eventPlaceholders, portalPlaceholder as pid } from '../rendered.js';

const int8 = (n: number): SQL => sql`${n}::bigint`;
const p = (name: string) => sql.placeholder(name);

/** Results: -, -, the tried code with `promoted` (no row if nothing was tried), the state after (no row if promoted). */
export function codeTryAndPromotionTrip(eventCount: number): SQL[] {
  const rows = Array.from({ length: eventCount }, (_, n) => {
    const e = eventPlaceholders(n);
    return sql`SELECT ${pid}::text, ${e.at}::bigint, ${e.type}::text, ${e.actorId}::text, ${e.subjectId}::text, ${e.ip}::text, ${e.detail}::text WHERE EXISTS (SELECT 1 FROM promoted)`;
  });
  const won = sql`EXISTS (SELECT 1 FROM cb_sessions WHERE portal_id = ${pid} AND id_hash = ${p('newId')} AND status = 'complete')`;
  return [
    ensureLockRow(pid, i, int8, true),
    gateAndCount(pid, i, int8),
    // The promotion reads this statement's own try (`tried`), never an earlier one's.
    sql`WITH tried AS (${tryOnCode(pid, i, int8)}),
      promoted AS (
        UPDATE cb_sessions SET id_hash = ${p('newId')}, amr = ${p('amr')}, expires_at = ${p('expiresAt')}::bigint, last_seen_at = ${p('lastSeenAt')}::bigint,
          second_factor_at = ${p('secondFactorAt')}::bigint, status = 'complete', step = NULL
        WHERE portal_id = ${pid} AND id_hash = ${i.sessionIdHash} AND status = 'pending' AND EXISTS (SELECT 1 FROM tried WHERE consumed_at IS NOT NULL)
        RETURNING 1),
      audited AS (INSERT INTO cb_audit_events (portal_id, at, type, actor_id, subject_id, ip, detail) ${sql.join(rows, sql` UNION ALL `)} RETURNING 1)
      SELECT attempts, consumed_at, phone, EXISTS (SELECT 1 FROM promoted) AS promoted FROM tried`,
    afterTry(pid, i, int8, won),
  ];
}
