import type { Context } from 'hono';
import type { TrustedProxy } from '../policy.js';

/**
 * The socket's remote address without importing a runtime adapter: `@hono/node-server` puts the
 * Node request in `c.env.incoming`, Bun passes its server (with `requestIP`) as `c.env`.
 */
function socketAddress(c: Context): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const env = c.env as any;
  const node = env?.incoming?.socket?.remoteAddress;
  if (typeof node === 'string') return node;
  if (typeof env?.requestIP === 'function') {
    const addr = env.requestIP(c.req.raw)?.address;
    if (typeof addr === 'string') return addr;
  }
  return undefined;
}

/**
 * The client IP: from the socket, or from a proxy header only when the host says a trusted proxy
 * sets it. Anyone can send `X-Forwarded-For`, so trusting it by default would let one client
 * claim endless IPs and walk past every per-IP limit.
 */
export function clientIp(c: Context, trust: false | TrustedProxy): string {
  if (trust) {
    const value = c.req.header(trust.header);
    if (value) {
      const list = value.split(',').map((s) => s.trim()).filter(Boolean);
      const pick = list[Math.max(0, list.length - (trust.hops ?? 1))];
      if (pick) return pick;
    }
  }
  return socketAddress(c) ?? 'unknown';
}
