/**
 * The security headers of the demo's pages and assets (`hono/secure-headers`). The pages carry
 * one inline `<style>` and module `<script>`: each gets the request's nonce, so the policy allows
 * no other inline code, and everything else comes from the portal's own origin.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';

/** The nonce the policy of this response allows, for the page's inline tags. */
export const pageNonce = (c: Context): string => c.get('secureHeadersNonce') ?? '';

/** A logo on another origin is the one thing a page loads from elsewhere. */
export function logoOrigin(logoUrl: string | null | undefined): string | null {
  if (!logoUrl) return null;
  try {
    // Only a plain host and port go into the header: a `;` in a host would end the directive.
    const { origin } = new URL(logoUrl);
    return /^https?:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin) ? origin : null;
  } catch {
    // A relative URL: on our own origin.
    return null;
  }
}

/**
 * `logoUrl(c)` is the logo of the request's portal, each portal's own: the policy admits that
 * logo's origin for images, and no other portal's.
 */
export function portalSecurityHeaders(options: { logoUrl: (c: Context) => string | null | undefined; production: boolean }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'", NONCE],
      imgSrc: ["'self'", 'data:', (c) => logoOrigin(options.logoUrl(c)) ?? "'self'"],
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
