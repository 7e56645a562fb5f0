/**
 * Generators of hostile requests: JSON values of every type, odd and huge strings, unicode edge
 * cases, prototype-pollution keys, broken JSON, foreign content types and origins, cookies with
 * real, stale, forged and malformed session ids, forwarded headers, methods and paths.
 */
import fc from 'fast-check';
import { adminContactResetPath, routes } from '../../../protocol/routes.js';
import { PASSWORD, PHONE } from '../../support/harness.js';
import { MOUNT, ORIGIN, type Call } from './exchange.js';
import { ACTORS, LEE_PHONE, type Actor } from './world.js';

/** A route of the contract, with the body fields it reads and the actors whose session it serves. */
export interface ContractRoute {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  fields: readonly string[];
  actors: readonly Actor[];
}

const PENDING_ENROLL: readonly Actor[] = ['patEnroll', 'leeConfirm'];
const COMPLETE: readonly Actor[] = ['admin', 'staff', 'demoComplete', 'patComplete'];
const ADMINS: readonly Actor[] = ['admin', 'staff'];

/** Every route the router serves (protocol/routes.ts, plus the delivery and SMS status routes). */
export const CONTRACT: readonly ContractRoute[] = [
  { method: 'POST', path: routes.login, fields: ['email', 'password'], actors: ACTORS },
  { method: 'POST', path: routes.enrollPhone, fields: ['phone', 'country'], actors: PENDING_ENROLL },
  { method: 'POST', path: routes.enrollConfirm, fields: ['code'], actors: ['leeConfirm'] },
  { method: 'POST', path: routes.enrollSkip, fields: [], actors: PENDING_ENROLL },
  { method: 'POST', path: routes.verify, fields: ['code', 'recoveryCode', 'trustDevice'], actors: ['demoVerify'] },
  { method: 'POST', path: routes.resend, fields: ['channel'], actors: ['demoVerify', 'leeConfirm'] },
  { method: 'GET', path: routes.session, fields: [], actors: COMPLETE },
  { method: 'POST', path: routes.logout, fields: [], actors: ACTORS },
  { method: 'POST', path: routes.optIn, fields: [], actors: ['patComplete', 'demoComplete'] },
  { method: 'GET', path: routes.adminSettings, fields: [], actors: ADMINS },
  { method: 'PUT', path: routes.adminSettings, fields: ['enabled', 'allowOptOut'], actors: ADMINS },
  { method: 'GET', path: routes.adminContacts, fields: [], actors: ADMINS },
  { method: 'POST', path: routes.adminContactReset, fields: [], actors: ADMINS },
  { method: 'GET', path: routes.adminAudit, fields: [], actors: ADMINS },
  { method: 'GET', path: '/delivery', fields: [], actors: ['demoVerify', 'leeConfirm'] },
  { method: 'POST', path: '/sms/status', fields: ['MessageSid', 'MessageStatus', 'ErrorCode'], actors: ACTORS },
];

const ALL_FIELDS = [...new Set(CONTRACT.flatMap((r) => r.fields)), 'organizationId', 'limit', 'subjectId', 'reason', 'policy', 'user', 'step', 'role', 'masterAdmin', 'id'];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then', 'toJSON', 'length'];

/** What the world lets a generator aim at: right answers as well as wrong ones. */
export interface Targets {
  codes: readonly string[];
  tokens: Readonly<Record<Actor, string>>;
}

const NASTY = [
  '', ' ', '\u0000', '\n', '\r\n', '\t', '\u200b', '\ufeff', '\u202e', '\ud800', '\udfff', 'a\u0000b', '%00', '%', '%zz', '%ED%A0%80',
  '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '"; DROP TABLE cb_sessions; --', '${7*7}', '{{7*7}}', '$ne',
  '__proto__', 'constructor', 'prototype', 'toString', 'null', 'undefined', 'NaN', 'Infinity', 'true', '[]', '{}',
  '１２３４５６', '٠١٢٣٤٥', '۱۲۳۴۵۶', '123456', ' 123456', '123456 ', '123456\n', '12345', '1234567', '000000', '999999', '12 34 56', '12-34-56', '0x1E240', '1e5', '-12345',
  PHONE, PHONE.slice(2), '+1 (202) 555-0143', '202.555.0143', '+44 20 7946 0958', '+999', '+', '+1', '+12025550143+12025550143', LEE_PHONE,
  'US', 'us', 'CA', 'ZZ', 'XX', 'U', 'USA', 'ÜS',
  'demo@example.com', 'DEMO@EXAMPLE.COM', ' demo@example.com ', 'demo@example.com\u0000', 'admin@example.com', 'staff@example.com', 'pat@example.com',
  'lee@acme.example', 'nobody@example.com', 'a@b', '@', 'demo@exam\u0070le.com', 'ｄｅｍｏ@example.com', 'demo@EXAMPLE.com',
  PASSWORD, PASSWORD.toUpperCase(), `${PASSWORD} `, 'usr-demo', 'usr-admin', 'org-demo', 'org-acme',
  'e\u0301', '😀', '👩‍👩‍👧', 'İ', 'ß', 'ﬀ', '\u0130\u0131', 'Ω', '\u{10FFFF}',
];

const ODD_CHARS = ['\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ud800', '\udbff\udfff', '\udc00', '\ufffe', '\uffff', '😀', 'é', 'ﬀ', '"', '\\', '/', '<', '%', "'"];

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...ODD_CHARS), maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', '0', '1', 'é', '😀', '\u0000', '%', ' ', '\ud800'), fc.oneof(fc.integer({ min: 100, max: 3_000 }), fc.integer({ min: 3_000, max: 20_000 })))
      .map(([c, n]) => c.repeat(n)),
  },
);

const oddNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 123456, 1e308, -1e308, 5e-324, 2 ** 53 + 1, -(2 ** 31), 1.5, Number.NaN, Number.POSITIVE_INFINITY),
  fc.integer(),
  fc.double(),
);

/** Any JSON value, weighted towards the odd ones. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 2, arbitrary: oddNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { $ne: null }, { $gt: '' }, ['123456'], { code: '123456' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...POLLUTION_KEYS, ...ALL_FIELDS), oddString, { maxKeys: 3 }) },
);

/** A value that is right for the field often enough to get past validation into the steps. */
function plausible(field: string, t: Targets): fc.Arbitrary<unknown> {
  switch (field) {
    case 'email':
      return fc.constantFrom('demo@example.com', 'pat@example.com', 'lee@acme.example', 'admin@example.com', 'staff@example.com', 'nobody@example.com', 'DEMO@example.com');
    case 'password':
      return fc.constantFrom(PASSWORD, PASSWORD, 'wrong password', '');
    case 'phone':
      return fc.constantFrom(PHONE, LEE_PHONE, '+12025550199', '2025550111', '+14165550123', '+447700900123', '+12025550100');
    case 'country':
      return fc.constantFrom('US', 'CA', 'GB', 'us');
    case 'code':
    case 'recoveryCode':
      return fc.oneof(fc.constantFrom(...t.codes), fc.stringMatching(/^\d{6}$/));
    case 'enabled':
    case 'allowOptOut':
    case 'trustDevice':
      return fc.boolean();
    case 'channel':
      return fc.constantFrom('sms', 'voice', 'call');
    default:
      return oddString;
  }
}

/** The JSON text of an object, written by hand so keys may repeat and `__proto__` is an own key. */
const objectText = (pairs: Array<[string, unknown]>) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;

const BROKEN = [
  '', ' ', '\n', 'null', 'true', '0', '-1', '"x"', '[]', '[{}]', '{', '}', '{"', '{"a":', '{"a":1,}', "{'a':1}", '{a:1}', 'undefined', 'NaN', '{"a":NaN}',
  '\u0000', '\ufeff{}', '{}\u0000', '{}{}', '{} []', '{"code":"123456"}garbage', '{"__proto__":{"enabled":true}}', '{"constructor":{"prototype":{"x":1}}}',
  'email=demo%40example.com&password=x', '--boundary\r\nContent-Disposition: form-data; name="code"\r\n\r\n123456\r\n--boundary--',
  '1'.repeat(400), `{"code":${'1'.repeat(400)}}`, '{"code":1e999}', '{"code":-0}', '{"email":"\\ud800","password":"\\udfff"}', '{"phone":"\\u0000"}',
  '['.repeat(5_000) + ']'.repeat(5_000), `{"code":${'['.repeat(3_000)}1${']'.repeat(3_000)}}`, `{"code":${'{"a":'.repeat(1_500)}1${'}'.repeat(1_500)}}`,
];

/** A body for a route: mostly an object with its own fields (right or wrong), sometimes anything at all. */
export function bodyFor(fields: readonly string[], t: Targets): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: fields.length > 0 ? 6 : 0, arbitrary: fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x') },
    { weight: 2, arbitrary: fc.constantFrom(...ALL_FIELDS) },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTION_KEYS) },
    { weight: 1, arbitrary: oddString },
  );
  const pairs = fc.array(
    key.chain((k) => fc.tuple(fc.constant(k), fc.oneof({ weight: 3, arbitrary: plausible(k, t) }, { weight: 2, arbitrary: anyJson }))),
    { maxLength: 6 },
  );
  const wellFormed = fc.oneof(
    { weight: 3, arbitrary: fc.constant(fields).chain((fs) => fc.tuple(...fs.map((f) => plausible(f, t)))).map((values) => objectText(fields.map((f, i) => [f, values[i]]))) },
    { weight: 5, arbitrary: pairs.map(objectText) },
    { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
  );
  return fc.oneof(
    { weight: 8, arbitrary: wellFormed },
    { weight: 2, arbitrary: fc.constantFrom(...BROKEN) },
    {
      weight: 2,
      arbitrary: fc.tuple(wellFormed, fc.nat(), fc.constantFrom('truncate', 'array', 'bom', 'trailing', 'pad', 'nul')).map(([text, n, how]) => {
        switch (how) {
          case 'truncate':
            return text.slice(0, n % Math.max(1, text.length));
          case 'array':
            return `[${text}]`;
          case 'bom':
            return `\ufeff${text}`;
          case 'trailing':
            return `${text},`;
          case 'nul':
            return `${text}\u0000`;
          default:
            // Around the 16 KB limit, on both sides.
            return `${text}${' '.repeat(Math.max(0, 16_384 - text.length + (n % 64) - 32))}`;
        }
      }),
    },
  );
}

/** A header value a client could put on the wire: Latin-1 without CR, LF or NUL. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom('', ' ', '\t', 'null', '*', ',', ';', '=', '"', '%zz', 'x'.repeat(8_000)),
);

export const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'Application/JSON', ' application/json ', 'application/json;charset=latin1', 'application/json; boundary=x',
  'application/json, text/plain', 'application/jsonx', 'application/json5', 'application/ld+json', 'application/problem+json', 'text/json',
  'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', '*/*', ';', '',
];
export const contentType = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: headerValue });

export const origin = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(ORIGIN, 'https://evil.example', 'null', 'http://portal.test:80', 'HTTP://PORTAL.TEST', 'http://portal.test.evil.example', 'https://portal.test', 'http://portal.test/', 'http://evil.example@portal.test', 'file://', '') },
  { weight: 1, arbitrary: headerValue },
);

export const fetchSite = fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'CROSS-SITE', 'x');

const ipLike = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('unknown', '::ffff:10.0.0.1', 'fe80::1%eth0', '::', '0.0.0.0', '999.999.999.999', '[::1]:80', '10.0.0.1:5000', '1.2.3', '', ' , , '),
  headerValue,
);
export const forwardedFor = fc.array(ipLike, { minLength: 1, maxLength: 4 }).map((list) => list.join(', '));
export const forwarded = fc.oneof(
  fc.constantFrom('for=192.0.2.60;proto=https;host=portal.test', 'proto=https;host="evil.example:443"', 'for="[2001:db8::1]:4711"', 'host=', 'proto="', ';;,,', 'a=b=c', 'host="\\"x"', 'for=x;host=portal.test, for=y;host=evil.example'),
  headerValue,
);
export const forwardedHost = fc.oneof(fc.constantFrom('portal.test', 'evil.example', 'portal.test:8443', '[::1]:3000', 'a b', 'x@y', 'portal.test/path', 'portal.test, evil.example', ''), headerValue);
export const forwardedProto = fc.oneof(fc.constantFrom('https', 'http', 'HTTPS', 'ftp', 'https, http', 'http, https', ''), headerValue);

/** A `Cookie` header: a real session, a stale or forged one, two at once, or junk. */
export function cookieHeader(t: Targets): fc.Arbitrary<string> {
  const token = fc.constantFrom(...Object.values(t.tokens));
  const forged = fc.oneof(
    token.map((v) => v.slice(1)),
    token.map((v) => `${v}x`),
    token.map((v) => v.toUpperCase()),
    token.chain((v) => fc.nat(v.length - 1).map((i) => v.slice(0, i) + (v[i] === 'A' ? 'B' : 'A') + v.slice(i + 1))),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'), minLength: 43, maxLength: 43 }),
    fc.constantFrom('', '%zz', '%', '"quoted"', 'a'.repeat(129), 'a'.repeat(4_000), 'deleted', 'null', ';', '=', '\u00ff\u00fe'),
    headerValue,
  );
  return fc.oneof(
    { weight: 6, arbitrary: token.map((v) => `cb_session=${v}`) },
    { weight: 1, arbitrary: token.map((v) => `__Host-cb_session=${v}`) },
    { weight: 1, arbitrary: fc.tuple(token, token).map(([a, b]) => `cb_session=${a}; cb_session=${b}`) },
    { weight: 1, arbitrary: fc.tuple(forged, token).map(([a, b]) => `cb_session=${a}; cb_session=${b}`) },
    { weight: 1, arbitrary: token.map((v) => `cb_session=${encodeURIComponent(v)}%00`) },
    { weight: 3, arbitrary: forged.map((v) => `cb_session=${v}`) },
    { weight: 1, arbitrary: headerValue },
  );
}

export const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'post', 'get', 'put', 'PROPFIND', 'M-SEARCH', 'X');

/** Percent-encodes what can be encoded; a lone surrogate goes out as the invalid UTF-8 it would be. */
export const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

const contactId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('usr-demo', 'usr-pat', 'usr-lee', 'usr-admin', 'usr-staff', 'nope') },
  { weight: 2, arbitrary: oddString.map(encode) },
  { weight: 1, arbitrary: fc.constantFrom('%zz', '%', '%ED%A0%80', '..', '.', '%2e%2e', '%2F', 'usr-demo%00', 'a'.repeat(3_000)) },
);

const queryPart = fc.oneof(
  fc.tuple(fc.constantFrom('organizationId', 'limit', 'subjectId', 'format', '__proto__', 'constructor'), fc.oneof(oddString, fc.constantFrom('org-demo', 'org-acme', '1', '500', '501', '0', '-1', '1.5', '1e3', 'usr-demo'))).map(([k, v]) => `${k}=${encode(v)}`),
  fc.constantFrom('limit', 'limit=', '=', '&', '%zz=1', 'limit=%zz', 'organizationId=%ED%A0%80', 'limit=1&limit=2', 'organizationId[]=x'),
);
export const query = fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: fc.array(queryPart, { minLength: 1, maxLength: 3 }).map((parts) => `?${parts.join('&')}`) });

/** The concrete path of a route (the reset route gets a contact id). */
export const pathOf = (route: ContractRoute): fc.Arbitrary<string> =>
  route.path === routes.adminContactReset ? contactId.map((id) => `${MOUNT}${adminContactResetPath('x').replace('/x/', `/${id}/`)}`) : fc.constant(`${MOUNT}${route.path}`);

/** Paths next to the contract's: unknown routes, odd spellings of known ones. */
export const strayPath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...CONTRACT.map((r) => r.path)).chain((p) =>
    fc.constantFrom(`${p}/`, `${p.toUpperCase()}`, `/${p}`, `${p}//`, `${p}/x`, `${p}.json`, `${p}%00`, `${p}%2f`, `${p};x`, `/${p.slice(1).replace(/\//g, '%2F')}`).map((s) => `${MOUNT}${s}`),
  ),
  fc.constantFrom(`${MOUNT}`, `${MOUNT}/`, `${MOUNT}/nope`, `${MOUNT}/admin`, `${MOUNT}/admin/contacts/usr-demo`, `${MOUNT}/admin/contacts//two-factor/reset`, `${MOUNT}/%zz`, `${MOUNT}/..%2F..%2Fdev/sms-outbox`),
  oddString.map((s) => `${MOUNT}/${encode(s)}`),
);

/** Header pairs with the usual JSON request as the most common case. */
export function headersFor(t: Targets, options: { json: boolean }): fc.Arbitrary<Array<[string, string]>> {
  return fc
    .record(
      {
        contentType: options.json ? fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }) : contentType,
        origin,
        fetchSite,
        cookie: cookieHeader(t),
        forwardedFor,
        forwarded,
        forwardedHost,
        forwardedProto,
        extra: fc.array(fc.tuple(fc.constantFrom('x-real-ip', 'cf-connecting-ip', 'true-client-ip', 'x-twilio-signature', 'accept', 'accept-language', 'authorization', 'x-http-method-override', 'content-encoding', 'referer', 'user-agent'), headerValue), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((h) => {
      const list: Array<[string, string]> = [];
      if (h.contentType !== undefined) list.push(['content-type', h.contentType]);
      if (h.origin !== undefined) list.push(['origin', h.origin]);
      if (h.fetchSite !== undefined) list.push(['sec-fetch-site', h.fetchSite]);
      if (h.cookie !== undefined) list.push(['cookie', h.cookie]);
      if (h.forwardedFor !== undefined) list.push(['x-forwarded-for', h.forwardedFor]);
      if (h.forwarded !== undefined) list.push(['forwarded', h.forwarded]);
      if (h.forwardedHost !== undefined) list.push(['x-forwarded-host', h.forwardedHost]);
      if (h.forwardedProto !== undefined) list.push(['x-forwarded-proto', h.forwardedProto]);
      list.push(...(h.extra ?? []));
      return list;
    });
}

export const clientIp = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('203.0.113.7', '198.51.100.1', '2001:db8::7') }, { weight: 1, arbitrary: fc.oneof(fc.ipV4(), fc.ipV6()) });

/** A request to a route of the contract with its own method, any body, the usual headers. */
export function bodyCall(t: Targets): fc.Arbitrary<Call> {
  return fc.constantFrom(...CONTRACT).chain((route) =>
    fc
      .record({
        path: fc.tuple(pathOf(route), route.method === 'GET' ? query : fc.constant('')).map(([p, q]) => p + q),
        cookie: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...route.actors).map((a) => `cb_session=${t.tokens[a]}`) },
          { weight: 3, arbitrary: cookieHeader(t) },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
        body: bodyFor(route.fields, t),
        ip: clientIp,
      })
      .map(({ path, cookie, body, ip }) => ({
        method: route.method,
        path,
        headers: [...(route.method === 'GET' ? [] : ([['content-type', 'application/json']] as Array<[string, string]>)), ...(cookie ? ([['cookie', cookie]] as Array<[string, string]>) : [])],
        body: route.method === 'GET' ? undefined : body,
        ip,
      })),
  );
}

/** A request with anything at all in its method, path, headers and body. */
export function wildCall(t: Targets): fc.Arbitrary<Call> {
  const routed = fc.constantFrom(...CONTRACT).chain((route) =>
    fc.record({
      method: fc.oneof({ weight: 3, arbitrary: fc.constant(route.method as string) }, { weight: 2, arbitrary: method }),
      path: fc.tuple(pathOf(route), query).map(([p, q]) => p + q),
      body: fc.option(bodyFor(route.fields, t), { nil: undefined, freq: 6 }),
      json: fc.boolean(),
    }),
  );
  const stray = fc.record({ method, path: fc.tuple(strayPath, query).map(([p, q]) => p + q), body: fc.option(bodyFor(ALL_FIELDS, t), { nil: undefined }), json: fc.boolean() });
  return fc
    .oneof({ weight: 4, arbitrary: routed }, { weight: 1, arbitrary: stray })
    .chain((r) => fc.tuple(fc.constant(r), headersFor(t, { json: r.json }), clientIp))
    .map(([r, headers, ip]) => ({ method: r.method, path: r.path, headers, body: r.body, ip }));
}
