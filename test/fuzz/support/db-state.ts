/**
 * The database as data: every `cb_` table of a libSQL harness, read in one batch, compared table
 * by table, and written back. The fuzz properties read it before and after a request to prove
 * what a refused request did (not) change, and restore a prepared state between cases instead of
 * building a new portal each time.
 */
import type { Client, InStatement } from '@libsql/client';

export type Row = Record<string, unknown>;

export interface TableState {
  name: string;
  columns: string[];
  /** Primary-key columns; a row's identity across two reads. */
  key: string[];
  /** By the JSON of the key's values. */
  rows: Map<string, Row>;
  /** The table's content as one string, for a cheap equality test. */
  fingerprint: string;
}

export type DbState = Map<string, TableState>;

interface Layout {
  name: string;
  columns: string[];
  key: string[];
}

const layouts = new WeakMap<Client, Layout[]>();

/** Tables and keys are read from the schema itself, so new tables and columns are covered unasked. */
async function layoutOf(client: Client): Promise<Layout[]> {
  const known = layouts.get(client);
  if (known) return known;
  const names = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cb\\_%' ESCAPE '\\' ORDER BY name")).rows.map((r) =>
    String(r.name),
  );
  const found: Layout[] = [];
  for (const name of names) {
    const info = (await client.execute(`PRAGMA table_info("${name}")`)).rows;
    const columns = info.map((c) => String(c.name));
    const key = info
      .filter((c) => Number(c.pk) > 0)
      .sort((a, b) => Number(a.pk) - Number(b.pk))
      .map((c) => String(c.name));
    found.push({ name, columns, key: key.length > 0 ? key : columns });
  }
  layouts.set(client, found);
  return found;
}

/** Forgets the cached layout (after a migration added a table or a column). */
export const forgetLayout = (client: Client) => layouts.delete(client);

export async function readState(client: Client): Promise<DbState> {
  const layout = await layoutOf(client);
  const results = await client.batch(
    layout.map((t) => `SELECT ${t.columns.map((c) => `"${c}"`).join(', ')} FROM "${t.name}" ORDER BY ${t.key.map((c) => `"${c}"`).join(', ')}`),
    'read',
  );
  const state: DbState = new Map();
  layout.forEach((t, i) => {
    const rows = new Map<string, Row>();
    const lines: string[] = [];
    for (const raw of results[i]!.rows) {
      const row: Row = {};
      for (const c of t.columns) row[c] = plain(raw[c]);
      const id = JSON.stringify(t.key.map((c) => row[c]));
      rows.set(id, row);
      lines.push(JSON.stringify(t.columns.map((c) => row[c])));
    }
    state.set(t.name, { name: t.name, columns: t.columns, key: t.key, rows, fingerprint: lines.join('\n') });
  });
  return state;
}

/** libSQL hands out numbers, strings, null, bigints and ArrayBuffers; keep them comparable as JSON. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof ArrayBuffer) return `blob:${Buffer.from(value).toString('hex')}`;
  return value;
}

function unplain(value: unknown): string | number | null | bigint | Uint8Array {
  if (typeof value === 'string' && /^-?\d+n$/.test(value)) return BigInt(value.slice(0, -1));
  if (typeof value === 'string' && value.startsWith('blob:')) return Uint8Array.from(Buffer.from(value.slice(5), 'hex'));
  return value as string | number | null;
}

/**
 * Writes `target` back over the database, rewriting only the tables whose content differs from
 * `current` (the state just read), so a case that changed one counter costs one table.
 */
export async function restoreState(client: Client, target: DbState, current: DbState): Promise<void> {
  const statements: InStatement[] = [];
  for (const [name, want] of target) {
    const have = current.get(name);
    if (have && have.fingerprint === want.fingerprint) continue;
    statements.push(`DELETE FROM "${name}"`);
    const insert = `INSERT INTO "${name}" (${want.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${want.columns.map(() => '?').join(', ')})`;
    for (const row of want.rows.values()) statements.push({ sql: insert, args: want.columns.map((c) => unplain(row[c])) });
  }
  if (statements.length === 0) return;
  // Accounts reference organizations: the keys are checked at commit, once every table is back.
  await client.batch(['PRAGMA defer_foreign_keys = ON', ...statements], 'write');
}

/** The tables whose content differs between two reads. */
export const changedTables = (before: DbState, after: DbState): string[] =>
  [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name)?.fingerprint !== after.get(name)?.fingerprint);
