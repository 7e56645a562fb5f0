import type { FactorState, Settings } from '../store/store.js';
import type { Deps } from './deps.js';

/**
 * The portal's 2FA settings and the user's enrollment and skip, as of now: in one statement where
 * the store can (`getStanding`), else two reads side by side.
 */
export async function settingsAndState(d: Pick<Deps, 'store'>, userId: string): Promise<{ settings: Settings; state: FactorState }> {
  if (d.store.getStanding) return d.store.getStanding(userId);
  const [settings, state] = await Promise.all([d.store.getSettings(), d.store.getFactorState(userId)]);
  return { settings, state };
}
