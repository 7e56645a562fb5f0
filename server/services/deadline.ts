/**
 * The portal's deadline (`enforceFrom`, product spec §11): until that date every contact may
 * "Skip for Now", so turning 2FA on locks nobody out on day one; from that date the skip follows
 * `allowOptOut`. A date, not a time: it starts at 00:00 UTC of that day, the same instant for every
 * contact wherever they are (a portal has no time zone of its own).
 *
 * A `required` organization gets no grace: its Master Admin chose "no skipping" for it, a choice
 * about that organization in particular, which a portal-wide rollout date does not undo. An
 * `exempt` one is never asked at all.
 * @module
 */
import type { OrganizationPolicy, Settings } from '../store/store.js';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2027-01-15` as the milliseconds of 00:00 UTC that day; null for anything else, such as `2027-02-30`. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2027-02-30 over into March: only a day that exists reads back as itself.
  if (y < 2000 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms;
}

/** The day of an instant, `2027-01-15` (UTC). */
export const formatDate = (ms: number): string => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

export const dateOrNull = (ms: number | null): string | null => (ms === null ? null : formatDate(ms));

/** Whether the enroll step offers "Skip for Now", and until when when only the deadline offers it. */
export interface SkipRule {
  canSkip: boolean;
  /** The deadline (`2027-01-15`), when the skip is offered only until then. */
  skipUntil?: string;
}

export function skipRule(settings: Pick<Settings, 'allowOptOut' | 'enforceFrom'>, organization: OrganizationPolicy, now: number): SkipRule {
  if (organization === 'required') return { canSkip: false };
  if (settings.allowOptOut) return { canSkip: true };
  if (settings.enforceFrom !== null && now < settings.enforceFrom) return { canSkip: true, skipUntil: formatDate(settings.enforceFrom) };
  return { canSkip: false };
}
