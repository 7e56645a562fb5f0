/**
 * The row of `getStanding` as both dialects select it (the portal's settings joined with one
 * user's enrollment and skip), turned into the store's shapes.
 * @module
 */
import type { FactorState, Settings } from '../store.js';

export interface StandingRow extends Settings {
  phone: string | null;
  enrolledGeneration: number | null;
  enrolledAt: number | null;
  skipGeneration: number | null;
  skippedAt: number | null;
}

export function fromStandingRow(row: StandingRow): { settings: Settings; state: FactorState } {
  const { phone, enrolledGeneration, enrolledAt, skipGeneration, skippedAt, ...settings } = row;
  return {
    settings,
    state: {
      enrollment: phone !== null && enrolledGeneration !== null && enrolledAt !== null ? { phone, generation: enrolledGeneration, enrolledAt } : null,
      skip: skipGeneration !== null && skippedAt !== null ? { generation: skipGeneration, skippedAt } : null,
    },
  };
}
