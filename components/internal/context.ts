import { createContext } from '@lit/context';
import type { CbApiClient } from './api-client.js';
import type { CbStringsOverride } from './strings.js';

/*
 * Context keys use Symbol.for so that two bundled copies of the kit on one page still find each other
 * (a key made with a plain Symbol() would differ per copy).
 */

/** The API client shared by a subtree (`<cb-login>` provides its own to the steps it renders). */
export const cbApiContext = createContext<CbApiClient>(Symbol.for('cb.api'));

/** String overrides for a subtree; merged under each element's own `strings`. */
export const cbStringsContext = createContext<CbStringsOverride>(Symbol.for('cb.strings'));

/** White-label branding for a subtree. */
export interface CbBranding {
  /** Image URL shown in `<cb-login>`'s logo slot when the slot is empty. */
  logoSrc?: string;
  /** Accessible name of that image (the portal's name). */
  logoAlt?: string;
}
export const cbBrandingContext = createContext<CbBranding>(Symbol.for('cb.branding'));
