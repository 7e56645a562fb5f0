/**
 * SQL statements per request, counted on each server's libSQL client (statements, and the round
 * trips they took: a batch is one), for one request of each kind, in-process (app.request).
 */
import { join } from 'node:path';
import { makeFloor, makePeer, PASSWORD, StatementLog } from '../lib/apps.js';
import { baselineStatements } from '../lib/baseline.js';
import { oursStatements, statementRow } from '../lib/statements.js';
import type { Config, Report } from '../run.js';

export async function statements(cfg: Config, report: Report, which: Set<string>) {
  report.statements.push(...(await oursStatements(cfg.dir, 'ours')));
  report.statements.push(...(await oursStatements(cfg.dir, 'ours, portal resolver', { portals: true })));
  if (cfg.baseline) report.statements.push(...(await baselineStatements(cfg.baseline, cfg.dir)));

  const log = new StatementLog();
  const count = async (request: string, fn: () => Promise<{ status: number }>, expect = 200) => {
    log.start();
    const r = await fn();
    const qs = log.stop();
    if (r.status !== expect) throw new Error(`${request}: status ${r.status}, expected ${expect}`);
    report.statements.push(statementRow(request, qs));
  };

  const floor = await makeFloor({ url: `file:${join(cfg.dir, 'sql-floor.db')}`, rows: 10, log });
  await count('floor POST /floor', () => floor.app.request('http://127.0.0.1/floor', { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'k=k1' }, body: '{}' }));
  floor.client.close();

  // The peer's counts need Better Auth (bench/package.json): only when the peer is benchmarked.
  if (!which.has('peer')) return;
  const peer = await makePeer({ url: `file:${join(cfg.dir, 'sql-peer.db')}`, users: 2, port: 1, log });
  await count('peer POST /sign-in/email (2FA user)', () => peer.call('/sign-in/email', { email: peer.emails[0], password: PASSWORD }));
  const p = await peer.pendingSignIn(peer.emails[1]!);
  await count('peer POST /two-factor/verify-otp (right code)', () => peer.call('/two-factor/verify-otp', { code: p.code }, p.cookie));
  const q = await peer.pendingSignIn(peer.emails[1]!);
  await count('peer POST /two-factor/send-otp', () => peer.call('/two-factor/send-otp', {}, q.cookie));
  peer.client.close();
}
