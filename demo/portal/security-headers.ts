/**
 * The security headers of the demo's pages and assets (`hono/secure-headers`). The pages carry
 * one inline `<style>` and module `<script>`: each gets the request's nonce, so the policy allows
 * no other inline code, and everything else comes from the portal's own origin.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { Branding } from './branding.js';

/** The nonce the policy of this response allows, for the page's inline tags. */
export const pageNonce = (c: Context): string => c.get('secureHeadersNonce') ?? '';

/** A logo on another origin is the one thing a page loads from elsewhere. */
function logoOrigin(branding: Branding): string[] {
  if (!branding.logoUrl) return [];
  try {
    const url = new URL(branding.logoUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? [url.origin] : [];
  } catch {
    // A relative URL: on our own origin.
    return [];
  }
}

export function portalSecurityHeaders(options: { branding: Branding; production: boolean }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'", NONCE],
      imgSrc: ["'self'", 'data:', ...logoOrigin(options.branding)],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    // For browsers that predate frame-ancestors.
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    // HSTS only where the demo is served over https for real: on http://localhost it would be
    // ignored, and pinning https on a developer's localhost breaks their other local servers.
    strictTransportSecurity: options.production,
  });
}
