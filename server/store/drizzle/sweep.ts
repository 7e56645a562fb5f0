/**
 * What the sweep deletes, table by table, in bounded batches: each condition is on an index of its
 * table (migration 0009 and the tables' own), and each batch deletes at most `limit` rows, so a
 * sweep is a few index range reads however large a backlog has grown (after downtime, or a flood of
 * abandoned logins), and the login that runs it never waits for a table scan.
 * @module
 */
import { sql, type SQL } from 'drizzle-orm';

/** Rows a sweep deletes at most per condition; a sweep that hits it reports that more are left. */
export const SWEEP_BATCH = 500;

/** Delivery records are kept for the admin view's "last SMS" for this long. */
export const DELIVERY_RETENTION_MS = 30 * 86_400_000;

export interface SweepTarget {
  table: string;
  where: SQL;
}

export const sweepTargets = (now: SQL, deliveriesBefore: SQL): SweepTarget[] => [
  { table: 'cb_sms_deliveries', where: sql`sent_at <= ${deliveriesBefore}` },
  { table: 'cb_sessions', where: sql`expires_at <= ${now}` },
  // Used codes too: a used code can never be tried again, and it goes with its expiry, minutes
  // later, rather than through an index of its own that every right code would write.
  { table: 'cb_codes', where: sql`expires_at <= ${now}` },
  // The same expression as cb_rate_limits_ends_idx: a window counts, as the previous one, until two windows after it began.
  { table: 'cb_rate_limits', where: sql`window_started_at + 2 * window_ms <= ${now}` },
  { table: 'cb_trusted_devices', where: sql`expires_at <= ${now}` },
];

/** SQLite: the batch's rows by rowid, found through the condition's index. */
export const sqliteSweepBatch = ({ table, where }: SweepTarget, limit: number): SQL =>
  sql`DELETE FROM ${sql.raw(table)} WHERE rowid IN (SELECT rowid FROM ${sql.raw(table)} WHERE ${where} LIMIT ${limit}) RETURNING 1`;

/** PostgreSQL: the batch's rows by their physical address (a TID scan), found through the condition's index. */
export const pgSweepBatch = ({ table, where }: SweepTarget, limit: number): SQL =>
  sql`DELETE FROM ${sql.raw(table)} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${sql.raw(table)} WHERE ${where} LIMIT ${limit}::int)) RETURNING 1`;
