/**
 * The code try's trip as prepared statements (`runPreparedInOneTrip`): prepared once a connection,
 * prepared again when a connection lost them, and sent as inline text where prepared statements
 * do not last (a pooler in transaction mode).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rendered } from '../../server/store/drizzle/rendered.js';
import { runPreparedInOneTrip, type SimpleQueryClient } from '../../server/store/drizzle/pg/simple-query.js';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { openPostgres } from '../../server/node/index.js';
import { PgTwoFactorStore } from '../../server/store/drizzle/pg/index.js';

const statements: Rendered[] = [
  { sql: 'SELECT $1::bigint + 1 AS n', params: [null], names: ['n'] },
  { sql: "SELECT $1::text || '!' AS s, $2::text AS t", params: [null, 'fixed'], names: ['s', null] },
];
const values = { n: 41, s: "it's" };
const expected = [[{ n: '42' }], [{ s: "it's!", t: 'fixed' }]];

describeWithPostgres('prepared trips on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const sent: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, so that what one call prepared is what the next finds (or lost).
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as unknown as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
        if (typeof text === 'string') sent.push(text);
        return query(text, ...rest);
      };
    });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('prepares each statement once a connection, then sends only the EXECUTEs, with the values as literals', async () => {
    expect(await runPreparedInOneTrip(pool as unknown as SimpleQueryClient, statements, values)).toEqual(expected);
    sent.length = 0;
    expect(await runPreparedInOneTrip(pool as unknown as SimpleQueryClient, statements, { ...values, n: 1 })).toEqual([[{ n: '2' }], expected[1]]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^SET LOCAL plan_cache_mode = force_generic_plan;\nEXECUTE cb2fa_trip_\d+\(1\);\nEXECUTE cb2fa_trip_\d+\('it''s', 'fixed'\)$/);
  });

  it('runs the trip on generic plans, for that transaction only', async () => {
    const mode: Rendered[] = [{ sql: "SELECT current_setting('plan_cache_mode') AS mode, $1::int AS k", params: [null], names: ['k'] }];
    expect(await runPreparedInOneTrip(pool as unknown as SimpleQueryClient, mode, { k: 1 })).toEqual([[{ mode: 'force_generic_plan', k: 1 }]]);
    // SET LOCAL ends with the trip's transaction: the connection, and whatever the host runs on it next, keeps the server's mode.
    expect((await pool.query('SHOW plan_cache_mode')).rows).toEqual([{ plan_cache_mode: 'auto' }]);
  });

  it('a connection that lost its prepared statements (DISCARD ALL) prepares them again and the trip runs once', async () => {
    await pool.query('CREATE TABLE tries (n bigint)');
    const counted: Rendered[] = [{ sql: 'INSERT INTO tries (n) VALUES ($1::bigint) RETURNING n', params: [null], names: ['n'] }];
    await runPreparedInOneTrip(pool as unknown as SimpleQueryClient, counted, { n: 1 });
    await pool.query('DISCARD ALL');
    expect(await runPreparedInOneTrip(pool as unknown as SimpleQueryClient, counted, { n: 2 })).toEqual([[{ n: '2' }]]);
    expect((await pool.query('SELECT n FROM tries ORDER BY n')).rows).toEqual([{ n: '1' }, { n: '2' }]);
    // One loss is not a pooler that forgets: the next trip is prepared statements again.
    sent.length = 0;
    await runPreparedInOneTrip(pool as unknown as SimpleQueryClient, counted, { n: 3 });
    expect(sent).toEqual([expect.stringMatching(/^SET LOCAL plan_cache_mode = force_generic_plan;\nEXECUTE cb2fa_trip_\d+\(3\)$/)]);
  });
});

/**
 * A stand-in server that refuses what `refuses` names (with its SQLSTATE) and otherwise answers the
 * text it ran as the first statement's one row; every text sent is kept in `texts`.
 */
function fakeServer(refuses: (text: string) => { message: string; code: string } | null) {
  const texts: string[] = [];
  const client = {
    escapeLiteral: (s: string) => s,
    async query(text: string) {
      texts.push(text);
      const refusal = refuses(text);
      if (refusal) throw Object.assign(new Error(refusal.message), { code: refusal.code });
      if (text.startsWith('PREPARE')) return { rows: [] };
      return [{ rows: [{ ran: text }] }, { rows: [] }];
    },
  };
  return { client: client as SimpleQueryClient, texts };
}

describe('prepared trips where prepared statements do not last', () => {
  it('after a second loss in a row, the statements go as inline text, and keep going so', async () => {
    // A pooler in transaction mode: every EXECUTE lands on a connection that never saw its PREPARE.
    const { client, texts } = fakeServer((text) => (text.includes('EXECUTE') ? { message: 'prepared statement does not exist', code: '26000' } : null));
    const rows = await runPreparedInOneTrip(client, statements, values);
    expect(rows[0]).toEqual([{ ran: "SELECT 41::bigint + 1 AS n;\nSELECT 'it''s'::text || '!' AS s, 'fixed'::text AS t" }]);
    expect(texts.filter((t) => t.includes('EXECUTE'))).toHaveLength(2);
    texts.length = 0;
    await runPreparedInOneTrip(client, statements, values);
    expect(texts).toEqual(["SELECT 41::bigint + 1 AS n;\nSELECT 'it''s'::text || '!' AS s, 'fixed'::text AS t"]);
  });
});

describe('prepared trips on a server without plan_cache_mode (before PostgreSQL 12)', () => {
  it('sends the trip again without the setting, and every later trip without it', async () => {
    const { client, texts } = fakeServer((text) => (text.startsWith('SET LOCAL') ? { message: 'unrecognized configuration parameter "plan_cache_mode"', code: '42704' } : null));
    const rows = await runPreparedInOneTrip(client, statements, values);
    expect(rows[0]).toEqual([{ ran: expect.stringMatching(/^EXECUTE cb2fa_trip_\d+\(41\);\nEXECUTE /) }]);
    texts.length = 0;
    await runPreparedInOneTrip(client, statements, values);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^EXECUTE cb2fa_trip_/);
  });
});

describeWithPostgres('the signed-in read on PostgreSQL', () => {
  it('is a named statement, and goes unnamed once a connection has lost it (a pooler that keeps none)', async () => {
    const database = await createTestDatabase();
    // One connection, so that the one that lost the statement is the one the next read lands on.
    const { pool, db } = await openPostgres(database.url, { max: 1 });
    const texts: { name?: string }[] = [];
    // The connection exists already (the migrations ran on it): watched as it is lent.
    const watched = new WeakSet<object>();
    pool.on('acquire', (client) => {
      if (watched.has(client)) return;
      watched.add(client);
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as unknown as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
        if (config && typeof config === 'object' && 'text' in config) texts.push({ name: (config as { name?: string }).name });
        return query(config, ...rest);
      };
    });
    try {
      const store = new PgTwoFactorStore(db as never);
      expect(await store.findSessionWithAccount('nobody')).toBeNull();
      expect(texts.at(-1)?.name).toBe('cb2fa_session_with_account');
      await pool.query('DISCARD ALL');
      // node-postgres believes the statement is still prepared on this connection: PostgreSQL says it is not (26000).
      expect(await store.findSessionWithAccount('nobody')).toBeNull();
      expect(texts.at(-1)?.name ?? '').toBe('');
      texts.length = 0;
      expect(await store.findSessionWithAccount('nobody')).toBeNull();
      expect(texts.map((t) => t.name ?? '')).toEqual(['']);
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
