/**
 * The literals of the one-round-trip code try (`server/store/drizzle/pg/simple-query.ts`): every
 * value written into the query text must read back on PostgreSQL as exactly that value, whatever
 * the string holds (quotes, backslashes, `$1`, a statement of its own) and whatever
 * `standard_conforming_strings` says; anything without a faithful literal is refused.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inline, literal, simpleQueryClient } from '../../server/store/drizzle/pg/simple-query.js';
import { describeWithPostgres, PG_ADMIN_URL } from '../contract/pg-database.js';

describe('PostgreSQL literals', () => {
  it('refuses what has no faithful literal', () => {
    expect(() => literal(Number.NaN)).toThrow(TypeError);
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => literal('a\0b')).toThrow(TypeError);
    expect(() => literal({})).toThrow(TypeError);
    expect(literal(null)).toBe('NULL');
    expect(literal(12)).toBe('12');
    expect(literal("it's")).toBe("'it''s'");
  });

  it('writes each $n once, from the template only: a value holding "$1" stays a value', () => {
    const text = inline([{ sql: 'SELECT $1::text AS a, $2::text AS b', params: ['$2', "x'); DROP TABLE t; --"], names: [null, null] }], {});
    expect(text).toBe("SELECT '$2'::text AS a, 'x''); DROP TABLE t; --'::text AS b");
    expect(() => inline([{ sql: 'SELECT $2', params: ['only one'], names: [null] }], {})).toThrow(/No value for \$2/);
  });

  it('knows a node-postgres pool or client from other drivers', () => {
    const pool = new pg.Pool({ connectionString: PG_ADMIN_URL });
    expect(simpleQueryClient(pool)).toBe(pool);
    expect(simpleQueryClient(new pg.Client({ connectionString: PG_ADMIN_URL }))).not.toBeNull();
    expect(simpleQueryClient({ query: async () => ({ rows: [] }), exec: async () => [] })).toBeNull();
    expect(simpleQueryClient(null)).toBeNull();
    void pool.end();
  });
});

describeWithPostgres('PostgreSQL literals on a server', () => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  for (const conforming of ['on', 'off']) {
    it(`reads back every string and number as written, with standard_conforming_strings ${conforming}`, async () => {
      await client.query(`SET standard_conforming_strings = ${conforming}`);
      // The warnings PostgreSQL gives for backslashes in plain strings when it is off are not errors.
      await client.query('SET escape_string_warning = off');
      const text = fc.stringMatching(/^[^\0]*$/);
      const tricky = fc.constantFrom("'", "\\'", "\\\\'", "'; SELECT 1; --", '$1', "E'\\x41'", '\\', "''", 'ü\u2028😀');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(text, tricky, fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0'))), { minLength: 1, maxLength: 4 }), fc.integer(), async (strings, n) => {
          const sql = `SELECT ${strings.map((s, k) => `${literal(s)}::text AS s${k}`).join(', ')}, ${literal(n)}::bigint AS n`;
          const { rows } = await client.query(sql);
          expect(rows).toHaveLength(1);
          strings.forEach((s, k) => expect(rows[0][`s${k}`]).toBe(s));
          expect(Number(rows[0].n)).toBe(n);
        }),
        { numRuns: 300 },
      );
    });
  }
});
