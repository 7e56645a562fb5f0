/**
 * Several statements in one round trip to PostgreSQL: node-postgres sends a query without
 * parameters through the simple-query protocol, which runs a string of statements as one implicit
 * transaction (all of them or, at an error, none) and answers them all at once. The values are
 * written into the text as literals, so this is only for statements rendered by us, from
 * placeholders, with every value escaped here.
 * @module
 */
import { argsOf, type Rendered, type Values } from '../rendered.js';

/** A node-postgres Pool or Client (pglite and other drivers go through Drizzle's transaction). */
export interface SimpleQueryClient {
  query(text: string): Promise<{ rows: Record<string, unknown>[] } | { rows: Record<string, unknown>[] }[]>;
}

export function simpleQueryClient(client: unknown): SimpleQueryClient | null {
  const c = client as { query?: unknown; totalCount?: unknown; escapeLiteral?: unknown } | null;
  if (!c || typeof c.query !== 'function') return null;
  // node-postgres' Pool counts its clients; its Client escapes literals. Nothing else here has either.
  return typeof c.totalCount === 'number' || typeof c.escapeLiteral === 'function' ? (c as SimpleQueryClient) : null;
}

/**
 * A value as a SQL literal: strings quoted with `'` doubled, and, when they hold a backslash, as an
 * escape string with `\` doubled, so the text means the same whatever `standard_conforming_strings`
 * says (node-postgres' `escapeLiteral` does the same).
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value !== 'string') throw new TypeError(`No literal for a ${typeof value}`);
  if (value.includes('\0')) throw new TypeError('A string with a NUL character has no PostgreSQL literal');
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return value.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

/** A statement's text cut at its `$n`: the parts between, and the parameter each cut takes. */
interface Cut {
  parts: string[];
  slots: number[];
}

const cuts = new WeakMap<Rendered, Cut>();

function cutOf(s: Rendered): Cut {
  let cut = cuts.get(s);
  if (!cut) {
    const pieces = s.sql.split(/\$(\d+)/);
    cut = { parts: pieces.filter((_, k) => k % 2 === 0), slots: pieces.filter((_, k) => k % 2 === 1).map((n) => Number(n) - 1) };
    cuts.set(s, cut);
  }
  return cut;
}

/** The statements with their values written in, `$n` by `$n`, joined into one query string. */
export function inline(statements: Rendered[], values: Values): string {
  return statements
    .map((s) => {
      const args = argsOf(s, values);
      const { parts, slots } = cutOf(s);
      let text = parts[0]!;
      for (let k = 0; k < slots.length; k++) {
        const slot = slots[k]!;
        if (slot < 0 || slot >= args.length) throw new Error(`No value for $${slot + 1}`);
        text += literal(args[slot]) + parts[k + 1]!;
      }
      return text;
    })
    .join(';\n');
}

/** Runs the statements in one round trip, as one transaction; the rows of each, in order. */
export async function runInOneTrip(client: SimpleQueryClient, statements: Rendered[], values: Values): Promise<Record<string, unknown>[][]> {
  const results = await client.query(inline(statements, values));
  return (Array.isArray(results) ? results : [results]).map((r) => r.rows);
}

/** One name per statement text in this process: the same text is the same prepared statement. */
const byText = new Map<string, string>();
const nameOf = (text: string) => {
  let name = byText.get(text);
  if (!name) byText.set(text, (name = `cb2fa_trip_${byText.size + 1}`));
  return name;
};

type Connection = SimpleQueryClient & { release?: () => void };
interface Lender {
  connect(): Promise<Connection>;
}

/** The names prepared on each connection (a pooled node-postgres Client lives as long as its connection). */
const preparedOn = new WeakMap<object, Set<string>>();
// By the text alone: a Rendered's text is one string kept for the process, whose hash V8 keeps.
const nameFor = (s: Rendered) => nameOf(s.sql);

/** `EXECUTE` of each statement with its values written in, joined into one query string. */
export function executeText(statements: Rendered[], values: Values): string {
  return statements
    .map((s) => {
      const args = argsOf(s, values);
      return args.length ? `EXECUTE ${nameFor(s)}(${args.map(literal).join(', ')})` : `EXECUTE ${nameFor(s)}`;
    })
    .join(';\n');
}

const PREPARED_STATEMENT_MISSING = '26000';
const PREPARED_STATEMENT_EXISTS = '42P05';
const codeOf = (err: unknown) => (err as { code?: unknown } | null)?.code;

/**
 * `runInOneTrip`, with each statement prepared once on each connection (SQL `PREPARE`) and run
 * by `EXECUTE` with its values written in: still one round trip and one implicit transaction,
 * but PostgreSQL no longer parses and plans the code try's 10 KB of SQL at every try (about
 * 2 ms of its CPU a verify, measured). Every statement here reads and writes its rows by their
 * keys, so the plan PostgreSQL keeps for it is an index lookup (the query-plan test explains the
 * prepared statements with a generic plan forced).
 *
 * A connection that lost its prepared statements (a `DISCARD ALL` from a pooler) fails the
 * `EXECUTE`, and with it the whole transaction, before anything ran: prepared again, the trip is
 * sent once more. Where prepared statements do not last from one transaction to the next (a
 * pooler in transaction mode), the statements go as inline text from then on.
 */
export async function runPreparedInOneTrip(client: SimpleQueryClient, statements: Rendered[], values: Values): Promise<Record<string, unknown>[][]> {
  if (inlineOnly.has(client)) return runInOneTrip(client, statements, values);
  const pool = typeof (client as Partial<Lender>).connect === 'function' && typeof (client as { totalCount?: unknown }).totalCount === 'number';
  const conn: Connection = pool ? await (client as unknown as Lender).connect() : client;
  try {
    const text = executeText(statements, values);
    for (let attempt = 0; ; attempt++) {
      await prepare(conn, statements);
      const generic = !customPlansOnly.has(client);
      try {
        const results = await conn.query(generic ? GENERIC_PLANS + text : text);
        const all = Array.isArray(results) ? results : [results];
        return (generic ? all.slice(1) : all).map((r) => r.rows);
      } catch (err) {
        // A server without plan_cache_mode (before PostgreSQL 12) refused the SET, and with it the
        // whole transaction, before anything ran: sent again without it, from then on.
        if (generic && codeOf(err) === UNKNOWN_SETTING) {
          customPlansOnly.add(client);
          attempt--;
          continue;
        }
        if (codeOf(err) !== PREPARED_STATEMENT_MISSING) throw err;
        preparedOn.delete(conn);
        if (attempt > 0) {
          inlineOnly.add(client);
          return runInOneTrip(conn, statements, values);
        }
      }
    }
  } finally {
    conn.release?.();
  }
}

const inlineOnly = new WeakSet<object>();
const customPlansOnly = new WeakSet<object>();

/**
 * For this transaction only, each `EXECUTE` runs its statement's generic plan, planned once per
 * connection. At PostgreSQL's default (`auto`) the code try's statements kept a custom plan,
 * planned again at every try with its values (about 60–100 µs of the server's CPU a verify,
 * measured). Their generic plans are index lookups by key (the query-plan test explains them so).
 */
const GENERIC_PLANS = 'SET LOCAL plan_cache_mode = force_generic_plan;\n';
const UNKNOWN_SETTING = '42704';

async function prepare(conn: Connection, statements: Rendered[]) {
  let done = preparedOn.get(conn);
  if (!done) preparedOn.set(conn, (done = new Set()));
  for (const s of statements) {
    const name = nameFor(s);
    if (done.has(name)) continue;
    try {
      await conn.query(`PREPARE ${name} AS ${s.sql}`);
    } catch (err) {
      // The name is taken on this connection by a statement we lost track of: replaced, never trusted.
      if (codeOf(err) !== PREPARED_STATEMENT_EXISTS) throw err;
      await conn.query(`DEALLOCATE ${name}; PREPARE ${name} AS ${s.sql}`);
    }
    done.add(name);
  }
}
