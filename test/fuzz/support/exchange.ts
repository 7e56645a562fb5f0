/**
 * One raw request to the in-process portal, and the rules every answer keeps whatever was sent:
 * no 5xx, JSON in the contract's shapes, errors as `{ error: { code, message } }` with a fitting
 * 4xx, and nothing internal (stack traces, driver errors, hashes, secrets, full phone numbers).
 */
import { CB_ERROR_CODES } from '../../../protocol/errors.js';
import type { Harness } from '../../support/harness.js';

export const ORIGIN = 'http://portal.test';
export const MOUNT = '/api/2fa';

export interface Call {
  method: string;
  /** Path and query below the host, e.g. `/api/2fa/login`. */
  path: string;
  /** Header pairs in order; a name may repeat. */
  headers: Array<[string, string]>;
  /** The body as sent on the wire; none for GET and HEAD. */
  body?: string;
  /** The socket's address. */
  ip: string;
}

export interface Answer {
  status: number;
  text: string;
  /** The parsed body, or `undefined` when it is not JSON. */
  json: unknown;
  headers: Headers;
}

/** What `@hono/node-server` passes as `c.env`: the socket's remote address lives there. */
const nodeEnv = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

export async function send(h: Harness, call: Call): Promise<Answer> {
  const headers = new Headers();
  for (const [name, value] of call.headers) headers.append(name, value);
  const init: RequestInit = { method: call.method, headers };
  const bodiless = ['GET', 'HEAD'].includes(call.method.toUpperCase());
  if (call.body !== undefined && !bodiless) init.body = call.body;
  const res = await h.app.request(`${ORIGIN}${call.path}`, init, nodeEnv(call.ip));
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** The path relative to the router's mount point, without the query: `/verify`. */
export const routeOf = (path: string) => {
  const bare = path.split('?')[0]!.split('#')[0]!;
  return bare.startsWith(MOUNT) ? bare.slice(MOUNT.length) || '/' : bare;
};

const STATUS_OF: Record<string, readonly number[]> = {
  invalid_credentials: [401],
  invalid_code: [400],
  code_expired: [400],
  rate_limited: [429],
  invalid_phone: [400],
  unauthorized: [401],
  forbidden: [403],
  not_found: [404],
  wrong_step: [409],
  bad_request: [400, 413, 415],
};
const ERROR_FIELDS = new Set(['code', 'message', 'attemptsLeft', 'retryAfter', 'fields', 'delivery']);

/** Signs of a leak: a stack frame, a file path, an exception or driver class, SQL. */
const LEAKS: Array<[RegExp, string]> = [
  [/\bat\s+(?:async\s+)?[\w$.<>[\] ]*\s*\(?(?:file:|node:|\/)[^)]*:\d+/, 'a stack frame'],
  [/node_modules|\/work\/|file:\/\/|\.(?:ts|js|mjs):\d+/, 'a source path'],
  [/\b(?:TypeError|ReferenceError|RangeError|SyntaxError|ZodError|SqliteError|LibsqlError|DrizzleError|DatabaseError|HTTPException)\b/, 'an exception class'],
  [/\bSQLITE_[A-Z_]+\b|\b(?:SELECT|INSERT|UPDATE|DELETE)\s+\S+.*\b(?:FROM|INTO|SET|WHERE)\b/, 'SQL or a driver code'],
  [/Unexpected (?:token|end of JSON|non-whitespace)|in JSON at position|JSON at position \d|Cannot read propert|is not a function|undefined is not/, 'a runtime or parser message'],
  [/\bexpected \w+, received\b|Invalid input: expected|Required at "/i, 'a validator message'],
  [/\bcb_(?:accounts|audit_events|code_locks|codes|enrollments|organizations|rate_limits|sessions|settings|skips|sms_deliveries|migrations)\b/, 'a table name'],
];
/** Keys that must never appear anywhere in a response body. */
const SECRET_KEY = /^(?:password|password_?hash|code_?hash|id_?hash|session_?id_?hash|secret|token|session_?id|stack|cause)$/i;

function keysOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      keysOf(v, into);
    }
  }
  return into;
}

export interface AnswerContext {
  /** Full phone numbers the portal holds: no answer may show one (only masked forms). */
  phones: readonly string[];
}

/** The problems with an answer, one line each; empty when it keeps every rule. */
export function answerProblems(call: Call, answer: Answer, context: AnswerContext): string[] {
  const problems: string[] = [];
  const { status, text, json } = answer;
  if (status >= 500) problems.push(`status ${status}`);
  if (status < 200 || status > 599) problems.push(`odd status ${status}`);
  for (const [pattern, what] of LEAKS) if (pattern.test(text)) problems.push(`body shows ${what}`);
  for (const phone of context.phones) if (text.includes(phone) || text.includes(phone.slice(2))) problems.push(`body shows the full phone ${phone}`);
  const secrets = keysOf(json).filter((k) => SECRET_KEY.test(k));
  if (secrets.length > 0) problems.push(`body has internal keys ${secrets.join(', ')}`);

  const expectsBody = call.method.toUpperCase() !== 'HEAD' && status !== 204;
  if (expectsBody && json === undefined) problems.push('body is not JSON');
  if (expectsBody && !/^application\/json\b/i.test(answer.headers.get('content-type') ?? '')) {
    problems.push(`content type ${answer.headers.get('content-type')}`);
  }
  if (status >= 400 && expectsBody) problems.push(...errorShapeProblems(status, json, answer.headers));
  if (status >= 400) {
    // A refusal may end a session (clear the cookie), never start one.
    for (const line of answer.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      if (value !== '' && !/max-age=0/i.test(line)) problems.push(`a refusal sets a cookie: ${line}`);
    }
  }
  return problems;
}

function errorShapeProblems(status: number, json: unknown, headers: Headers): string[] {
  const problems: string[] = [];
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [`error body is not an object: ${JSON.stringify(json)}`];
  const keys = Object.keys(json);
  if (keys.length !== 1 || keys[0] !== 'error') problems.push(`error body keys ${keys.join(', ')}`);
  const error = (json as { error?: unknown }).error;
  if (!error || typeof error !== 'object' || Array.isArray(error)) return [...problems, 'no error object'];
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'string' || !(CB_ERROR_CODES as readonly string[]).includes(e.code)) problems.push(`unknown error code ${JSON.stringify(e.code)}`);
  else if (!STATUS_OF[e.code]) problems.push(`error code ${e.code} is not one a request may cause`);
  else if (!STATUS_OF[e.code]!.includes(status)) problems.push(`error code ${e.code} with status ${status}`);
  if (typeof e.message !== 'string' || e.message.trim() === '') problems.push('no message');
  else if (e.message.length > 300) problems.push('an overlong message');
  for (const k of Object.keys(e)) if (!ERROR_FIELDS.has(k)) problems.push(`unexpected error field ${k}`);
  if ('attemptsLeft' in e && !(Number.isInteger(e.attemptsLeft) && (e.attemptsLeft as number) >= 0)) problems.push(`attemptsLeft ${JSON.stringify(e.attemptsLeft)}`);
  if ('fields' in e && !(Array.isArray(e.fields) && e.fields.every((f) => typeof f === 'string' && f.length < 64))) problems.push(`fields ${JSON.stringify(e.fields)}`);
  if (e.code === 'rate_limited') {
    if (!(Number.isInteger(e.retryAfter) && (e.retryAfter as number) >= 1)) problems.push(`retryAfter ${JSON.stringify(e.retryAfter)}`);
    else if (headers.get('retry-after') !== String(e.retryAfter)) problems.push(`Retry-After ${headers.get('retry-after')} but retryAfter ${e.retryAfter}`);
  }
  return problems;
}

/** The call as a short line for a failure message. */
export const describeCall = (call: Call) =>
  `${call.method} ${call.path} from ${call.ip} ${JSON.stringify(call.headers)}${call.body === undefined ? '' : ` body(${call.body.length}) ${JSON.stringify(call.body.length > 400 ? call.body.slice(0, 400) + '…' : call.body)}`}`;

export const describeAnswer = (a: Answer) => `${a.status} ${a.text.length > 400 ? a.text.slice(0, 400) + '…' : a.text}`;
