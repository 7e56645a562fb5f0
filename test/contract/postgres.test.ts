/**
 * The contract on the real PostgreSQL server, in a fresh database, through a node-postgres pool
 * of 25 connections: the parallel tests then race on separate connections, as several instances
 * would. Also: migrations and seeding started by several instances at once.
 */
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pbkdf2Hasher, seedDemo } from '../../server/index.js';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migratePg, openPostgres, pgMigrationsFolder } from '../../server/node/index.js';
import { pgStore } from '../../server/store/drizzle/pg/store.js';
import { demoAccounts, demoOrganizations } from '../../server/seed.js';
import { createTestDatabase, describeWithPostgres, PG_ADMIN_URL, type TestDatabase } from './pg-database.js';
import { endPool, testPool } from '../support/pg-pool.js';
import { runStoreContract } from './store.contract.js';

describeWithPostgres('PostgreSQL server', () => {
  runStoreContract('PostgreSQL (node-postgres pool)', async () => {
    const database = await createTestDatabase();
    const { pool, db } = await openPostgres(database.url, { max: 25 });
    return {
      store: pgStore(db),
      close: async () => {
        await endPool(pool);
        await database.drop();
      },
    };
  });

  describe('openPostgres pool', () => {
    it('an idle connection ended by the server is logged once and replaced: the process does not crash', async () => {
      const database = await createTestDatabase();
      const { pool } = await openPostgres(database.url, { max: 3 });
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        // Three connections at once, then idle.
        await Promise.all([1, 2, 3].map(() => pool.query('SELECT pg_sleep(0.05)')));
        expect(pool.idleCount).toBe(3);
        const removed = new Promise<void>((resolve) => {
          let left = 3;
          pool.on('remove', () => --left === 0 && resolve());
        });
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        admin.on('error', () => {});
        await admin.connect();
        try {
          await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database.name]);
        } finally {
          await admin.end();
        }
        // Without an 'error' listener on the pool, the first FATAL 57P01 is an uncaught exception.
        await removed;
        expect(logged.mock.calls.filter(([line]) => String(line).startsWith('cb-2fa: PostgreSQL'))).toHaveLength(1);
        expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        logged.mockRestore();
        await endPool(pool);
        await database.drop();
      }
    });
  });

  describe('concurrent start', () => {
    let database: TestDatabase;
    const pools: pg.Pool[] = [];
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await Promise.all(pools.map(endPool));
      await database?.drop();
    });

    it('eight instances migrating and seeding one empty database at once: one applies, all succeed, one copy of each row', async () => {
      const instances = Array.from({ length: 8 }, () => {
        const pool = testPool(database.url);
        pools.push(pool);
        return drizzle(pool);
      });
      const shipped = readMigrationFiles({ migrationsFolder: pgMigrationsFolder() }).length;
      const migrated = await Promise.all(instances.map((db) => migratePg(db)));
      // One instance applied every migration; the seven others waited on the lock and found none left.
      expect(migrated.map((m) => m.applied).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, shipped]);

      const hasher = pbkdf2Hasher({ iterations: 1_000 });
      await Promise.all(instances.map((db) => seedDemo(pgStore(db), hasher, 'pw')));

      const [db] = instances;
      const store = pgStore(db!);
      expect((await store.accounts.listOrganizations()).map((o) => o.id).sort()).toEqual(demoOrganizations.map((o) => o.id).sort());
      const { rows } = await pools[0]!.query('SELECT count(*)::int AS n FROM cb_accounts');
      expect(rows[0].n).toBe(demoAccounts.length);
      const { rows: journal } = await pools[0]!.query('SELECT count(*)::int AS n FROM cb_migrations');
      expect(journal[0].n).toBe(shipped);
      // A later start finds nothing to do.
      expect(await migratePg(db!)).toEqual({ applied: 0 });
    });
  });
});
