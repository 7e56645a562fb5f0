/**
 * The demo's pages send security headers: a CSP that allows only the page's own nonce-carrying
 * inline tags and same-origin resources, no framing, no MIME sniffing. Whether the pages still
 * work under that policy is checked in Chromium (test/e2e/security-headers.e2e.ts).
 */
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness.js';

/** The directives of a CSP header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('the login page', () => {
  it('sends a nonce CSP, frame-ancestors none, X-Frame-Options DENY and nosniff', async () => {
    const h = await createHarness();
    const res = await h.app.request('http://portal.test/');
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    // Inline code runs only with this response's nonce, which every inline tag of the page carries.
    const script = csp.get('script-src')!;
    const style = csp.get('style-src')!;
    expect(script).not.toContain("'unsafe-inline'");
    expect(style).not.toContain("'unsafe-inline'");
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(script.find((v) => v.startsWith("'nonce-")) ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(style).toContain(`'nonce-${nonce}'`);
    const inline = [...html.matchAll(/<(script|style)\b([^>]*)>/g)].filter(([, , attrs]) => !/\bsrc=/.test(attrs!));
    expect(inline.length).toBeGreaterThanOrEqual(2);
    for (const [tag] of inline) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('a new nonce for every response', async () => {
    const h = await createHarness();
    const nonceOf = async () => /'nonce-([^']+)'/.exec((await h.app.request('http://portal.test/')).headers.get('content-security-policy') ?? '')?.[1];
    const [a, b] = [await nonceOf(), await nonceOf()];
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  it('the element assets are sent with nosniff too', async () => {
    const h = await createHarness();
    const res = await h.app.request('http://portal.test/assets/cb-2fa.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
