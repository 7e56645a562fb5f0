/**
 * Throughput and latency of each route against the floor (and the peer), interleaved: in every
 * round each contender runs once, the floor first and the others taking turns after it, so slow
 * phases of a noisy machine hit all of them alike. Ratios are the median of the per-round ratios.
 */
import { join } from 'node:path';
import { contactEmail, PASSWORD, benchPolicyNote } from '../lib/apps.js';
import { cycle, fire, median, once, type RunResult, type Shot } from '../lib/cannon.js';
import { startServer, type Server } from '../lib/proc.js';
import { createBenchDatabase, pgUnavailable, type BenchDatabase } from '../lib/pg.js';
import type { Config, Report } from '../run.js';
import { PORTAL_CACHE_MS } from '../../server/portal-context.js';

export interface Contender {
  label: string;
  server: Server;
  /** One-shot requests (right codes): prepared before each run, sent exactly once each. */
  pool?: (n: number) => Promise<Shot[]>;
  /** Repeatable requests, cycled for a fixed duration. */
  source?: () => Shot;
  rate?: number;
  /** Quick mode: a fixed number of repeatable requests instead of a duration (slow routes). */
  amount?: number;
}

const floorContender = async (server: Server, rows: number): Promise<Contender> => {
  const keys: string[] = await server.call('keys', { n: rows });
  return { label: 'floor (SELECT + UPDATE)', server, source: cycle(keys.map((k) => ({ method: 'POST' as const, path: '/floor', cookie: `k=${k}`, body: { code: '123456' } }))) };
};

/** A command an earlier release's child (--baseline) may not know: null there. */
const optional = <T = any>(server: Server, cmd: string, args?: unknown): Promise<T | null> => server.call<T>(cmd, args).catch(() => null);

export async function runRounds(cfg: Config, section: string, contenders: Contender[], report: Report) {
  const runs = new Map<string, RunResult[]>(contenders.map((c) => [c.label, []]));
  const maxPool = cfg.quick ? 3_000 : 40_000;
  // Warm-up (not recorded): JIT, connections, and a first rate estimate for the pools.
  for (const c of cfg.quick ? [] : contenders) {
    if (c.pool) {
      const shots = await c.pool(cfg.quick ? 40 : 150);
      const r = await fire(c.label, c.server.url, once(shots).next, { seconds: 0, amount: shots.length });
      c.rate = r.rps;
    } else {
      await fire(c.label, c.server.url, c.source!, { seconds: cfg.quick ? 0.5 : 1 });
    }
    await c.server.call('drain');
  }
  // --cpu-prof: one profile per measured run (round) of each contender, its fire only: not the
  // warm-up, nor the preparation of a pool of one-shot requests (logins), which would drown it.
  const profileOf = (c: Contender, round: number) => join(cfg.cpuProf!, `${section}-${c.label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-r${round + 1}.cpuprofile`);
  for (let round = 0; round < cfg.rounds; round++) {
    // The floor opens every round; the others take turns in the places after it, so that none
    // always follows the same neighbour (a slow one leaves the machine busy for a moment).
    const others = contenders.slice(1);
    const k = others.length ? round % others.length : 0;
    const order = [contenders[0]!, ...others.slice(k), ...others.slice(0, k)];
    for (const c of order) {
      let r: RunResult;
      let cpuBefore: Cpu;
      if (c.pool) {
        const n = cfg.quick ? 60 : Math.max(30, Math.min(maxPool, Math.ceil((c.rate ?? 100) * cfg.seconds * 1.1)));
        const shots = await c.pool(n);
        await optional(c.server, 'settle');
        if (cfg.cpuProf) await optional(c.server, 'profStart');
        cpuBefore = await c.server.call('cpu');
        await optional(c.server, 'loopReset');
        r = await fire(c.label, c.server.url, once(shots).next, { seconds: cfg.seconds, amount: shots.length });
        c.rate = r.rps;
      } else {
        await optional(c.server, 'settle');
        if (cfg.cpuProf) await optional(c.server, 'profStart');
        cpuBefore = await c.server.call('cpu');
        await optional(c.server, 'loopReset');
        r = await fire(c.label, c.server.url, c.source!, { seconds: cfg.seconds, ...(c.amount ? { amount: c.amount } : {}) });
      }
      if (cfg.cpuProf) {
        const written = await optional<string>(c.server, 'profStop', { file: profileOf(c, round) });
        if (written) (report.profiles ??= []).push(written);
      }
      // The next contender's run starts on a quiet machine.
      await c.server.call('drain');
      const cpuAfter: Cpu = await c.server.call('cpu');
      r.loop = (await optional(c.server, 'loopStats')) ?? undefined;
      r.cpuUs = (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / Math.max(1, cpuAfter.handled - cpuBefore.handled);
      runs.get(c.label)!.push(r);
      if (cfg.verbose) console.error(`  ${section} round ${round + 1} ${c.label}: ${r.rps.toFixed(0)} req/s p50 ${r.p50} ms p99 ${r.p99} ms, loop p99 ${r.loop?.p99} ms max ${r.loop?.max} ms, ${r.cpuUs.toFixed(0)} µs CPU a request (${r.requests} req, non-2xx ${r.non2xx})`);
    }
  }
  const base = runs.get(contenders[0]!.label)!;
  const rows = contenders.map((c) => {
    const rs = runs.get(c.label)!;
    const ratio = (against: RunResult[]) => median(rs.map((r, i) => r.rps / against[i]!.rps));
    return {
      section,
      server: c.label,
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      cpuUs: median(rs.map((r) => r.cpuUs ?? 0)),
      loopP50: median(rs.map((r) => r.loop?.p50 ?? 0)),
      loopP99: median(rs.map((r) => r.loop?.p99 ?? 0)),
      loopMax: Math.max(...rs.map((r) => r.loop?.max ?? 0)),
      vsFloor: ratio(base),
      requests: rs.reduce((n, r) => n + r.requests, 0),
      non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      runs: rs,
      _ratio: ratio,
    };
  });
  return { rows, runs };
}

type Row = Awaited<ReturnType<typeof runRounds>>['rows'][number];

/** The median of the per-round ratios of two contenders of the same rounds. */
const perRound = (a: Row, b: Row) => median(a.runs.map((r, i) => r.rps / b.runs[i]!.rps));

/**
 * Notes on row `a` its per-round ratio to row `b`, printed under it: of req/s, and of CPU time a
 * request (b's over a's, so that above 1 means `a` is the cheaper, as for req/s).
 */
function compare(a: Row, b: Row, text: string) {
  const row = a as Row & { relative?: { text: string; against: string; ratio: number; cpuRatio: number }[] };
  const cpuRatio = median(a.runs.map((r, i) => b.runs[i]!.cpuUs! / r.cpuUs!));
  (row.relative ??= []).push({ text, against: b.server, ratio: perRound(a, b), cpuRatio });
}

/** Issue 14: sign-in of an enrolled user at OWASP strength at least 3× Better Auth's. */
export const SIGN_IN_TARGET = 3;

interface Cpu {
  user: number;
  system: number;
  handled: number;
}

export async function throughput(cfg: Config, which: Set<string>, report: Report) {
  const dir = cfg.dir;
  const contacts = cfg.quick ? 40 : 200;
  const rows = 1000;
  const stopAll: Server[] = [];
  const start = async (...a: Parameters<typeof startServer>) => {
    const s = await startServer(...a);
    stopAll.push(s);
    report.pragmas[s.label] = s.pragmas;
    return s;
  };
  const tag = () => Math.random().toString(36).slice(2, 8);
  report.notes.push(`ours: ${benchPolicyNote}`);
  try {
    if (which.has('verify') || which.has('peer')) {
      const [floorServer, ours, portals, baseline, peer] = await Promise.all([
        start('floor', 'floor', { url: `file:${join(dir, `floor-${tag()}.db`)}`, rows }),
        start('ours', 'ours', { url: `file:${join(dir, `ours-${tag()}.db`)}`, iterations: 1000, contacts }),
        start('ours', 'ours, portal resolver', { url: `file:${join(dir, `ours-${tag()}.db`)}`, iterations: 1000, contacts, portals: true }),
        cfg.baseline ? start('ours', cfg.baseline.label, { url: `file:${join(dir, `base-${tag()}.db`)}`, iterations: 1000, contacts }, cfg.baseline.childEntry) : null,
        which.has('peer') ? start('peer', 'peer', { url: `file:${join(dir, `peer-${tag()}.db`)}`, users: contacts }) : null,
      ]);
      const floor = await floorContender(floorServer, rows);
      const verifyOf = (label: string, server: Server): Contender => ({
        label,
        server,
        pool: async (n) => (await server.call('pending', { n })).map((p: any) => ({ method: 'POST', path: '/api/2fa/verify', cookie: p.cookie, body: { code: p.code } })),
      });
      const contenders: Contender[] = [floor, verifyOf('ours POST /verify', ours), verifyOf('ours POST /verify, portal resolver', portals)];
      if (baseline) contenders.push(verifyOf(`${baseline.label} POST /verify`, baseline));
      if (peer) {
        contenders.push({
          label: 'peer POST /two-factor/verify-otp',
          server: peer,
          pool: async (n) => (await peer.call('pending', { n })).map((p: any) => ({ method: 'POST', path: '/api/auth/two-factor/verify-otp', cookie: p.cookie, body: { code: p.code } })),
        });
        report.notes.push('peer: Better Auth with rate limiting off and a cheap password hash (only the OTP verify is compared); pending sign-ins prepared by sign-in/email + two-factor/send-otp');
      }
      const { rows: out } = await runRounds(cfg, 'verify', contenders, report);
      const row = (label: string) => out.find((r) => r.server === label);
      const peerRow = row('peer POST /two-factor/verify-otp');
      if (peerRow) (peerRow as any).oursOverPeer = perRound(out[1]!, peerRow);
      compare(row('ours POST /verify, portal resolver')!, out[1]!, 'with a resolver / without');
      if (baseline) compare(out[1]!, row(`${baseline.label} POST /verify`)!, `ours / ${baseline.label}`);
      report.throughput.push(...out);
      report.notes.push('verify pools: each request is a right code of its own pending login, prepared in the server process before the run (preparation runs with synchronous=OFF, restored before measuring), sent exactly once (autocannon `amount`)');
      report.notes.push(`portal resolver: the host names the portal \`bench\` (a second portal beside it); its record is read once per ${PORTAL_CACHE_MS / 1000} s, so a run reads it a few times in all`);
      for (const s of stopAll.splice(0)) await s.stop();
    }
    if (which.has('verify-pg')) await verifyPg(cfg, report, start, contacts, rows);
    if (which.has('login')) {
      const [floorServer, heavy, light, portals, baseline, argon, peer] = await Promise.all([
        start('floor', 'floor', { url: `file:${join(dir, `floor-${tag()}.db`)}`, rows }),
        start('ours', 'ours (PBKDF2 600k)', { url: `file:${join(dir, `ours-${tag()}.db`)}`, iterations: 600_000, contacts }),
        start('ours', 'ours (PBKDF2 1k)', { url: `file:${join(dir, `ours-${tag()}.db`)}`, iterations: 1_000, contacts }),
        start('ours', 'ours (PBKDF2 1k), portal resolver', { url: `file:${join(dir, `ours-${tag()}.db`)}`, iterations: 1_000, contacts, portals: true }),
        cfg.baseline ? start('ours', `${cfg.baseline.label} (PBKDF2 1k)`, { url: `file:${join(dir, `base-${tag()}.db`)}`, iterations: 1_000, contacts }, cfg.baseline.childEntry) : null,
        // Sign-in at OWASP strength, against Better Auth's sign-in at its default hashing.
        start('ours', 'ours (argon2id)', { url: `file:${join(dir, `ours-${tag()}.db`)}`, iterations: 0, hasher: 'argon2id', contacts }),
        start('peer', 'peer (scrypt)', { url: `file:${join(dir, `peer-${tag()}.db`)}`, users: contacts, hashing: 'default' }).catch((err: unknown) => {
          // Better Auth comes from bench/package.json (`npm run bench` installs it); the rest of the section runs without it.
          report.notes.push(`login: Better Auth's sign-in skipped (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); run \`npm --prefix bench install\``);
          return null;
        }),
      ]);
      const floor = await floorContender(floorServer, rows);
      const logins = () => cycle(Array.from({ length: contacts }, (_, i) => ({ method: 'POST' as const, path: '/api/2fa/login', body: { email: contactEmail(i), password: PASSWORD } })));
      const labels = {
        heavy: 'ours POST /login, PBKDF2 600,000 (default)',
        light: 'ours POST /login, PBKDF2 1,000 (lowered)',
        portals: 'ours POST /login, 1,000, portal resolver',
        baseline: `${cfg.baseline?.label} POST /login, 1,000`,
        argon: 'ours POST /login, argon2id m=19 MiB t=2 p=1 (OWASP, the demo\'s)',
        peer: 'peer POST /sign-in/email, scrypt (its default)',
      };
      const contenders: Contender[] = [
        floor,
        { label: labels.heavy, server: heavy, source: logins(), ...(cfg.quick ? { amount: 10 } : {}) },
        { label: labels.light, server: light, source: logins() },
        { label: labels.portals, server: portals, source: logins() },
      ];
      if (baseline) contenders.push({ label: labels.baseline, server: baseline, source: logins() });
      contenders.push({ label: labels.argon, server: argon, source: logins() });
      if (peer) {
        const emails: string[] = await peer.call('emails');
        // Its sign-in takes ~0.1 s of CPU: a quick run's 1.5 s might not see one finish.
        const signIns = cycle(emails.map((email) => ({ method: 'POST' as const, path: '/api/auth/sign-in/email', body: { email, password: PASSWORD } })));
        contenders.push({ label: labels.peer, server: peer, source: signIns, ...(cfg.quick ? { amount: 20 } : {}) });
      }
      const { rows: out } = await runRounds(cfg, 'login', contenders, report);
      const row = (label: string) => out.find((r) => r.server === label);
      compare(row(labels.portals)!, row(labels.light)!, 'with a resolver / without');
      if (baseline) compare(row(labels.light)!, row(labels.baseline)!, `ours / ${cfg.baseline!.label}`);
      const argonRow = row(labels.argon)!;
      const peerRow = row(labels.peer);
      if (peerRow) {
        compare(argonRow, peerRow, 'ours (argon2id) / Better Auth (scrypt)');
        const ratio = perRound(argonRow, peerRow);
        report.signIn = {
          ours: labels.argon,
          peer: labels.peer,
          ratio,
          cpuRatio: median(argonRow.runs.map((r, i) => peerRow.runs[i]!.cpuUs! / r.cpuUs!)),
          perRound: argonRow.runs.map((r, i) => r.rps / peerRow.runs[i]!.rps),
          oursRps: argonRow.rps,
          peerRps: peerRow.rps,
          oursCpuUs: argonRow.cpuUs,
          peerCpuUs: peerRow.cpuUs,
          target: SIGN_IN_TARGET,
          met: ratio >= SIGN_IN_TARGET,
        };
        report.notes.push(
          'login, sign-in at OWASP strength: ours POST /login of enrolled contacts (argon2Hasher() at its defaults; each login sends the SMS code) against Better Auth POST /sign-in/email of users with two-factor (OTP) on, at its default scrypt, rate limiting off; its sign-in answers twoFactorRedirect and sends no OTP (that is a second request, send-otp, not counted)',
        );
      }
      report.throughput.push(...out);
      for (const s of stopAll.splice(0)) await s.stop();
    }
    if (which.has('resend') || which.has('session')) {
      const [floorServer, ours] = await Promise.all([
        start('floor', 'floor', { url: `file:${join(dir, `floor-${tag()}.db`)}`, rows }),
        start('ours', 'ours', { url: `file:${join(dir, `ours-${tag()}.db`)}`, iterations: 1000, contacts }),
      ]);
      const floor = await floorContender(floorServer, rows);
      if (which.has('resend')) {
        const pend: any[] = await ours.call('pending', { n: contacts });
        const { rows: out } = await runRounds(cfg, 'resend', [floor, { label: 'ours POST /resend', server: ours, source: cycle(pend.map((p) => ({ method: 'POST' as const, path: '/api/2fa/resend', cookie: p.cookie, body: {} }))) }], report);
        report.throughput.push(...out);
      }
      if (which.has('session')) {
        const cookies: string[] = await ours.call('complete', { n: contacts });
        const get = (path: string) => cycle(cookies.map((cookie) => ({ method: 'GET' as const, path, cookie })));
        const { rows: out } = await runRounds(
          cfg,
          'session',
          [floor, { label: 'ours GET /session', server: ours, source: get('/api/2fa/session') }, { label: 'host GET /host behind requireSession()', server: ours, source: get('/host') }],
          report,
        );
        report.throughput.push(...out);
      }
    }
  } finally {
    for (const s of stopAll) await s.stop();
  }
}

/**
 * verify-pg: our POST /verify on PostgreSQL (a fresh database of its own, migrated by
 * openPostgres) against the PostgreSQL floor (its own fresh database: one indexed SELECT and one
 * UPDATE through pg + drizzle, the libSQL floor's route), both with a pool of 10 connections.
 */
async function verifyPg(cfg: Config, report: Report, start: (...a: Parameters<typeof startServer>) => Promise<Server>, contacts: number, rows: number) {
  const why = await pgUnavailable();
  if (why) {
    report.notes.push(`verify-pg skipped: PostgreSQL not reachable (${why}); set CB_BENCH_PG_URL`);
    return;
  }
  const dbs: BenchDatabase[] = [];
  const servers: Server[] = [];
  try {
    // One after the other: two CREATE DATABASE at once fail on the template being in use.
    const floorDb = await createBenchDatabase();
    dbs.push(floorDb);
    const oursDb = await createBenchDatabase();
    dbs.push(oursDb);
    const [floorServer, ours] = await Promise.all([
      start('floor', 'floor, PostgreSQL', { pg: floorDb.url, rows }),
      start('ours', 'ours, PostgreSQL', { url: '', pg: oursDb.url, iterations: 1000, contacts }),
    ]);
    servers.push(floorServer, ours);
    const floor = await floorContender(floorServer, rows);
    floor.label = 'floor on PostgreSQL (SELECT + UPDATE)';
    const verify: Contender = {
      label: 'ours POST /verify on PostgreSQL',
      server: ours,
      pool: async (n) => (await ours.call('pending', { n })).map((p: any) => ({ method: 'POST', path: '/api/2fa/verify', cookie: p.cookie, body: { code: p.code } })),
    };
    const { rows: out } = await runRounds(cfg, 'verify-pg', [floor, verify], report);
    report.throughput.push(...out);
    report.notes.push('verify-pg: ours and the floor each on a fresh PostgreSQL database of their own (dropped after the run), node-postgres pools of 10');
  } finally {
    for (const s of servers) await s.stop();
    for (const d of dbs) await d.drop().catch(() => {});
  }
}
