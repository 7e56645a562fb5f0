/**
 * `X-Twilio-Signature` on Web Crypto, so status callbacks are checked the same way on Node, Bun
 * and workerd. The algorithm is Twilio's (twilio.com/docs/usage/webhooks/webhooks-security):
 * HMAC-SHA1, keyed with the account's Auth Token, over the full URL Twilio was given followed by
 * every POST parameter as name + value, names sorted; the result base64-encoded. Twilio signs
 * with the Auth Token even when the API calls use an API key. A webhook that a Webhook Rule
 * signs with a SharedKey instead carries `X-Twilio-Webhooks-Signature-Settings:
 * key=…,algorithm=…`: then the key is the SharedKey's secret and the hash the one named there.
 * @module
 */
import { utf8 } from '../crypto/encoding.js';
import { timingSafeEqual } from '../crypto/hash.js';

export type TwilioSignatureAlgorithm = 'HMAC_SHA1' | 'HMAC_SHA256';
export type TwilioParams = Record<string, string | string[]>;

/**
 * Form parameters as Twilio signs them: a repeated name keeps all its values. The map has no
 * prototype, so names like `constructor`, `toString` or `__proto__` are plain parameters.
 */
export function formParams(body: string): TwilioParams {
  const out: TwilioParams = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** The string Twilio signs: URL, then `name + value` per parameter, names in code-unit order. */
function signedData(url: string, params: TwilioParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    // A repeated parameter contributes each distinct value once, values sorted (as twilio-node does).
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += name + v;
  }
  return data;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export async function twilioSignature(authToken: string, url: string, params: TwilioParams, algorithm: TwilioSignatureAlgorithm = 'HMAC_SHA1'): Promise<string> {
  const hash = algorithm === 'HMAC_SHA256' ? 'SHA-256' : 'SHA-1';
  const key = await crypto.subtle.importKey('raw', utf8(authToken), { name: 'HMAC', hash }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(signedData(url, params)))));
}

/**
 * The URL as given, without its port, and with the scheme's default port when it has none: the
 * forms twilio-node's `validateRequest` tries, since Twilio has signed each over time. The rest
 * of the URL (user info, host, path, query) is kept character for character.
 */
function urlForms(url: string): string[] {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!m) return [url];
  const [prefix, scheme = '', authority = ''] = m;
  const rest = url.slice(prefix.length);
  const userInfo = authority.slice(0, authority.lastIndexOf('@') + 1);
  const hostAndPort = authority.slice(userInfo.length);
  // In an IPv6 literal the port's colon can only come after the closing bracket.
  const portAt = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  const host = portAt === -1 ? hostAndPort : hostAndPort.slice(0, portAt);
  const standard = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  const withoutPort = scheme + userInfo + host + rest;
  const withPort = portAt === -1 ? scheme + userInfo + host + standard + rest : url;
  return withoutPort === withPort ? [url] : [withoutPort, withPort];
}

/**
 * The hash named by `X-Twilio-Webhooks-Signature-Settings` (`key=…,algorithm=HMAC_SHA256`), read
 * as twilio-node reads it; SHA-1 when it names none. Null for an algorithm we do not know.
 */
export function signatureAlgorithm(settingsHeader: string | undefined): TwilioSignatureAlgorithm | null {
  for (const part of (settingsHeader ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== 'algorithm') continue;
    const name = part.slice(eq + 1).trim().toUpperCase();
    if (!name) continue;
    return name === 'HMAC_SHA1' || name === 'HMAC_SHA256' ? name : null;
  }
  return 'HMAC_SHA1';
}

/**
 * True when `signature` is Twilio's signature of this request for `url`, the exact public URL
 * that was given to Twilio (not the URL the request arrived at, which a proxy may have changed).
 */
export async function validateTwilioSignature(input: {
  /** The Auth Token, or the SharedKey's secret for a webhook that carries the settings header. */
  authToken: string;
  signature: string | undefined;
  url: string;
  params: TwilioParams;
  algorithm?: TwilioSignatureAlgorithm;
}): Promise<boolean> {
  if (!input.signature) return false;
  const given = utf8(input.signature);
  let ok = false;
  for (const url of urlForms(input.url)) {
    const expected = await twilioSignature(input.authToken, url, input.params, input.algorithm);
    // Every form is computed and compared, so the time taken does not tell which one matched.
    if (timingSafeEqual(utf8(expected), given)) ok = true;
  }
  return ok;
}
