import type { Context, MiddlewareHandler } from 'hono';
import { CbError } from '../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for a JSON API: a state-changing request must declare `application/json` (which a
 * cross-site form cannot send without a CORS preflight) and, when the browser names an origin,
 * come from an allowed one. Hono's `csrf()` alone lets any non-form content type through.
 */
export function requestGuard(options: {
  trustedOrigins: readonly string[];
  /** The request's own origin as the browser sees it (`publicOrigin`): behind a proxy, not the socket's. */
  ownOrigin: (c: Context) => string;
  /**
   * Requests that authenticate themselves another way and so skip this guard: the provider's
   * form-encoded status callback, which must carry a valid `X-Twilio-Signature` instead.
   */
  exempt?: (c: Context) => boolean;
}): MiddlewareHandler {
  const { trustedOrigins, ownOrigin, exempt = () => false } = options;
  return async (c, next) => {
    if (SAFE.has(c.req.method) || exempt(c)) return next();
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new CbError('bad_request', 'Send JSON with Content-Type: application/json.', {}, 415);
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (origin !== undefined) {
      if (origin !== ownOrigin(c) && !trustedOrigins.includes(origin)) throw new CbError('forbidden', 'Cross-origin request refused.');
    } else if (site === 'cross-site') {
      throw new CbError('forbidden', 'Cross-origin request refused.');
    }
    return next();
  };
}
