import type { TrustedProxy } from '../policy.js';

/** The scheme and host the browser used, which may differ from the socket's behind a proxy. */
export interface PublicOrigin {
  scheme: 'http' | 'https';
  /** Host and non-default port, lowercase: `portal.example.com`, `localhost:5173`. */
  host: string;
  /** `scheme://host`, in the form browsers send as `Origin`. */
  origin: string;
}

type RequestLike = { url: string; headers: Headers };

/**
 * The request's public origin: it decides the `Secure` cookie, its `__Host-` prefix and the
 * same-origin check. Behind a TLS-terminating proxy the socket speaks plain HTTP to a backend
 * address, so only the proxy knows what the browser used. Its headers are believed only when the
 * host declares the proxy (`policy.trustProxy`): anyone can send `X-Forwarded-Host`, and a
 * believed one would let a request name its own "own origin".
 */
export function publicOrigin(request: RequestLike, trust: false | TrustedProxy): PublicOrigin {
  const url = new URL(request.url);
  let scheme: string = url.protocol.slice(0, -1);
  let host = url.host;
  const claimed = trust ? forwardedBy(request.headers, trust) : {};
  if (claimed.scheme === 'http' || claimed.scheme === 'https') scheme = claimed.scheme;
  if (claimed.host !== undefined && HOST.test(claimed.host) && URL.canParse(`${scheme}://${claimed.host}`)) host = claimed.host;
  // The URL parser lowercases and drops a default port, as browsers do in `Origin`.
  const normal = new URL(`${scheme}://${host}`);
  return { scheme: scheme === 'https' ? 'https' : 'http', host: normal.host, origin: normal.origin };
}

/** A host and optional port, nothing else: no userinfo, path or second value slips into the origin. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::\d{1,5})?$/;

/**
 * Proxies that append (`a, b`) put their own entry last; the entry `hops` from the right is the
 * one our outermost trusted proxy wrote, as for the client IP. Entries to its left came from the
 * client and are ignored.
 */
function pick<T>(list: T[], hops: number): T | undefined {
  return list[Math.max(0, list.length - hops)];
}

function splitList(value: string | null): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function forwardedBy(headers: Headers, trust: TrustedProxy): { scheme?: string; host?: string } {
  const hops = trust.hops ?? 1;
  const source = trust.forwarded ?? 'x-forwarded';
  if (source === false) return {};
  if (source === 'forwarded') {
    const element = pick(splitForwarded(headers.get('forwarded')), hops);
    return element ? { scheme: element.proto?.toLowerCase(), host: element.host } : {};
  }
  return {
    scheme: pick(splitList(headers.get('x-forwarded-proto')), hops)?.toLowerCase(),
    host: pick(splitList(headers.get('x-forwarded-host')), hops),
  };
}

/** RFC 7239: `for=…;proto=https;host="a:8443", for=…`: elements by comma, pairs by semicolon, values maybe quoted. */
function splitForwarded(value: string | null): Array<Record<string, string>> {
  if (!value) return [];
  const elements: Array<Record<string, string>> = [];
  // A quoted value may hold commas and semicolons, so split on them only outside quotes.
  const token = /\s*([^=;,\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;,]*)\s*([;,]|$)/gy;
  let current: Record<string, string> = Object.create(null);
  let m: RegExpExecArray | null;
  while (token.lastIndex < value.length && (m = token.exec(value))) {
    const raw = m[2]!.trim();
    current[m[1]!.toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    if (m[3] !== ';') {
      elements.push(current);
      current = Object.create(null);
    }
  }
  // A malformed header is the proxy's mistake; believing half of it could pick the wrong element.
  if (token.lastIndex < value.length) return [];
  return elements;
}
