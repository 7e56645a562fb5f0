/**
 * SQL statements per request, counted through a Drizzle logger on the same database the app
 * uses, for one request of each kind, in-process (app.request). Statements that bypass Drizzle
 * would not be counted; neither ours nor the peer issues any on these paths.
 */
import { join } from 'node:path';
import { makeFloor, makeOurs, makePeer, StatementLog } from '../lib/apps.js';
import type { Config, Report } from '../run.js';

const isWrite = (q: string) => /^\s*(insert|update|delete|replace)\b/i.test(q);

export async function statements(cfg: Config, report: Report) {
  const log = new StatementLog();
  const count = async (request: string, fn: () => Promise<{ status: number }>, expect = 200) => {
    log.start();
    const r = await fn();
    const qs = log.stop();
    if (r.status !== expect) throw new Error(`${request}: status ${r.status}, expected ${expect}`);
    const writes = qs.filter(isWrite).length;
    report.statements.push({ request, total: qs.length, reads: qs.length - writes, writes, queries: qs });
  };

  const ours = await makeOurs({ url: `file:${join(cfg.dir, 'sql-ours.db')}`, iterations: 1000, contacts: 4, port: 1, log });
  const [a, b, c] = await ours.pending(3);
  await count('ours POST /login (enrolled; sends a code)', () => ours.call('POST', '/login', { email: ours.emails[3], password: 'bench password, long enough' }));
  await count('ours POST /verify (right code)', () => ours.call('POST', '/verify', { code: a!.code }, a!.cookie));
  const wrong = b!.code === '000000' ? '000001' : '000000';
  await count('ours POST /verify (wrong code)', () => ours.call('POST', '/verify', { code: wrong }, b!.cookie), 400);
  await count('ours POST /resend', () => ours.call('POST', '/resend', {}, c!.cookie));
  const [done] = await ours.complete(1);
  await count('ours GET /session', () => ours.call('GET', '/session', undefined, done!));
  ours.client.close();

  const floor = await makeFloor({ url: `file:${join(cfg.dir, 'sql-floor.db')}`, rows: 10, log });
  await count('floor POST /floor', () => floor.app.request('http://127.0.0.1/floor', { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'k=k1' }, body: '{}' }));
  floor.client.close();

  const peer = await makePeer({ url: `file:${join(cfg.dir, 'sql-peer.db')}`, users: 2, port: 1, log });
  await count('peer POST /sign-in/email (2FA user)', () => peer.call('/sign-in/email', { email: peer.emails[0], password: 'bench password, long enough' }));
  const p = await peer.pendingSignIn(peer.emails[1]!);
  await count('peer POST /two-factor/verify-otp (right code)', () => peer.call('/two-factor/verify-otp', { code: p.code }, p.cookie));
  const q = await peer.pendingSignIn(peer.emails[1]!);
  log.start();
  const s = await peer.call('/two-factor/send-otp', {}, q.cookie);
  const qs = log.stop();
  if (s.status !== 200) throw new Error(`peer send-otp ${s.status}`);
  report.statements.push({ request: 'peer POST /two-factor/send-otp', total: qs.length, reads: qs.length - qs.filter(isWrite).length, writes: qs.filter(isWrite).length, queries: qs });
  peer.client.close();
}
