/**
 * "I lost my phone" requests on PostgreSQL (product spec §10): at most one open request per account
 * (the table's primary key), closed by the admin's reset.
 * @module
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as t from './schema.js';
import type { PgDb } from './store.js';

/**
 * Opens the user's request unless one is open; returns the open request's time either way, so a
 * second press is idempotent (the first request's time, no new row), and whether this call opened
 * it. Two statements at most.
 */
export async function requestReset(db: PgDb, portalId: string, userId: string, at: number, ip: string | null): Promise<{ requestedAt: number; opened: boolean }> {
  const made = await db.insert(t.resetRequests).values({ portalId, userId, requestedAt: at, ip }).onConflictDoNothing().returning({ requestedAt: t.resetRequests.requestedAt });
  // Whether this insert made the row, not a comparison of times: parallel calls in one millisecond
  // all carry the same time, and only one of them opened the request.
  if (made[0]) return { requestedAt: Number(made[0].requestedAt), opened: true };
  const open = await db
    .select({ requestedAt: t.resetRequests.requestedAt })
    .from(t.resetRequests)
    .where(and(eq(t.resetRequests.portalId, portalId), eq(t.resetRequests.userId, userId)));
  return { requestedAt: open[0] ? Number(open[0].requestedAt) : at, opened: false };
}

/** The open requests' times per user (without `userIds`, the whole portal's, for the report); users without one are absent. One SELECT. */
export async function resetRequestTimes(db: PgDb, portalId: string, userIds?: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (userIds?.length === 0) return out;
  const rows = await db
    .select({ userId: t.resetRequests.userId, requestedAt: t.resetRequests.requestedAt })
    .from(t.resetRequests)
    .where(userIds ? and(eq(t.resetRequests.portalId, portalId), inArray(t.resetRequests.userId, userIds)) : eq(t.resetRequests.portalId, portalId));
  for (const r of rows) out.set(r.userId, Number(r.requestedAt));
  return out;
}

/** Closes the user's request (the admin's reset); true when one was open. */
export async function closeResetRequest(db: PgDb, portalId: string, userId: string): Promise<boolean> {
  const gone = await db
    .delete(t.resetRequests)
    .where(and(eq(t.resetRequests.portalId, portalId), eq(t.resetRequests.userId, userId)))
    .returning({ userId: t.resetRequests.userId });
  return gone.length > 0;
}
