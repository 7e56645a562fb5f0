/**
 * Node-only: a libSQL client for a local file (or `:memory:`) that compiles each statement once.
 *
 * `@libsql/client`'s local driver prepares every statement at every call and asks it for its
 * columns twice; on the verify path that was a third of the request's CPU (the code try's
 * statements are long, and SQLite's `prepare` is most of their cost). This client keeps the
 * compiled statements of one connection in a bounded cache keyed by their text, and otherwise
 * behaves as that driver does with `concurrency: 1` (which is how `openLibsql` used it): the
 * same `Client` interface, the same rows (array-like, with the column names as their enumerable
 * keys), integers as numbers, and `LibsqlError`s with SQLite's codes. It runs on the very
 * `libsql` binding that `@libsql/client` installs, resolved from it, so there is no second
 * native module to install or to keep in step.
 *
 * One connection: the binding runs statements synchronously on the JavaScript thread, so more
 * would add no parallelism. An open interactive transaction holds it; every other call waits for
 * the transaction to end, as the driver's one-connection pool makes it wait.
 * @module
 */
import { createRequire } from 'node:module';
import type { LibsqlClient } from './driver-types.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

/** The parts of the `libsql` binding (better-sqlite3's API) that this client uses. */
interface NativeStatement {
  raw(on?: boolean): NativeStatement;
  safeIntegers(on?: boolean): NativeStatement;
  columns(): { name: string; type: string | null }[];
  all(args: unknown): unknown[][];
  run(args: unknown): { changes: number; lastInsertRowid: number | bigint };
}
interface NativeDatabase {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  close(): void;
}
type NativeDatabaseClass = (new (path: string, opts?: { timeout?: number }) => NativeDatabase) & { SqliteError: new (...a: never[]) => Error };
type Value = null | string | number | bigint | ArrayBuffer | Uint8Array;
type Args = readonly unknown[] | Record<string, unknown>;
type Statement = string | { sql: string; args?: Args };
type Mode = 'write' | 'read' | 'deferred';
/** `LibsqlError` and `LibsqlBatchError` of `@libsql/client`, so callers can tell our errors apart as theirs. */
interface ErrorClasses {
  LibsqlError: new (message: string, code: string, extendedCode?: string, rawCode?: number, cause?: Error) => Error;
  LibsqlBatchError?: new (message: string, index: number, code: string, extendedCode?: string, rawCode?: number, cause?: Error) => Error;
}

/** Compiled statements kept per connection: every statement of the kit fits many times over. */
const CACHE_SIZE = 500;
// Statements that change the schema (a migration, a host's own DDL) make cached column lists stale.
const SCHEMA_CHANGE = /^\s*(?:create|alter|drop)\b/i;
const VALUES = Symbol('values');

interface Compiled {
  stmt: NativeStatement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  /** The rows' prototype: `length` and the positions, read from the row's own values. */
  rowProto: object;
  /** Anything but a plain SELECT: its commit may add to the write-ahead log. */
  writes: boolean;
}

const BEGIN: Record<Mode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

/**
 * Opens `path` (a file path, or `:memory:`) on one connection with a statement cache. `errors`
 * are `@libsql/client`'s classes; `timeout` the busy timeout in ms. With `checkpointWorker`, a
 * file's write-ahead log is checkpointed on a worker thread (`wal-checkpointer.ts`).
 */
export function openLocalLibsql(path: string, options: { timeout: number; errors: ErrorClasses; checkpointWorker?: boolean }): LibsqlClient {
  const { Database, binding } = nativeDatabase();
  const checkpointer = () => (options.checkpointWorker && path !== ':memory:' ? startWalCheckpointer(path, binding, { timeout: options.timeout }) : null);
  return new LocalLibsqlClient(() => new Database(path, { timeout: options.timeout }), Database.SqliteError, options.errors, checkpointer) as unknown as LibsqlClient;
}

function nativeDatabase(): { Database: NativeDatabaseClass; binding: string } {
  // The binding @libsql/client itself depends on, found from where that package is installed.
  const fromClient = createRequire(createRequire(import.meta.url).resolve('@libsql/client'));
  return { Database: fromClient('libsql') as NativeDatabaseClass, binding: fromClient.resolve('libsql') };
}

class LocalLibsqlClient {
  closed = false;
  readonly protocol = 'file';
  #db: NativeDatabase;
  #cache = new Map<string, Compiled>();
  /** The open interactive transaction, and the calls waiting for it to end. */
  #holder: LocalTransaction | null = null;
  #waiting: (() => void)[] = [];
  #checkpointer: WalCheckpointer | null;

  constructor(
    private readonly connect: () => NativeDatabase,
    private readonly SqliteError: new (...a: never[]) => Error,
    private readonly errors: ErrorClasses,
    private readonly checkpointer: () => WalCheckpointer | null = () => null,
  ) {
    this.#db = connect();
    this.#checkpointer = checkpointer();
  }

  /** The worker that checkpoints this file, if one runs (for tests). */
  get walCheckpointer(): WalCheckpointer | null {
    return this.#checkpointer;
  }

  async execute(stmt: Statement, args?: Args): Promise<ResultSet> {
    await this.#turn();
    return this.run(typeof stmt === 'string' ? { sql: stmt, args } : stmt);
  }

  async batch(stmts: (Statement | [string, Args?])[], mode: Mode = 'deferred'): Promise<ResultSet[]> {
    await this.#turn();
    return this.#inTransaction(mode, stmts);
  }

  async migrate(stmts: Statement[]): Promise<ResultSet[]> {
    await this.#turn();
    this.run('PRAGMA foreign_keys=off');
    try {
      return this.#inTransaction('deferred', stmts);
    } finally {
      this.run('PRAGMA foreign_keys=on');
    }
  }

  async transaction(mode: Mode = 'write'): Promise<LocalTransaction> {
    await this.#turn();
    this.run(BEGIN[mode] ?? badMode(mode));
    const tx = new LocalTransaction(this);
    this.#holder = tx;
    return tx;
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.#turn();
    this.execMultiple(sql);
  }

  /** A local file has no remote to sync with. */
  async sync(): Promise<undefined> {
    return undefined;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#cache.clear();
    void this.#checkpointer?.stop();
    this.#checkpointer = null;
    if (this.#db.open) this.#db.close();
    for (const wake of this.#waiting.splice(0)) wake();
  }

  reconnect(): void {
    this.close();
    this.#db = this.connect();
    this.#checkpointer = this.checkpointer();
    this.#holder = null;
    this.closed = false;
  }

  // ----- used by the transaction, which runs on this client's connection -----

  /** Runs one statement now, on the connection (the caller holds it). */
  run(stmt: Statement): ResultSet {
    this.#checkOpen();
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' ? [] : toSql(stmt.args ?? []);
    try {
      const c = this.#compiled(sql);
      if (SCHEMA_CHANGE.test(sql)) this.#cache.clear();
      if (!c.reader) {
        const info = c.stmt.run(args);
        if (c.writes && this.#checkpointer && !this.#db.inTransaction) this.#checkpointer.wrote();
        return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const rows = c.stmt.all(args).map((values) => row(c, values));
      if (c.writes && this.#checkpointer && !this.#db.inTransaction) this.#checkpointer.wrote();
      return resultSet(c.columns, c.columnTypes, rows, 0, undefined);
    } catch (e) {
      throw this.mapError(e);
    }
  }

  execMultiple(sql: string): void {
    this.#checkOpen();
    this.#cache.clear();
    try {
      this.#db.exec(sql);
      if (!this.#db.inTransaction) this.#checkpointer?.wrote();
    } catch (e) {
      throw this.mapError(e);
    }
  }

  get inTransaction(): boolean {
    return this.#db.open && this.#db.inTransaction;
  }

  /** Ends `tx`'s hold on the connection, rolling back whatever it left open. */
  release(tx: LocalTransaction): void {
    if (this.#holder !== tx) return;
    this.#holder = null;
    if (this.inTransaction) this.#db.exec('ROLLBACK');
    // Every waiter looks again: the first to run may open the next transaction, and the others
    // then wait for that one.
    for (const wake of this.#waiting.splice(0)) wake();
  }

  mapError(e: unknown, index?: number): unknown {
    if (!(e instanceof this.SqliteError)) return e;
    const { code: extendedCode, rawCode } = e as Error & { code?: string; rawCode?: number };
    const code = rawCode === undefined ? 'SQLITE_UNKNOWN' : (SQLITE_CODES[rawCode & 0xff] ?? `SQLITE_UNKNOWN_${rawCode & 0xff}`);
    const { LibsqlError, LibsqlBatchError } = this.errors;
    if (index !== undefined && LibsqlBatchError) return new LibsqlBatchError(e.message, index, code, extendedCode, rawCode, e);
    return new LibsqlError(e.message, code, extendedCode, rawCode, e);
  }

  /** The statements in one transaction: all of them or none. */
  #inTransaction(mode: Mode, stmts: (Statement | [string, Args?])[]): ResultSet[] {
    this.run(BEGIN[mode] ?? badMode(mode));
    try {
      const out = stmts.map((s, i) => {
        try {
          return this.run(Array.isArray(s) ? { sql: s[0], args: s[1] } : s);
        } catch (e) {
          throw this.mapError((e as { cause?: unknown }).cause ?? e, i);
        }
      });
      this.run('COMMIT');
      return out;
    } finally {
      if (this.inTransaction) this.#db.exec('ROLLBACK');
    }
  }

  #compiled(sql: string): Compiled {
    const hit = this.#cache.get(sql);
    if (hit) return hit;
    const stmt = this.#db.prepare(sql);
    stmt.safeIntegers(true);
    let reader = true;
    try {
      stmt.raw(true);
    } catch {
      // raw() refuses a statement that returns no rows.
      reader = false;
    }
    const cols = reader ? stmt.columns() : [];
    const columns = cols.map((c) => c.name);
    const compiled: Compiled = { stmt, reader, columns, columnTypes: cols.map((c) => c.type ?? ''), rowProto: rowPrototype(columns.length), writes: !/^\s*select\b/i.test(sql) };
    if (this.#cache.size >= CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(sql, compiled);
    return compiled;
  }

  /** Waits while an interactive transaction holds the connection. */
  async #turn(): Promise<void> {
    while (this.#holder && !this.closed) await new Promise<void>((wake) => this.#waiting.push(wake));
    this.#checkOpen();
  }

  #checkOpen() {
    if (this.closed || !this.#db.open) throw new this.errors.LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }
}

class LocalTransaction {
  closed = false;
  constructor(private readonly client: LocalLibsqlClient) {}

  async execute(stmt: Statement): Promise<ResultSet> {
    this.#checkOpen();
    return this.client.run(stmt);
  }

  async batch(stmts: Statement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    return stmts.map((s, i) => {
      try {
        return this.client.run(s);
      } catch (e) {
        throw this.client.mapError((e as { cause?: unknown }).cause ?? e, i);
      }
    });
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    this.client.execMultiple(sql);
  }

  async commit(): Promise<void> {
    this.#checkOpen();
    try {
      this.client.run('COMMIT');
    } finally {
      this.close();
    }
  }

  async rollback(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.client.inTransaction) this.client.run('ROLLBACK');
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.release(this);
  }

  #checkOpen() {
    if (this.closed) throw Object.assign(new Error('The transaction is closed'), { code: 'TRANSACTION_CLOSED' });
  }
}

interface ResultSet {
  columns: string[];
  columnTypes: string[];
  rows: object[];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
  toJSON(): unknown;
}

function resultSet(columns: string[], columnTypes: string[], rows: object[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows: rows.map((r) => Array.from(r as ArrayLike<unknown>)), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

/**
 * A row as the driver gives it: its columns by name as its own enumerable keys (the first of
 * two columns with one name wins), and by position through `length` and indices, which are not
 * enumerable (Drizzle reads both: by position for its selects, by name for raw SQL).
 */
function row(c: Compiled, raw: unknown[]): object {
  const values = raw.map(fromSql);
  const r = Object.create(c.rowProto) as Record<string | symbol, unknown>;
  // Not enumerable: a spread or Object.keys of the row sees its columns only.
  Object.defineProperty(r, VALUES, { value: values });
  for (let i = 0; i < values.length; i++) {
    const name = c.columns[i]!;
    if (!Object.hasOwn(r, name)) r[name] = values[i];
  }
  return r;
}

function rowPrototype(n: number): object {
  const proto: PropertyDescriptorMap = { length: { value: n } };
  for (let i = 0; i < n; i++) proto[i] = { get(this: { [VALUES]: unknown[] }) { return this[VALUES][i]; } };
  return Object.create(Object.prototype, proto);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fromSql(v: unknown): unknown {
  if (typeof v === 'bigint') {
    if (v > MAX_SAFE || v < -MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(v);
  }
  // The driver hands BLOBs out as ArrayBuffers.
  if (v instanceof Uint8Array) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  return v;
}

function toSql(args: Args): unknown {
  if (Array.isArray(args)) return args.map(valueToSql);
  const named: Record<string, Value> = {};
  for (const [k, v] of Object.entries(args)) named[/^[@$:]/.test(k) ? k.slice(1) : k] = valueToSql(v);
  return named;
}

function valueToSql(v: unknown): Value {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (v instanceof Date) return v.valueOf();
  if (v === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return v as Value;
}

function badMode(mode: string): never {
  throw new RangeError(`Unknown transaction mode ${JSON.stringify(mode)}: use "write", "read" or "deferred"`);
}

const SQLITE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT', 20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE', 28: 'SQLITE_WARNING',
};
