/**
 * The hot paths read through an index (issue 14): every statement that the sign-in of an enrolled
 * user, a right and a wrong code, a resend, GET /session, a host route behind requireSession(),
 * the admin's contact list and the sweep of expired rows send is recorded on the database client as it runs, and then
 * explained. No cb_ table may be read by a full scan: as accounts, codes and audit rows grow, such
 * a statement would slow every request. Generic: the statements are whatever the code sends today,
 * so the test keeps checking them when they change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { atVerify, createHarness, type Harness } from '../support/harness.js';
import { record, type Recorded } from '../support/record-statements.js';
import { literal } from '../../server/store/drizzle/pg/simple-query.js';

/** The plan's lines that read a whole cb_ table (SQLite: `SCAN cb_x`, with or without an index to walk it). */
export function fullScans(detail: string[]): string[] {
  return detail.filter((d) => /^SCAN (cb_\w+)/.test(d));
}

/** The hot flows of a returning, enrolled user and of the admin, recorded while `recording(true)`. */
async function hotFlows(h: Harness, recording: (on: boolean) => void) {
  const admin = h.browser('198.51.100.1');
  expect((await admin.login('admin@example.com')).body.step).toBe('authenticated');
  expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
  // Enrolled once (not recorded), then the flows as a returning user goes through them.
  const first = await atVerify(h);
  expect((await first.post('/verify', { code: first.code() })).body.step).toBe('authenticated');
  h.clock.advance(60);

  recording(true);
  const b = h.browser('203.0.113.9');
  expect((await b.login('demo@example.com')).body.step).toBe('verify');
  const wrong = b.code() === '000000' ? '111111' : '000000';
  expect((await b.post('/verify', { code: wrong })).body.error.code).toBe('invalid_code');
  h.clock.advance(31); // past the resend cooldown
  expect((await b.post('/resend', {})).status).toBe(200);
  expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');
  expect((await b.get('/session')).status).toBe(200);
  expect((await b.get('/api/dashboard')).status).toBe(200);
  expect((await admin.get('/admin/contacts')).status).toBe(200);
  // Past the sweep's ten minutes: the next sign-in sweeps expired and used rows, in bounded batches.
  h.clock.advance(11 * 60);
  expect((await h.browser('203.0.113.10').login('demo@example.com')).body.step).toBe('verify');
  recording(false);
}

const skipped = (sql: string) => /^\s*(begin|commit|rollback|pragma|savepoint|release|set)\b/i.test(sql);
const distinct = (seen: Recorded[]) => [...new Map(seen.map((s) => [s.sql, s])).values()];

describe('query plans of the hot paths on libSQL', () => {
  let h: Harness;
  let recording = false;
  const seen: Recorded[] = [];
  beforeEach(async () => {
    seen.length = 0;
    h = await createHarness({ file: true });
    record(h.client, () => recording, seen);
  });
  afterEach(async () => h.close());

  it('no statement of a hot flow reads a cb_ table by a full scan', async () => {
    await hotFlows(h, (on) => (recording = on));
    const statements = distinct(seen);
    expect(statements.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const s of statements) {
      if (skipped(s.sql)) continue;
      const plan = await h.client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args as never });
      const scans = fullScans(plan.rows.map((r) => String(r.detail)));
      if (scans.length) offenders.push(`${scans.join(', ')}: ${s.sql}`);
    }
    expect(offenders).toEqual([]);
  });
});

/** Makes a node-postgres pool (and the clients it lends for transactions) record their queries. */
function recordPg(pool: any, on: () => boolean, into: Recorded[], prepared: Map<string, string>, named: Set<string>) {
  const patch = (target: any) => {
    const query = target.query;
    target.query = function (this: unknown, config: any, values?: unknown, ...rest: unknown[]) {
      // The code try's statements are prepared once a connection, whenever that is: kept to be explained with their EXECUTE.
      const preparing = typeof config === 'string' ? /(?:^|;\s*)PREPARE (\w+) AS /.exec(config) : null;
      if (preparing) prepared.set(preparing[1]!, config.slice(preparing.index).replace(/^;\s*/, ''));
      else if (on()) {
        // A string of statements in one simple query (the code try's one round trip) is explained one statement at a time.
        if (typeof config === 'string' && !Array.isArray(values)) for (const part of config.split(';\n')) into.push({ sql: part, args: [] });
        else if (typeof config === 'string') into.push({ sql: config, args: values });
        else if (config?.text) {
          into.push({ sql: config.text, args: config.values ?? (Array.isArray(values) ? values : []) });
          // A named statement (the signed-in request's read) runs on a generic plan after a few calls.
          if (config.name) named.add(config.text);
        }
      }
      return query.call(this, config, values, ...rest);
    };
    return target;
  };
  patch(pool);
  const connect = pool.connect;
  pool.connect = function (this: unknown, ...args: unknown[]) {
    // pool.query lends itself a client with a callback: its query is recorded already.
    if (typeof args[args.length - 1] === 'function') return connect.apply(this, args);
    return connect.apply(this, args).then((client: any) => lend(client));
  };
  const lend = (client: any) => {
    if (!client.__recorded) {
      client.__recorded = true;
      patch(client);
    }
    return client;
  };
}

/** The table accesses of a PostgreSQL plan (FORMAT JSON) that read a whole cb_ table. */
export function seqScans(node: any, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && String(node['Relation Name']).startsWith('cb_')) out.push(`Seq Scan on ${node['Relation Name']}`);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

describeWithPostgres('query plans of the hot paths on PostgreSQL', () => {
  let h: Harness;
  let database: TestDatabase;
  let recording = false;
  const seen: Recorded[] = [];
  const prepared = new Map<string, string>();
  const named = new Set<string>();
  beforeEach(async () => {
    seen.length = 0;
    prepared.clear();
    named.clear();
    database = await createTestDatabase();
    h = await createHarness({ postgres: database.url });
    recordPg(h.pool, () => recording, seen, prepared, named);
  });
  afterEach(async () => {
    await h.close();
    await database.drop();
  });

  // A test database holds a few rows, where the planner rightly prefers a Seq Scan to any index.
  // `SET enable_seqscan = off` (on one connection, for these EXPLAINs only) does not forbid Seq
  // Scans: it makes them the last resort, so a Seq Scan still in the plan means that no index can
  // serve the statement, which is what a large table would suffer from.
  it('every cb_ table a hot statement reads can be reached through an index (asked with enable_seqscan = off)', async () => {
    await hotFlows(h, (on) => (recording = on));
    const statements = distinct(seen);
    expect(statements.length).toBeGreaterThan(5);
    const client = await h.pool!.connect();
    const offenders: string[] = [];
    try {
      await client.query('SET enable_seqscan = off');
      // The code try goes as prepared statements: they must be among what is explained.
      expect(statements.some((s) => /^\s*EXECUTE /.test(s.sql))).toBe(true);
      // The signed-in request's read is a named statement: it must be among what is explained, generically.
      expect(named.size).toBeGreaterThan(0);
      const preparedHere = new Set<string>();
      let namedCount = 0;
      for (const s of statements) {
        if (skipped(s.sql)) continue;
        // A prepared statement's EXECUTE: prepared here too, and explained with the plan PostgreSQL
        // may keep for it after a few runs, the generic one (no values to steer it).
        const executed = /^\s*EXECUTE (\w+)/.exec(s.sql)?.[1];
        if (executed && !preparedHere.has(executed)) {
          expect(prepared.has(executed), `no PREPARE recorded for ${executed}`).toBe(true);
          await client.query(prepared.get(executed)!);
          preparedHere.add(executed);
        }
        const asNamed = named.has(s.sql) ? `cb_explained_${++namedCount}` : null;
        if (asNamed) await client.query(`PREPARE ${asNamed} AS ${s.sql}`);
        const args = s.args as unknown[];
        // EXPLAIN EXECUTE takes no parameters of its own: the values go in as literals.
        const explained = asNamed ? `EXECUTE ${asNamed}(${args.map(literal).join(', ')})` : s.sql;
        // Inside a transaction rolled back: EXPLAIN plans, never runs, but stay on the safe side.
        await client.query('BEGIN');
        try {
          if (executed || asNamed) await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
          const res = await client.query({ text: `EXPLAIN (FORMAT JSON) ${explained}`, values: asNamed ? [] : args });
          const plan = (res.rows[0] as any)['QUERY PLAN'][0].Plan;
          const scans = seqScans(plan);
          if (scans.length) offenders.push(`${scans.join(', ')}: ${executed ? prepared.get(executed) : s.sql}`);
        } finally {
          await client.query('ROLLBACK');
        }
      }
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
    expect(offenders).toEqual([]);
  });
});
