import type { FactorState, Session, Settings } from '../store/store.js';
import type { Deps } from './deps.js';
import { takeStandingReadWith } from './sessions.js';

/**
 * The portal's 2FA settings and the user's enrollment and skip, as of now: read with the
 * request's session where they were (`session`, the session's own user), else in one statement
 * where the store can (`getStanding`), else two reads side by side.
 */
export async function settingsAndState(d: Pick<Deps, 'store'>, userId: string, session?: Session): Promise<{ settings: Settings; state: FactorState }> {
  const read = session?.userId === userId ? takeStandingReadWith(session) : undefined;
  if (read) return read;
  if (d.store.getStanding) return d.store.getStanding(userId);
  const [settings, state] = await Promise.all([d.store.getSettings(), d.store.getFactorState(userId)]);
  return { settings, state };
}
