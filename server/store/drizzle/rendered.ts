/**
 * Statements rendered to SQL text once, with named placeholders, and bound at every call. The
 * code try's statements are built from nested templates (the lock window, the code's liveness,
 * its generation); Drizzle walked them at every try, and that walk cost about as much CPU as
 * SQLite's own work on the statements.
 * @module
 */
import { is, Placeholder, sql, type SQL } from 'drizzle-orm';
import type { AuditEvent, CodeTryInput, Session } from '../store.js';

export interface Rendered {
  sql: string;
  /** Values and `sql.placeholder` entries, in the order of the text's parameters. */
  params: unknown[];
  /** Per parameter: the placeholder's name, or null for a value rendered in (then in `params`). */
  names: (string | null)[];
}

export interface Bound {
  sql: string;
  args: unknown[];
}

export type Values = Record<string, unknown>;

/** A named placeholder where a builder expects a value: rendered as a parameter, bound later. */
const p = <T>(name: string) => sql.placeholder(name) as unknown as T;

/** A code try whose every value is a placeholder, for the builders of `code-try.ts`. */
export const codeTryPlaceholders: CodeTryInput = {
  userId: p('uid'),
  sessionIdHash: p('sid'),
  purpose: p('purpose'),
  codeHash: p('hash'),
  tryId: p('try'),
  now: p('now'),
  maxAttempts: p('max'),
  lock: { windowMs: p('w'), lockAfter: p('lockAfter'), lockMs: p('lockMs'), hardLockAfter: p('hardAfter') },
};

export const portalPlaceholder = p<string>('pid');

/** The values of one try, under the names of `codeTryPlaceholders`. */
export const codeTryValues = (portalId: string, i: CodeTryInput): Values => ({
  pid: portalId,
  uid: i.userId,
  sid: i.sessionIdHash,
  purpose: i.purpose,
  // A null hash (malformed input, Verify mode) matches no stored MAC: the empty string never is one.
  hash: i.codeHash ?? '',
  try: i.tryId,
  now: i.now,
  max: i.maxAttempts,
  w: i.lock.windowMs,
  lockAfter: i.lock.lockAfter,
  lockMs: i.lock.lockMs,
  hardAfter: i.lock.hardLockAfter,
});

/** Placeholders for the `n`-th audit event of a statement. */
export const eventPlaceholders = (n: number) => ({
  at: p<number>(`e${n}at`),
  type: p<string>(`e${n}type`),
  actorId: p<string>(`e${n}actor`),
  subjectId: p<string>(`e${n}subject`),
  ip: p<string>(`e${n}ip`),
  detail: p<string>(`e${n}detail`),
});

export function eventValues(events: AuditEvent[], into: Values = {}): Values {
  // Assigned one by one into one object: spreads and Object.fromEntries made a dictionary of it,
  // and every parameter's lookup then cost a hash probe (measured: a third of the verify's binding).
  for (let n = 0; n < events.length; n++) {
    const e = events[n]!;
    into[`e${n}at`] = e.at;
    into[`e${n}type`] = e.type;
    into[`e${n}actor`] = e.actorId;
    into[`e${n}subject`] = e.subjectId;
    into[`e${n}ip`] = e.ip;
    into[`e${n}detail`] = e.detail ? JSON.stringify(e.detail) : null;
  }
  return into;
}

export type Promotion = Pick<Session, 'idHash' | 'amr' | 'expiresAt' | 'lastSeenAt' | 'secondFactorAt'>;

/** The values of a code try with a promotion and its events (`tryCodeAndPromote`). */
export function codeTryAndPromotionValues(portalId: string, input: CodeTryInput, next: Promotion, events: AuditEvent[]): Values {
  const values = codeTryValues(portalId, input);
  values.newId = next.idHash;
  values.amr = next.amr;
  values.expiresAt = next.expiresAt;
  values.lastSeenAt = next.lastSeenAt;
  values.secondFactorAt = next.secondFactorAt ?? null;
  return eventValues(events, values);
}

/** Renders statements once through a dialect (`db.dialect.sqlToQuery`). */
export const render = (dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } }, statements: SQL[]): Rendered[] =>
  statements.map((q) => {
    const { sql: text, params } = dialect.sqlToQuery(q);
    return { sql: text, params, names: params.map((p) => (is(p, Placeholder) ? p.name : null)) };
  });

/** The parameters' values, by name where a placeholder stands (Drizzle's `fillPlaceholders`, without its per-call type checks). */
export function argsOf(s: Rendered, values: Values): unknown[] {
  const { names, params } = s;
  const args = new Array<unknown>(names.length);
  for (let k = 0; k < names.length; k++) {
    const name = names[k] ?? null;
    if (name === null) {
      args[k] = params[k];
      continue;
    }
    const value = values[name];
    // `in` only for the rare undefined: a value that is there but undefined is still refused by the driver.
    if (value === undefined && !(name in values)) throw new Error(`No value for placeholder "${name}"`);
    args[k] = value;
  }
  return args;
}

export const bind = (statements: Rendered[], values: Values): Bound[] => statements.map((s) => ({ sql: s.sql, args: argsOf(s, values) }));

/**
 * The bound statements as Drizzle `SQL` again, for a driver without a batch of its own (run in a
 * Drizzle transaction). SQLite's text only: its parameters are `?`, and these statements hold no
 * `?` of their own.
 */
export const bindAsSql = (statements: Rendered[], values: Values): SQL[] =>
  bind(statements, values).map(({ sql: text, args }) => {
    const parts = text.split('?');
    return sql.join(parts.map((part, k) => (k < args.length ? sql`${sql.raw(part)}${args[k]}` : sql.raw(part))));
  });
