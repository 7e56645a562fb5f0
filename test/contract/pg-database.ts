/**
 * A fresh PostgreSQL database per test run on the server at 127.0.0.1:5432 (or `CB_TEST_PG_URL`):
 * `cb_test_<random>` is created from the admin database and dropped afterwards, so runs never see
 * each other's rows and a crashed run leaves nothing the next one trips on.
 *
 * When the server is not reachable, `CI=true` turns that into a failing test; locally the suites
 * skip with a message (see `describeWithPostgres`).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/** The admin connection: any existing database on the server, used to CREATE/DROP test databases. */
export const PG_ADMIN_URL = process.env.CB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function databaseUrl(name: string, base = PG_ADMIN_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * An admin client whose connection errors reject its pending query instead of escaping as an
 * unhandled 'error' event that would fail the whole run.
 */
function adminClient(options: pg.ClientConfig = {}): pg.Client {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, ...options });
  client.on('error', () => {});
  return client;
}

/** Null when the server answers; otherwise why not. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = adminClient({ connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  // Lowercase hex only: a valid unquoted identifier, so it needs no escaping.
  const name = `cb_test_${randomBytes(6).toString('hex')}`;
  const admin = adminClient();
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(name),
    async drop() {
      const client = adminClient();
      await client.connect();
      try {
        // Pools are ended (endPool) before this; WITH (FORCE) still ends what a crashed test left
        // open (PostgreSQL 13+).
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

const unavailable = await postgresUnavailable();

/**
 * `describe` when PostgreSQL answers. When it does not: in CI one failing test says why (CI must
 * prove the PostgreSQL half); locally the block is skipped and the reason printed.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (unavailable === null) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs PostgreSQL at ' + PG_ADMIN_URL, () => {
        throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL} (${unavailable}); CI=true requires it.`);
      });
    });
  } else {
    console.warn(`[skip] ${name}: PostgreSQL is not reachable at ${PG_ADMIN_URL} (${unavailable}). Set CB_TEST_PG_URL or start the server.`);
    describe.skip(name, body);
  }
}
