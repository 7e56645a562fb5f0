/**
 * Trusted devices on SQLite ("Trust this device", product spec §10): only cookie HMACs, each bound
 * to the enrollment (phone, generation) it was trusted under.
 * @module
 */
import { and, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { TrustedDevice } from '../../store.js';
import * as t from './schema.js';
import type { SqliteDb } from './store.js';

const d = t.trustedDevices;

/**
 * A device that would skip the SMS now: younger than its own end and the portal's present policy,
 * and still bound to the user's enrollment in the portal's current generation with 2FA on (a
 * reset, a new generation or a new phone ends it without a write). Use, the user's list and the
 * admin's count all ask this, so none of them shows a device that no longer works.
 */
const usable = (now: number, maxAgeMs: number) => [
  gt(d.expiresAt, now),
  sql`${d.createdAt} + ${maxAgeMs} > ${now}`,
  sql`EXISTS (SELECT 1 FROM cb_enrollments e JOIN cb_portals p ON p.id = e.portal_id
    WHERE e.portal_id = cb_trusted_devices.portal_id AND e.user_id = cb_trusted_devices.user_id AND e.phone = cb_trusted_devices.phone
      AND e.generation = cb_trusted_devices.generation AND p.generation = cb_trusted_devices.generation AND p.enabled = 1)`,
];

export async function createTrustedDevice(db: SqliteDb, portalId: string, device: TrustedDevice): Promise<void> {
  await db.insert(d).values({ ...device, portalId });
}

/** One conditional UPDATE: the device must be usable (above) for this user; use touches it. */
export async function useTrustedDevice(db: SqliteDb, portalId: string, idHash: string, userId: string, now: number, maxAgeMs: number): Promise<boolean> {
  const rows = await db
    .update(d)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(d.portalId, portalId),
        eq(d.idHash, idHash),
        eq(d.userId, userId),
        ...usable(now, maxAgeMs),
      ),
    )
    .returning({ idHash: d.idHash });
  return rows.length === 1;
}

export async function listTrustedDevices(db: SqliteDb, portalId: string, userId: string, now: number, maxAgeMs: number): Promise<TrustedDevice[]> {
  const rows = await db
    .select()
    .from(d)
    .where(and(eq(d.portalId, portalId), eq(d.userId, userId), ...usable(now, maxAgeMs)))
    .orderBy(desc(d.lastUsedAt));
  return rows.map(({ portalId: _p, ...row }) => row);
}

export async function countTrustedDevices(db: SqliteDb, portalId: string, userIds: string[], now: number, maxAgeMs: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ userId: d.userId, n: count() })
    .from(d)
    .where(and(eq(d.portalId, portalId), inArray(d.userId, userIds), ...usable(now, maxAgeMs)))
    .groupBy(d.userId);
  for (const r of rows) out.set(r.userId, Number(r.n));
  return out;
}

export async function forgetTrustedDevices(db: SqliteDb, portalId: string, userId: string): Promise<number> {
  const gone = await db.delete(d).where(and(eq(d.portalId, portalId), eq(d.userId, userId))).returning({ idHash: d.idHash });
  return gone.length;
}
