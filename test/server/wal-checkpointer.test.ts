/**
 * With `walCheckpoint: 'worker'`, a local file's write-ahead log is copied back into the database
 * by a worker thread, not by the commit of a request (server/node/wal-checkpointer.ts); the worker
 * ends with its client. The default leaves it to SQLite.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openLibsql } from '../../server/node/index.js';
import { openLocalLibsql } from '../../server/node/local-libsql.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'cb2fa-ckpt-')), 'c.db');
const workerOf = (client: unknown) => (client as { walCheckpointer: { worker: Worker } | null }).walCheckpointer;

/** The rows of `t` that the database file holds by itself, without its log. */
async function rowsInFileAlone(file: string): Promise<number> {
  const copy = `${file}.copy`;
  copyFileSync(file, copy);
  const { LibsqlError } = await import('@libsql/client');
  const plain = openLocalLibsql(copy, { timeout: 1000, errors: { LibsqlError } });
  try {
    const tables = await plain.execute("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'");
    if (Number(tables.rows[0]!.n) === 0) return 0;
    return Number((await plain.execute('SELECT count(*) AS n FROM t')).rows[0]!.n);
  } finally {
    plain.close();
  }
}

/** Writes 50 rows in 50 commits: a few dozen log pages, far below SQLite's own 1,000-page checkpoint. */
async function write50(client: Awaited<ReturnType<typeof openLibsql>>['client']) {
  await client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  for (let i = 0; i < 50; i++) await client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: [`row ${i}`] });
}

describe('write-ahead log checkpoints', () => {
  it("with walCheckpoint: 'worker', a worker copies committed writes into the database file without a commit doing it", async () => {
    const file = fresh();
    const { client } = await openLibsql(`file:${file}`, { walCheckpoint: 'worker' });
    expect(workerOf(client)).not.toBeNull();
    await write50(client);
    let inFile = 0;
    for (let waited = 0; waited < 5000 && inFile < 50; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      inFile = await rowsInFileAlone(file);
    }
    expect(inFile).toBe(50);
    // The main connection still reads and writes as before.
    await client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['after'] });
    expect(Number((await client.execute('SELECT count(*) AS n FROM t')).rows[0]!.n)).toBe(51);
    client.close();
  });

  it("by default ('inline') the same writes stay in the log until SQLite's own threshold", async () => {
    const file = fresh();
    const { client } = await openLibsql(`file:${file}`);
    expect(workerOf(client)).toBeNull();
    await write50(client);
    await new Promise((r) => setTimeout(r, 300));
    expect(await rowsInFileAlone(file)).toBe(0);
    client.close();
  });

  it('the worker ends when its client closes', async () => {
    const { client } = await openLibsql(`file:${fresh()}`, { walCheckpoint: 'worker' });
    const worker = workerOf(client)!.worker;
    const exited = new Promise<number>((done) => worker.once('exit', done));
    client.close();
    await expect(exited).resolves.toBe(0);
  });

  it('a database in memory has no worker, and a wrong mode is refused by name', async () => {
    const { client } = await openLibsql(':memory:', { walCheckpoint: 'worker' });
    expect(workerOf(client)).toBeNull();
    client.close();
    await expect(openLibsql(`file:${fresh()}`, { walCheckpoint: 'sometimes' as never })).rejects.toThrow(/walCheckpoint is "sometimes"; use 'inline' \(the default\) or 'worker'/);
  });
});
