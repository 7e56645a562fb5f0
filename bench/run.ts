/**
 * `npm run bench`: every benchmark of cb-2fa in one run, printed as a table of ratios against
 * baselines measured in the same run, interleaved. See bench/README.md.
 *
 *   node --import tsx bench/run.ts [--quick] [--only verify,verify-pg,peer,login,resend,session,sql,size,coldstart,load]
 *                                   [--json out.json] [--rounds N] [--seconds S] [--load-seconds S] [--verbose]
 *                                   [--baseline REV] [--cpu-prof DIR]
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { throughput } from './sections/throughput.js';
import { statements } from './sections/sql.js';
import { size } from './sections/size.js';
import { coldStart, SEED_HASHES } from './sections/coldstart.js';
import { load } from './sections/load.js';
import { scale } from './sections/scale.js';
import { prepareBaseline, type Baseline } from './lib/baseline.js';

export const SECTIONS = ['verify', 'verify-pg', 'peer', 'login', 'resend', 'session', 'sql', 'size', 'coldstart', 'load', 'scale'] as const;

export interface Config {
  quick: boolean;
  rounds: number;
  seconds: number;
  loadSeconds: number;
  coldRounds: number;
  dir: string;
  root: string;
  verbose: boolean;
  /** An earlier commit's server, run beside ours in the verify, login and statement sections. */
  baseline: Baseline | null;
  /** --cpu-prof DIR: a CPU profile of each contender's measured runs is written there. */
  cpuProf: string | null;
  /** --fresh: rebuild the scale section's cached databases. */
  fresh: boolean;
}

export interface Report {
  machine: Record<string, unknown>;
  config: Omit<Config, 'dir' | 'root' | 'baseline'>;
  pragmas: Record<string, unknown>;
  throughput: any[];
  statements: any[];
  size?: any;
  coldStart?: any;
  load?: any;
  scale?: { builds: any[]; rows: any[] };
  /**
   * The login section's sign-in at OWASP strength: ours (argon2id) over Better Auth (scrypt),
   * the median of the per-round ratios of req/s (and of CPU a request, Better Auth's over ours).
   */
  signIn?: { ours: string; peer: string; ratio: number; cpuRatio: number; perRound: number[]; oursRps: number; peerRps: number; oursCpuUs: number; peerCpuUs: number; target: number; met: boolean };
  profiles?: string[];
  notes: string[];
  failures: string[];
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('quick');
const only = value('only')?.split(',').map((s) => s.trim()).filter(Boolean);
for (const s of only ?? []) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section ${s} (one of ${SECTIONS.join(', ')})`);
// The scale section (a database of 10,000 portals) belongs to the full run, not to the smoke run.
const which = new Set<string>(only ?? SECTIONS.filter((s) => !(quick && s === 'scale')));
const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const dir = mkdtempSync(join(value('dir') ?? tmpdir(), 'cb2fa-bench-'));
/**
 * The release the full run compares with by default: the last commit before portals (issue 11),
 * while the portals' cost is the open question. `--baseline REV` picks another, `--baseline none`
 * none; a clone without that commit (a shallow one) runs without.
 */
const DEFAULT_BASELINE = '68cb6e9';

function baselineFor(given: string | undefined): Baseline | null {
  if (given === 'none') return null;
  if (given) return prepareBaseline(root, given, dir);
  if (flag('quick')) return null;
  try {
    execSync(`git -C ${JSON.stringify(root)} cat-file -e ${DEFAULT_BASELINE}^{commit}`, { stdio: 'ignore' });
  } catch {
    return null;
  }
  return prepareBaseline(root, DEFAULT_BASELINE, dir);
}

const cfg: Config = {
  quick,
  rounds: Number(value('rounds') ?? (quick ? 1 : 3)),
  seconds: Number(value('seconds') ?? (quick ? 1.5 : 5)),
  loadSeconds: Number(value('load-seconds') ?? (quick ? 6 : 60)),
  coldRounds: Number(value('cold-rounds') ?? (quick ? 1 : 5)),
  dir,
  root,
  verbose: flag('verbose'),
  baseline: baselineFor(value('baseline')),
  cpuProf: cpuProfDir(),
  fresh: flag('fresh'),
};

function cpuProfDir() {
  if (!flag('cpu-prof')) return null;
  const given = value('cpu-prof');
  const d = given && !given.startsWith('--') ? given : join(process.cwd(), 'bench-profiles');
  mkdirSync(d, { recursive: true });
  return d;
}

function versionOf(pkg: string, from: string) {
  try {
    const req = createRequire(join(from, 'package.json'));
    let p = req.resolve(pkg);
    // walk up to the package's own package.json
    while (!p.endsWith(`/node_modules/${pkg}`)) p = p.slice(0, p.lastIndexOf('/'));
    return JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')).version as string;
  } catch {
    return 'n/a';
  }
}

const machine = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  hono: versionOf('hono', root),
  'drizzle-orm': versionOf('drizzle-orm', root),
  '@libsql/client': versionOf('@libsql/client', root),
  '@hono/node-server': versionOf('@hono/node-server', root),
  'better-auth': versionOf('better-auth', join(root, 'bench')),
  autocannon: versionOf('autocannon', join(root, 'bench')),
  'database dir': dir,
  ...(cfg.baseline ? { baseline: `${cfg.baseline.commit} (${cfg.baseline.rev}): ${cfg.baseline.subject}` } : {}),
};
const report: Report = { machine, config: { quick: cfg.quick, rounds: cfg.rounds, seconds: cfg.seconds, loadSeconds: cfg.loadSeconds, coldRounds: cfg.coldRounds, verbose: cfg.verbose }, pragmas: {}, throughput: [], statements: [], notes: [], failures: [] };

const log = (s: string) => console.error(s);
const t0 = performance.now();
const step = async (name: string, fn: () => Promise<void>) => {
  const t = performance.now();
  log(`· ${name} …`);
  try {
    await fn();
  } catch (err) {
    report.failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    log(`  ${name} failed: ${err instanceof Error ? err.stack : err}`);
  }
  log(`  ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
};

log(`cb-2fa bench${quick ? ' (quick)' : ''}: ${[...which].join(', ')}; ${cfg.rounds} round(s) of ${cfg.seconds} s per contender`);
if (which.has('sql')) await step('statements per request', () => statements(cfg, report, which));
if (['verify', 'verify-pg', 'peer', 'login', 'resend', 'session'].some((s) => which.has(s))) await step('throughput', () => throughput(cfg, which, report));
if (which.has('size')) await step('size', () => size(cfg, report));
if (which.has('coldstart')) await step('cold start', () => coldStart(cfg, report));
if (which.has('load')) await step('sustained load', () => load(cfg, report));
if (which.has('scale')) await step('scale', () => scale(cfg, report));
rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// The table

const out: string[] = [];
const p = (s = '') => out.push(s);
const pad = (s: unknown, n: number) => String(s).padEnd(n);
const lpad = (s: unknown, n: number) => String(s).padStart(n);
const x = (r: number) => `${r.toFixed(r < 0.1 ? 3 : 2)}×`;

p(`cb-2fa benchmarks — ${machine.date}`);
p(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}`);
p(`versions: hono ${machine.hono}, drizzle-orm ${machine['drizzle-orm']}, @libsql/client ${machine['@libsql/client']}, @hono/node-server ${machine['@hono/node-server']}, better-auth ${machine['better-auth']}, autocannon ${machine.autocannon}`);
if (cfg.baseline) p(`baseline: ${cfg.baseline.label} = ${cfg.baseline.rev}, "${cfg.baseline.subject}", run beside ours in the same rounds`);
p(`run: ${quick ? 'QUICK (smoke run, figures not meaningful)' : 'full'}; ${cfg.rounds} interleaved round(s), ${cfg.seconds} s per run, 10 connections on 127.0.0.1; every server in its own process`);
const prag = Object.entries(report.pragmas);
if (prag.length) p(`database pragmas: ${prag.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join('; ')}`);
p();

if (report.statements.length) {
  p('SQL statements per request (counted on the libSQL client, one request each, in-process; a batch is one round trip)');
  const w = Math.max(46, ...report.statements.map((s) => s.request.length + 2));
  p(`  ${pad('request', w)}${lpad('total', 6)}${lpad('reads', 7)}${lpad('writes', 8)}${lpad('round trips', 13)}`);
  for (const s of report.statements) p(`  ${pad(s.request, w)}${lpad(s.total, 6)}${lpad(s.reads, 7)}${lpad(s.writes, 8)}${lpad(s.roundTrips, 13)}`);
  p();
}

if (report.throughput.length) {
  p('Throughput and latency (medians of the rounds; ×floor = median of per-round ratios to the floor run beside it;');
  p('CPU µs = the server process\'s CPU time a request, all threads; under a comparison (→ a / b): the ratios of req/s and of CPU, b\'s CPU over a\'s, so > 1 means a is the faster or the cheaper)');
  const w = Math.max(46, ...report.throughput.map((r) => r.server.length + 2));
  p('loop p50/p99/max ms = the server\'s event-loop delay during the runs (monitorEventLoopDelay; max over the rounds), beside the request p99');
  p(`  ${pad('section', 11)}${pad('server', w)}${lpad('req/s', 9)}${lpad('p50 ms', 8)}${lpad('p99 ms', 8)}${lpad('×floor', 9)}${lpad('CPU µs', 9)}${lpad('requests', 10)}${lpad('non-2xx', 9)}${lpad('loop p50/p99/max ms', 22)}`);
  for (const r of report.throughput) {
    p(`  ${pad(r.section, 11)}${pad(r.server, w)}${lpad(r.rps.toFixed(0), 9)}${lpad(r.p50, 8)}${lpad(r.p99, 8)}${lpad(x(r.vsFloor), 9)}${lpad(r.cpuUs.toFixed(0), 9)}${lpad(r.requests, 10)}${lpad(r.non2xx + r.errors, 9)}${lpad(`${r.loopP50}/${r.loopP99}/${r.loopMax}`, 22)}`);
    if (r.oursOverPeer) p(`  ${pad('', 11)}${pad('  → ours / peer (verify vs verify-otp)', w)}${lpad('', 25)}${lpad(x(r.oursOverPeer), 9)}`);
    for (const rel of r.relative ?? []) p(`  ${pad('', 11)}${pad(`  → ${rel.text}`, w)}${lpad('', 25)}${lpad(x(rel.ratio), 9)}${lpad(x(rel.cpuRatio), 9)}`);
  }
  const v = report.throughput.find((r) => r.server === 'ours POST /verify');
  if (v) p(`  target (§8): verify ≥ 0.6× floor and p99 ≤ 20 ms → ${v.vsFloor >= 0.6 ? 'met' : 'NOT met'} (${x(v.vsFloor)}), ${v.p99 <= 20 ? 'met' : 'NOT met'} (${v.p99} ms)`);
  const si = report.signIn;
  if (si) {
    p(`  sign-in at OWASP strength: ours (argon2id) / Better Auth (scrypt) = ${x(si.ratio)}  (target ≥ ${si.target}×) → ${si.met ? 'met' : 'NOT met'}`);
    p(`    ${si.oursRps.toFixed(0)} / ${si.peerRps.toFixed(0)} req/s; CPU a sign-in ${si.oursCpuUs.toFixed(0)} / ${si.peerCpuUs.toFixed(0)} µs (${x(si.cpuRatio)}); per round ${si.perRound.map((r) => x(r)).join(', ')}`);
  }
  p();
}

if (report.size) {
  const s = report.size;
  p(`Size: initial JS of the elements ${s.gzipped} B gzipped (${(s.gzipped / 1024).toFixed(1)} KiB), ${s.minified} B minified, via ${s.via}; target 20 KiB (20480 B) → ${s.gzipped <= 20480 ? 'met' : 'NOT met'} (${x(s.gzipped / 20480)} of target)`);
  p();
}

if (report.coldStart) {
  const c = report.coldStart;
  p(`Cold start: process start → first 200 (medians of ${c.rounds} interleaved spawn(s), node --import tsx)`);
  p(`  ${pad('floor app (bare Hono + Drizzle + libSQL)', 58)}${lpad(c.floor.toFixed(0) + ' ms', 10)}${lpad('1.00×', 8)}`);
  p(`  ${pad(`demo server, first start (migrate + seed, ${SEED_HASHES} × argon2id)`, 58)}${lpad(c.first.toFixed(0) + ' ms', 10)}${lpad(x(c.firstRatio), 8)}`);
  p(`  ${pad('demo server, warm start (existing database)', 58)}${lpad(c.warm.toFixed(0) + ' ms', 10)}${lpad(x(c.warmRatio), 8)}`);
  p(`  seeding's hashing: ${SEED_HASHES} × argon2id = ${c.hashMs.toFixed(0)} ms (measured in the parent) ≈ ${((100 * c.hashMs) / c.first).toFixed(0)} % of the first start; first − warm = ${(c.first - c.warm).toFixed(0)} ms → ${c.hashMs > 0.5 * (c.first - c.floor) ? 'the hashing dominates what the first start adds' : 'the hashing does not dominate'}`);
  p(`  target (§8): ≤ 1.25× the floor app → warm ${c.warmRatio <= 1.25 ? 'met' : 'NOT met'}, first ${c.firstRatio <= 1.25 ? 'met' : 'NOT met'}`);
  p();
}

if (report.load) {
  const l = report.load;
  p(`Sustained load: ${l.seconds} s of mixed traffic, ${l.workers} virtual users over ${l.contacts} enrolled contacts, demo composition on a libSQL file (${l.policyNote})`);
  p(`  requests ${l.requests} (${(l.requests / l.seconds).toFixed(0)}/s): ${Object.entries(l.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  p(`  statuses: ${Object.entries(l.statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  for (const c of l.checks) p(`  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}${c.detail ? ` — ${c.detail}` : ''}`);
  p();
}

if (report.scale?.rows.length) {
  p('At scale: 10,000 portals, 1,000,000 accounts, 3,000,000+ audit events (×floor against a floor on the same database), beside one portal in the same rounds');
  for (const b of report.scale.builds) p(`  ${b.dialect}: ${b.cached ? 'cached' : 'built'} (${b.where}; build took ${b.seconds.toFixed(0)} s): ${Object.entries(b.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  p(`  ${pad('dialect', 8)}${pad('request', 14)}${lpad('×floor, 1 portal', 18)}${lpad('×floor, 10,000', 16)}${lpad('change', 9)}${lpad('p99 ms 1 / 10,000', 19)}  within 10 %?`);
  for (const r of report.scale.rows) p(`  ${pad(r.dialect, 8)}${pad(r.route, 14)}${lpad(x(r.one), 18)}${lpad(x(r.big), 16)}${lpad(`${(100 * r.change).toFixed(0)} %`, 9)}${lpad(`${r.p99One} / ${r.p99Big}`, 19)}  ${r.within ? 'yes' : 'NO'}`);
  p();
}

if (report.profiles?.length) {
  p(`CPU profiles (--cpu-prof; open in Chrome DevTools → Performance, or speedscope):`);
  for (const f of report.profiles) p(`  ${f}`);
  p();
}

if (report.notes.length) {
  p('Notes');
  for (const n of [...new Set(report.notes)]) p(`  - ${n}`);
  p();
}
if (report.failures.length) {
  p('FAILURES');
  for (const f of report.failures) p(`  - ${f}`);
}
p(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
console.log(out.join('\n'));

const json = value('json');
if (json) {
  mkdirSync(join(json, '..'), { recursive: true });
  writeFileSync(json, JSON.stringify(report, (k, v) => (typeof v === 'function' ? undefined : v), 2));
  console.error(`JSON written to ${json}`);
}
const integrityFailed = report.load?.checks?.some((c: any) => !c.ok);
process.exit(report.failures.length || integrityFailed ? 1 : 0);
