/**
 * Migrations are committed, applied at start, idempotent, and safe when several instances start
 * at once on one database file; seeding likewise leaves one copy of each account.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { migrateSqlite, openLibsql } from '../../server/node/index.js';

const run = promisify(execFile);

describe('migrations', () => {
  it('are committed SQL files with a journal', () => {
    const files = readdirSync('drizzle/sqlite');
    expect(files.some((f) => f.endsWith('.sql'))).toBe(true);
    expect(readdirSync('drizzle/sqlite/meta')).toContain('_journal.json');
  });

  it('applied twice, apply nothing the second time', async () => {
    const { client } = await openLibsql(':memory:');
    expect((await migrateSqlite(client)).applied).toBe(0);
    const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cb_%' ORDER BY name")).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['cb_accounts', 'cb_audit_events', 'cb_code_locks', 'cb_codes', 'cb_enrollments', 'cb_migrations', 'cb_organizations', 'cb_portals', 'cb_rate_limits', 'cb_sessions', 'cb_skips']));
  });

  it('a file database runs in WAL mode with synchronous=NORMAL and a busy timeout', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cb2fa-pragma-')), 'p.db');
    const { client } = await openLibsql(`file:${file}`);
    const value = async (pragma: string) => (await client.execute(`PRAGMA ${pragma}`)).rows[0]![0];
    expect(String(await value('journal_mode'))).toBe('wal');
    expect(Number(await value('synchronous'))).toBe(1);
    expect(Number(await value('busy_timeout'))).toBe(5000);
    // 64 MiB of page cache rather than SQLite's 2 MiB (a negative size is in KiB).
    expect(Number(await value('cache_size'))).toBe(-65536);
    client.close();
    const small = await openLibsql(`file:${file}`, { cacheMiB: 8 });
    expect(Number((await small.client.execute('PRAGMA cache_size')).rows[0]![0])).toBe(-8192);
    small.client.close();
    await expect(openLibsql(`file:${file}`, { cacheMiB: 0.5 })).rejects.toThrow(/cacheMiB is 0.5; use a whole number of MiB, 1 or more \(default 64\)/);
  });

  it('four instances starting at once on one file all succeed and leave one schema and one seed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cb2fa-mig-')), 'shared.db');
    const url = `file:${file}`;
    const starts = Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', 'test/support/start-instance.ts', url], { timeout: 60_000 }));
    const results = await Promise.allSettled(starts);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const client = createClient({ url });
    const migrations = await client.execute('SELECT count(*) AS n FROM cb_migrations');
    expect(Number(migrations.rows[0]!.n)).toBe(readdirSync('drizzle/sqlite').filter((f) => f.endsWith('.sql')).length);
    const accounts = await client.execute('SELECT count(*) AS n FROM cb_accounts');
    expect(Number(accounts.rows[0]!.n)).toBe(5);
    const journal = await client.execute('PRAGMA journal_mode');
    expect(String(journal.rows[0]![0])).toBe('wal');
    client.close();
  }, 90_000);
});
