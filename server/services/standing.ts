/**
 * Where a contact stands with 2FA under some settings: the one rule the report (under the saved
 * settings) and the preview (under settings not saved yet) both follow, and the same rule as a
 * login (`login.ts`): a contact the report calls `to_enroll` is asked to enroll at their next login.
 * @module
 */
import type { ReportState } from '../../protocol/dto.js';
import type { FactorState, OrganizationPolicy, Settings } from '../store/store.js';
import { skipRule } from './deadline.js';

export interface StandingInput {
  settings: Pick<Settings, 'enabled' | 'allowOptOut' | 'enforceFrom' | 'generation'>;
  now: number;
  /** `requiresTwoFactor(user)`: false for whom the portal's 2FA does not apply (admins, by default). */
  applies: boolean;
  organization: OrganizationPolicy;
  factors: FactorState | undefined;
}

export interface Standing {
  state: ReportState;
  /** The deadline, when the contact may skip only until then. */
  graceUntil: string | null;
}

export function standing({ settings, now, applies, organization, factors }: StandingInput): Standing {
  if (!applies || organization === 'exempt') return { state: 'exempt', graceUntil: null };
  if (!settings.enabled) return { state: 'off', graceUntil: null };
  if (factors?.enrollment?.generation === settings.generation) return { state: 'enrolled', graceUntil: null };
  const rule = skipRule(settings, organization, now);
  const graceUntil = rule.skipUntil ?? null;
  // A skip lets the contact in only while skipping is still offered to them (seed: "remembered").
  if (rule.canSkip && factors?.skip?.generation === settings.generation) return { state: 'skipped', graceUntil };
  return { state: 'to_enroll', graceUntil };
}

/** The generation the settings would have once saved: turning 2FA on starts a new one. */
export const nextGeneration = (current: Pick<Settings, 'enabled' | 'generation'>, enabled: boolean): number =>
  current.generation + (!current.enabled && enabled ? 1 : 0);
