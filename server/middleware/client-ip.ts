import type { Context } from 'hono';
import type { GetConnInfo } from 'hono/conninfo';
import type { TrustedProxy } from '../policy.js';

/**
 * What a runtime hands Hono as `c.env` when `app.fetch` is passed to its server unwrapped: the
 * shapes Hono's own `getConnInfo` adapters read. The core may not import those adapters (they
 * belong to one runtime each), so this reader covers the runtimes a host most often forgets to
 * configure, and a host passes its runtime's adapter as `getConnInfo` to be exact.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEnv = any;

const readers: ((env: AnyEnv, c: Context) => unknown)[] = [
  // `@hono/node-server`: the Node request, at `c.env.incoming` (or `c.env.server.incoming`).
  (env) => (env.server ?? env).incoming?.socket?.remoteAddress,
  // `Bun.serve`: the server is the second argument of `fetch`, with `requestIP(request)`.
  (env, c) => {
    const server = env.server ?? env;
    return typeof server.requestIP === 'function' ? server.requestIP(c.req.raw)?.address : undefined;
  },
  // `Deno.serve`: the handler info, with `remoteAddr` (no hostname on a Unix socket).
  (env) => env.remoteAddr?.hostname,
];

/** The socket address from the shapes above; undefined when the runtime gave none of them. */
export const runtimeConnInfo: GetConnInfo = (c) => {
  const env: AnyEnv = c.env;
  if (env && typeof env === 'object') {
    for (const read of readers) {
      const address = read(env, c);
      if (typeof address === 'string' && address) return { remote: { address, addressType: undefined } };
    }
  }
  return { remote: {} };
};

let warned = false;
/** Once per process: a client IP of `unknown` merges every client into one per-IP budget. */
function warnOnce(detail: string): void {
  if (warned) return;
  warned = true;
  console.warn(
    `cb-2fa: cannot tell the client's IP (${detail}), so every client shares one per-IP budget. ` +
      "Pass your runtime's `getConnInfo` to createTwoFactor (@hono/node-server/conninfo, hono/bun, hono/deno, hono/cloudflare-workers) or set policy.trustProxy.",
  );
}

function socketAddress(c: Context, getConnInfo: GetConnInfo): string | undefined {
  let failure = 'the runtime passed no socket address';
  try {
    const address = getConnInfo(c).remote.address;
    if (address) return address;
  } catch (err) {
    // An adapter of another runtime (the Node one on Bun, say) throws on an env it does not know.
    failure = `getConnInfo failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  const fallback = getConnInfo === runtimeConnInfo ? undefined : runtimeConnInfo(c).remote.address;
  if (fallback) return fallback;
  // No env at all is `app.request()` in a test, not a server: nothing to warn about.
  if (c.env && typeof c.env === 'object') warnOnce(failure);
  return undefined;
}

/**
 * The client IP: from the socket, or from a proxy header only when the host says a trusted proxy
 * sets it. Anyone can send `X-Forwarded-For`, so trusting it by default would let one client
 * claim endless IPs and walk past every per-IP limit.
 */
export function clientIp(c: Context, trust: false | TrustedProxy, getConnInfo: GetConnInfo = runtimeConnInfo): string {
  if (trust) {
    const value = c.req.header(trust.header);
    if (value) {
      // RFC 7239 `Forwarded` carries the address as `for=`, one element a proxy; others list bare addresses.
      const rfc7239 = trust.header.toLowerCase() === 'forwarded';
      const list = value
        .split(',')
        .map((s) => (rfc7239 ? forwardedFor(s) : s.trim()))
        .filter(Boolean);
      const pick = list[Math.max(0, list.length - (trust.hops ?? 1))];
      if (pick) return pick;
    }
  }
  return socketAddress(c, getConnInfo) ?? 'unknown';
}

/** The address of one `Forwarded` element: `for=192.0.2.1`, `for="[2001:db8::1]:4711"` → `2001:db8::1`. */
function forwardedFor(element: string): string {
  const pair = element.split(';').map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('for='));
  if (!pair) return '';
  const value = pair.slice(4).replace(/^"|"$/g, '');
  const v6 = /^\[([^\]]+)\]/.exec(value);
  if (v6) return v6[1]!;
  // An IPv4 address may carry a port; an obfuscated identifier (`_hidden`, `unknown`) is no address.
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(value);
  return v4 ? v4[1]! : '';
}
