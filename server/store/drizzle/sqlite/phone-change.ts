/**
 * A user's own phone change on SQLite: the compare-and-swap of the enrolled phone, and the end of
 * the user's other sessions (with the codes they were sent).
 * @module
 */
import { and, eq, ne } from 'drizzle-orm';
import * as t from './schema.js';
import type { SqliteDb } from './store.js';

/** One conditional UPDATE: only the phone of that generation that is still `expected` is replaced. */
export async function replaceEnrolledPhone(db: SqliteDb, portalId: string, userId: string, expected: string, next: string, generation: number, at: number): Promise<boolean> {
  const rows = await db
    .update(t.enrollments)
    .set({ phone: next, enrolledAt: at })
    .where(and(eq(t.enrollments.portalId, portalId), eq(t.enrollments.userId, userId), eq(t.enrollments.phone, expected), eq(t.enrollments.generation, generation)))
    .returning({ userId: t.enrollments.userId });
  return rows.length === 1;
}

/** Every session of the user but one, and the codes sent for them (a pending change there dies too). */
export async function deleteOtherSessions(db: SqliteDb, portalId: string, userId: string, keepIdHash: string): Promise<number> {
  const gone = await db
    .delete(t.sessions)
    .where(and(eq(t.sessions.portalId, portalId), eq(t.sessions.userId, userId), ne(t.sessions.idHash, keepIdHash)))
    .returning({ idHash: t.sessions.idHash });
  await db.delete(t.codes).where(and(eq(t.codes.portalId, portalId), eq(t.codes.userId, userId), ne(t.codes.sessionIdHash, keepIdHash)));
  return gone.length;
}
