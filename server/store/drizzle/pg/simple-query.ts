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
