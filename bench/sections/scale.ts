/**
 * `scale`: verify, GET /session and sign-in on a database of 10,000 portals and 1,000,000
 * accounts (with their enrollments and 3,000,000 audit rows), on a libSQL file and on
 * PostgreSQL, each as a ratio to a floor on that same big database, printed beside the ratio of
 * a one-portal database measured in the same rounds. Cost that stays flat as the platform grows
 * shows as the two ratios staying within 10 % of each other.
 *
 * The big database is built fast and once: one portal is seeded through the normal path (the
 * bench's `ours` server: the demo seed, 2FA on, 95 enrolled contacts), then every table holding
 * that portal's rows is copied into 9,998 more portals with one generic INSERT … SELECT per table
 * (columns read from the catalog, `portal_id` replaced by a generated id). The libSQL file is kept
 * under the bench's base dir (`--dir` or the OS temp dir) in `scale-<migrations>/`, the
 * PostgreSQL database as `cb_bench_scale_<migrations>`; `--fresh` rebuilds both.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { createClient, type Client } from '@libsql/client';
import { contactEmail, PASSWORD } from '../lib/apps.js';
import { cycle, type Shot } from '../lib/cannon.js';
import { startServer, type Server } from '../lib/proc.js';
import { createBenchDatabase, PG_ADMIN_URL, pgUnavailable, type BenchDatabase } from '../lib/pg.js';
import { runRounds, type Contender } from './throughput.js';
import type { Config, Report } from '../run.js';

/** The seeded source portal (the bench's portal resolver serves it) and the one beside it. */
const SOURCE = 'bench';
const PORTALS = 10_000;
/** The demo seed's 5 accounts + 95 contacts: 100 accounts a portal, 1,000,000 in all. */
const CONTACTS = 95;
const ACCOUNTS_PER_PORTAL = 100;
/** Audit rows made for each account of the source portal before the copy (a sign-in's events). */
const AUDIT_PER_ACCOUNT = 3;
/** The floor on the big database: its table as big as cb_accounts, in the same file. */
const FLOOR_ROWS = 1_000_000;
/**
 * The copies: `scale-00001` … `scale-09999`; with `bench`, 10,000 portals of 100 accounts (and
 * the bench's empty `other` portal beside them).
 */
const COPIES = PORTALS - 1;

type Dialect = 'libsql' | 'pg';

const migrationsOf = (root: string) => readdirSync(join(root, 'drizzle/sqlite')).filter((f) => f.endsWith('.sql')).length;

/** One statement runner for both dialects (positional `?` parameters are not used: literals only). */
interface Sql {
  all(q: string): Promise<Record<string, unknown>[]>;
  run(q: string): Promise<void>;
  close(): Promise<void>;
}

async function libsqlRunner(url: string): Promise<Sql> {
  const c: Client = createClient({ url });
  // Building only: nothing here is measured, and a crash means a rebuild anyway.
  await c.execute('PRAGMA synchronous = OFF');
  return {
    all: async (q) => (await c.execute(q)).rows as unknown as Record<string, unknown>[],
    run: async (q) => void (await c.execute(q)),
    close: async () => {
      await c.execute('PRAGMA wal_checkpoint(TRUNCATE)');
      c.close();
    },
  };
}

async function pgRunner(url: string): Promise<Sql> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  await c.query('SET synchronous_commit = off');
  return {
    all: async (q) => (await c.query(q)).rows,
    run: async (q) => void (await c.query(q)),
    close: () => c.end(),
  };
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Copies every row of the source portal into the copies, table by table: one INSERT … SELECT
 * each, the portal's key column replaced by the copy's id, a table-wide unique id (an SMS
 * message id) suffixed with it, an auto-increment id (the audit's) left out for the database to
 * number. Tables without a portal column (rate limits, keyed by an HMAC) are not per portal.
 */
async function copyPortal(sql: Sql, dialect: Dialect, log: (s: string) => void) {
  const tables =
    dialect === 'libsql'
      ? (await sql.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cb\\_%' ESCAPE '\\' ORDER BY name")).map((r) => String(r.name))
      : (await sql.all("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'cb\\_%' ORDER BY table_name")).map((r) => String(r.name));
  // Parents first, for the foreign keys (an account names its organization).
  const first = ['cb_portals', 'cb_organizations', 'cb_accounts'];
  tables.sort((a, b) => (first.includes(a) ? first.indexOf(a) : 99) - (first.includes(b) ? first.indexOf(b) : 99) || a.localeCompare(b));
  const newId = dialect === 'libsql' ? "'scale-' || printf('%05d', n.i)" : "'scale-' || lpad(n.i::text, 5, '0')";
  const series = dialect === 'libsql' ? `(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${COPIES}) SELECT i FROM s)` : `(SELECT generate_series(1, ${COPIES}) AS i)`;
  for (const table of tables) {
    const cols: { name: string; pk: number; type: string }[] =
      dialect === 'libsql'
        ? (await sql.all(`PRAGMA table_info(${table})`)).map((r) => ({ name: String(r.name), pk: Number(r.pk), type: String(r.type).toLowerCase() }))
        : (
            await sql.all(
              `SELECT c.column_name AS name, c.data_type AS type, (SELECT count(*) FROM information_schema.key_column_usage k JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name AND t.table_name = k.table_name
                 WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_name = c.table_name AND k.column_name = c.column_name) AS pk
               FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = ${quote(table)} ORDER BY c.ordinal_position`,
            )
          ).map((r) => ({ name: String(r.name), pk: Number(r.pk), type: String(r.type).toLowerCase() }));
    const key = table === 'cb_portals' ? 'id' : 'portal_id';
    if (!cols.some((c) => c.name === key)) continue;
    const pks = cols.filter((c) => c.pk > 0);
    const soloPk = pks.length === 1 ? pks[0]!.name : null;
    const out: { name: string; expr: string }[] = [];
    for (const c of cols) {
      if (c.name === key) out.push({ name: c.name, expr: newId });
      else if (c.name === soloPk && /int|serial/.test(c.type)) continue;
      else if (c.name === soloPk) out.push({ name: c.name, expr: `t.${c.name} || ':' || ${newId}` });
      else out.push({ name: c.name, expr: `t.${c.name}` });
    }
    const have = Number((await sql.all(`SELECT count(*) AS n FROM ${table} WHERE ${key} = ${quote(SOURCE)}`))[0]!.n);
    if (!have) continue;
    const t = performance.now();
    // The series outside (CROSS JOIN keeps SQLite's order): the copies are written portal after
    // portal, appending to every index that leads with the portal.
    await sql.run(
      `INSERT INTO ${table} (${out.map((c) => c.name).join(', ')}) SELECT ${out.map((c) => c.expr).join(', ')} FROM ${series} n CROSS JOIN ${table} t WHERE t.${key} = ${quote(SOURCE)}`,
    );
    log(`    ${table}: ${have} rows × ${COPIES} copies in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}

async function counts(sql: Sql) {
  const n = async (q: string) => Number((await sql.all(q))[0]!.n);
  return {
    portals: await n('SELECT count(*) AS n FROM cb_portals'),
    accounts: await n('SELECT count(*) AS n FROM cb_accounts'),
    enrollments: await n('SELECT count(*) AS n FROM cb_enrollments'),
    auditEvents: await n('SELECT count(*) AS n FROM cb_audit_events'),
    floorItems: await n('SELECT count(*) AS n FROM floor_items'),
  };
}

/** Builds the big database at `url` (empty: migrations run in the seeding server). */
async function build(cfg: Config, dialect: Dialect, url: string, log: (s: string) => void) {
  // The source portal through the normal path: the bench's server seeds it, turns 2FA on as the
  // Master Admin and enrolls the contacts, and is stopped before the copy.
  const seeder = await startServer('ours', 'scale seed', dialect === 'pg' ? { url: '', pg: url, iterations: 1000, contacts: CONTACTS, portals: true } : { url, iterations: 1000, contacts: CONTACTS, portals: true });
  await seeder.stop();
  const sql = dialect === 'pg' ? await pgRunner(url) : await libsqlRunner(url);
  try {
    const accounts = Number((await sql.all(`SELECT count(*) AS n FROM cb_accounts WHERE portal_id = ${quote(SOURCE)}`))[0]!.n);
    if (accounts !== ACCOUNTS_PER_PORTAL) throw new Error(`scale: the source portal has ${accounts} accounts, expected ${ACCOUNTS_PER_PORTAL}`);
    // A sign-in's events for every account of the source (sent, verified, succeeded), on days
    // spread over a year, so that the copy makes the audit log millions of rows long.
    const now = Date.now();
    await sql.run(
      `INSERT INTO cb_audit_events (portal_id, at, type, actor_id, subject_id, ip, detail)
       SELECT a.portal_id, ${now} - (abs(length(a.id) * 7919 + e.k * 104729) % 365) * CAST(86400000 AS BIGINT) - e.k, e.type, a.id, a.id, '127.0.0.1', e.detail
       FROM cb_accounts a CROSS JOIN (SELECT 1 AS k, 'code.sent' AS type, '{"purpose":"login"}' AS detail UNION ALL SELECT 2, 'code.verified', '{"purpose":"login"}' UNION ALL SELECT 3, 'login.succeeded', '{"amr":"pwd sms"}') e
       WHERE a.portal_id = ${quote(SOURCE)}`,
    );
    await copyPortal(sql, dialect, log);
    // The floor's table, as big as cb_accounts, in the same database.
    if (dialect === 'libsql') {
      await sql.run('CREATE TABLE IF NOT EXISTS floor_items (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, counter INTEGER NOT NULL, updated_at INTEGER NOT NULL)');
      await sql.run(`INSERT INTO floor_items (key, counter, updated_at) WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${FLOOR_ROWS - 1}) SELECT 'k' || i, 0, 0 FROM s`);
    } else {
      await sql.run('CREATE TABLE IF NOT EXISTS floor_items (id serial PRIMARY KEY, key text NOT NULL UNIQUE, counter integer NOT NULL, updated_at bigint NOT NULL)');
      await sql.run(`INSERT INTO floor_items (key, counter, updated_at) SELECT 'k' || i, 0, 0 FROM generate_series(0, ${FLOOR_ROWS - 1}) i`);
      await sql.run('ANALYZE');
    }
    const got = await counts(sql);
    const want = { portals: PORTALS + 1, accounts: PORTALS * ACCOUNTS_PER_PORTAL, floorItems: FLOOR_ROWS };
    for (const [k, v] of Object.entries(want)) if (got[k as keyof typeof got] !== v) throw new Error(`scale: ${k} ${got[k as keyof typeof got]}, expected ${v}`);
    if (got.auditEvents < PORTALS * ACCOUNTS_PER_PORTAL * AUDIT_PER_ACCOUNT) throw new Error(`scale: ${got.auditEvents} audit events, expected ≥ ${PORTALS * ACCOUNTS_PER_PORTAL * AUDIT_PER_ACCOUNT}`);
    return got;
  } finally {
    await sql.close();
  }
}

interface Built {
  dialect: Dialect;
  where: string;
  cached: boolean;
  seconds: number;
  counts: Awaited<ReturnType<typeof counts>>;
}

async function libsqlDatabase(cfg: Config, log: (s: string) => void): Promise<{ url: string; built: Built }> {
  const folder = join(dirname(cfg.dir), `scale-${migrationsOf(cfg.root)}`);
  const file = join(folder, 'scale.db');
  const ready = join(folder, 'ready.json');
  if (!cfg.fresh && existsSync(ready)) {
    const r = JSON.parse(readFileSync(ready, 'utf8'));
    return { url: `file:${file}`, built: { dialect: 'libsql', where: file, cached: true, seconds: r.seconds, counts: r.counts } };
  }
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const t = performance.now();
  const got = await build(cfg, 'libsql', `file:${file}`, log);
  const seconds = (performance.now() - t) / 1000;
  // Written last: a build cut short leaves no marker and is redone.
  writeFileSync(ready, JSON.stringify({ seconds, counts: got }));
  return { url: `file:${file}`, built: { dialect: 'libsql', where: file, cached: false, seconds, counts: got } };
}

async function pgDatabase(cfg: Config, log: (s: string) => void): Promise<{ url: string; built: Built }> {
  const name = `cb_bench_scale_${migrationsOf(cfg.root)}`;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const admin = await pgRunner(PG_ADMIN_URL);
  try {
    const exists = (await admin.all(`SELECT 1 FROM pg_database WHERE datname = ${quote(name)}`)).length > 0;
    // The marker: a finished build leaves a comment on the database (a cut-short one does not).
    const comment = exists ? (await admin.all(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = ${quote(name)}`))[0]?.c : null;
    if (!cfg.fresh && typeof comment === 'string' && comment.startsWith('{')) {
      const r = JSON.parse(comment);
      return { url: url.toString(), built: { dialect: 'pg', where: name, cached: true, seconds: r.seconds, counts: r.counts } };
    }
    await admin.run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.run(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const t = performance.now();
  const got = await build(cfg, 'pg', url.toString(), log);
  const seconds = (performance.now() - t) / 1000;
  const admin2 = await pgRunner(PG_ADMIN_URL);
  try {
    await admin2.run(`COMMENT ON DATABASE ${name} IS ${quote(JSON.stringify({ seconds, counts: got }))}`);
  } finally {
    await admin2.close();
  }
  return { url: url.toString(), built: { dialect: 'pg', where: name, cached: false, seconds, counts: got } };
}

export async function scale(cfg: Config, report: Report) {
  const log = (s: string) => console.error(s);
  const tag = () => Math.random().toString(36).slice(2, 8);
  const out: { builds: Built[]; rows: any[] } = (report.scale ??= { builds: [], rows: [] });
  for (const dialect of ['libsql', 'pg'] as const) {
    if (dialect === 'pg') {
      const why = await pgUnavailable();
      if (why) {
        report.notes.push(`scale on PostgreSQL skipped: not reachable (${why}); set CB_BENCH_PG_URL`);
        continue;
      }
    }
    log(`  scale, ${dialect}: the database of ${PORTALS} portals …`);
    const { url, built } = dialect === 'libsql' ? await libsqlDatabase(cfg, log) : await pgDatabase(cfg, log);
    out.builds.push(built);
    log(`  scale, ${dialect}: ${built.cached ? `cached (${built.where}, built in ${built.seconds.toFixed(0)} s)` : `built in ${built.seconds.toFixed(0)} s (${built.where})`}: ${JSON.stringify(built.counts)}`);
    const servers: Server[] = [];
    const dbs: BenchDatabase[] = [];
    const start = async (...a: Parameters<typeof startServer>) => {
      const s = await startServer(...a);
      servers.push(s);
      report.pragmas[`scale ${s.label}`] = s.pragmas;
      return s;
    };
    try {
      const d = dialect === 'pg' ? ', PostgreSQL' : '';
      // One at a time: the big database's two servers share it, and CREATE DATABASE takes the template.
      let floorOne: Server, oursOne: Server;
      if (dialect === 'pg') {
        const a = await createBenchDatabase();
        dbs.push(a);
        const b = await createBenchDatabase();
        dbs.push(b);
        floorOne = await start('floor', `floor, one portal${d}`, { pg: a.url, rows: 1000 });
        oursOne = await start('ours', `ours, one portal${d}`, { url: '', pg: b.url, iterations: 1000, contacts: CONTACTS, portals: true });
      } else {
        floorOne = await start('floor', 'floor, one portal', { url: `file:${join(cfg.dir, `floor-${tag()}.db`)}`, rows: 1000 });
        oursOne = await start('ours', 'ours, one portal', { url: `file:${join(cfg.dir, `ours-${tag()}.db`)}`, iterations: 1000, contacts: CONTACTS, portals: true });
      }
      const floorBig = await start('floor', `floor, ${PORTALS} portals${d}`, dialect === 'pg' ? { pg: url, rows: FLOOR_ROWS } : { url, rows: FLOOR_ROWS });
      const oursBig = await start('ours', `ours, ${PORTALS} portals${d}`, dialect === 'pg' ? { url: '', pg: url, iterations: 1000, contacts: CONTACTS, portals: true } : { url, iterations: 1000, contacts: CONTACTS, portals: true });

      // The floors' keys: spread over the whole table (the big one's 1,000,000 rows).
      const floorOf = (server: Server, rows: number): Contender => ({
        label: server.label,
        server,
        source: cycle(Array.from({ length: 1000 }, (_, i) => ({ method: 'POST' as const, path: '/floor', cookie: `k=k${Math.floor((i * rows) / 1000)}`, body: { code: '123456' } }))),
      });
      const verify = (server: Server): Contender => ({
        label: `${server.label}: POST /verify`,
        server,
        pool: async (n) => (await server.call('pending', { n })).map((p: any) => ({ method: 'POST', path: '/api/2fa/verify', cookie: p.cookie, body: { code: p.code } })),
      });
      const session = async (server: Server): Promise<Contender> => {
        const cookies: string[] = await server.call('complete', { n: CONTACTS });
        return { label: `${server.label}: GET /session`, server, source: cycle(cookies.map((cookie): Shot => ({ method: 'GET', path: '/api/2fa/session', cookie }))) };
      };
      const login = (server: Server): Contender => ({
        label: `${server.label}: POST /login`,
        server,
        source: cycle(Array.from({ length: CONTACTS }, (_, i): Shot => ({ method: 'POST', path: '/api/2fa/login', body: { email: contactEmail(i), password: PASSWORD } }))),
      });
      const contenders = [
        floorOf(floorOne, 1000),
        floorOf(floorBig, FLOOR_ROWS),
        verify(oursOne),
        verify(oursBig),
        await session(oursOne),
        await session(oursBig),
        login(oursOne),
        login(oursBig),
      ];
      const section = dialect === 'pg' ? 'scale-pg' : 'scale';
      const { rows } = await runRounds(cfg, section, contenders, report);
      const [fOne, fBig] = [rows[0]!, rows[1]!];
      // The big database's rows against the big database's floor.
      fBig.vsFloor = fBig._ratio(fBig.runs);
      for (const r of rows.slice(2)) if (r.server.includes(`${PORTALS} portals`)) r.vsFloor = r._ratio(fBig.runs);
      for (const route of ['POST /verify', 'GET /session', 'POST /login']) {
        const one = rows.find((r) => r.server === `${oursOne.label}: ${route}`)!;
        const big = rows.find((r) => r.server === `${oursBig.label}: ${route}`)!;
        out.rows.push({ dialect, route, one: one.vsFloor, big: big.vsFloor, change: big.vsFloor / one.vsFloor - 1, within: Math.abs(big.vsFloor / one.vsFloor - 1) <= 0.1, p99One: one.p99, p99Big: big.p99 });
      }
      void fOne;
      report.throughput.push(...rows);
    } finally {
      for (const s of servers) await s.stop();
      for (const d of dbs) await d.drop().catch(() => {});
    }
  }
  report.notes.push(
    `scale: ${PORTALS} portals × ${ACCOUNTS_PER_PORTAL} accounts (the demo seed + ${CONTACTS} enrolled contacts, copied from the portal \`${SOURCE}\`), ${AUDIT_PER_ACCOUNT} audit events an account; the big database's rows are ×floor against the floor on that database (its table of ${FLOOR_ROWS.toLocaleString('en')} rows); PBKDF2 1,000 for sign-in`,
  );
}
