/**
 * SQL statements per request of ours, counted on the libSQL client the app uses (see
 * `StatementLog`), one request of each kind, in-process (app.request). Run here for this tree, and as a
 * child process (`statements-cli.ts`) for a baseline tree, whose own server code it then counts.
 */
import { join } from 'node:path';
import { makeOurs, PASSWORD, StatementLog, type OursOptions } from './apps.js';

export interface StatementRow {
  request: string;
  total: number;
  reads: number;
  writes: number;
  /** Round trips to the database: a batch of statements is one. */
  roundTrips: number;
  queries: string[];
}

export const isWrite = (q: string) => /^\s*(insert|update|delete|replace)\b/i.test(q);

export function statementRow(request: string, { queries, roundTrips }: { queries: string[]; roundTrips: number }): StatementRow {
  const writes = queries.filter(isWrite).length;
  return { request, total: queries.length, reads: queries.length - writes, writes, roundTrips, queries };
}

/** `label` names the server in each row ("ours", "ours, portal resolver", "ours @<rev>"). */
export async function oursStatements(dir: string, label: string, options: Pick<OursOptions, 'portals'> = {}): Promise<StatementRow[]> {
  const log = new StatementLog();
  const rows: StatementRow[] = [];
  const count = async (request: string, fn: () => Promise<{ status: number }>, expect = 200) => {
    log.start();
    const r = await fn();
    const qs = log.stop();
    if (r.status !== expect) throw new Error(`${label} ${request}: status ${r.status}, expected ${expect}`);
    rows.push(statementRow(`${label} ${request}`, qs));
  };
  const file = `sql-${label.replace(/[^a-z0-9]+/gi, '-')}.db`;
  const ours = await makeOurs({ url: `file:${join(dir, file)}`, iterations: 1000, contacts: 4, port: 1, log, ...options });
  // The preparation's requests leave the portal's record in the cache, as on a busy server.
  const [a, b, c] = await ours.pending(3);
  await count('POST /login (enrolled; sends a code)', () => ours.call('POST', '/login', { email: ours.emails[3], password: PASSWORD }));
  await count('POST /verify (right code)', () => ours.call('POST', '/verify', { code: a!.code }, a!.cookie));
  const wrong = b!.code === '000000' ? '000001' : '000000';
  await count('POST /verify (wrong code)', () => ours.call('POST', '/verify', { code: wrong }, b!.cookie), 400);
  await count('POST /resend', () => ours.call('POST', '/resend', {}, c!.cookie));
  const [done] = await ours.complete(1);
  await count('GET /session', () => ours.call('GET', '/session', undefined, done!));
  ours.client.close();
  return rows;
}
