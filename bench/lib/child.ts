/**
 * One benchmarked server in its own process: `BENCH_ROLE` (ours | floor | peer) and `BENCH_OPTS`
 * (JSON) say which and how. Serves it on 127.0.0.1:PORT with @hono/node-server and answers the
 * parent's preparation requests over IPC: the HTTP app itself carries no benchmark route.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { makePgFloor } from './pg.js';
import { makeFloor, makeOurs, makePeer, pragmas, unsynced } from './apps.js';

const role = process.env.BENCH_ROLE!;
const opts = JSON.parse(process.env.BENCH_OPTS ?? '{}');
const send = (m: unknown) => process.send!(m);

type Handler = (args: any) => Promise<unknown>;
let app: { fetch: (r: Request, env?: unknown) => Response | Promise<Response> };
let client: any;
const commands: Record<string, Handler> = {};

const fast = <T>(fn: () => Promise<T>) => unsynced(client, fn);

if (role === 'ours') {
  const o = await makeOurs(opts);
  app = o.app;
  client = o.client;
  commands.pending = ({ n }) => fast(() => o.pending(n));
  commands.complete = ({ n }) => fast(() => o.complete(n));
  commands.emails = async () => o.emails;
  commands.code = async ({ to }) => o.lastCode.get(to) ?? null;
} else if (role === 'floor' && opts.pg) {
  const f = await makePgFloor(opts);
  app = f.app;
  client = null;
  commands.keys = async ({ n }) => f.keys(n);
} else if (role === 'floor') {
  const f = await makeFloor(opts);
  app = f.app;
  client = f.client;
  commands.keys = async ({ n }) => f.keys(n);
} else if (role === 'peer') {
  const p = await makePeer(opts);
  app = p.app;
  client = p.client;
  commands.pending = ({ n }) => fast(() => p.pending(n));
  commands.emails = async () => p.emails;
} else {
  throw new Error(`unknown BENCH_ROLE ${role}`);
}
commands.pragmas = () => pragmas(client);
// Requests still being handled after the load generator stopped (a PBKDF2 600,000 login takes
// seconds, and its socket closing does not stop it) would run into the next contender's run.
let inFlight = 0;
let handled = 0;
const served = app;
app = {
  async fetch(request, env) {
    inFlight++;
    handled++;
    try {
      return await served.fetch(request, env);
    } finally {
      inFlight--;
    }
  },
};
// CPU time of the whole process (every thread: the hashing pool too) and the requests handled,
// for the CPU cost per request, which other work on the machine disturbs far less than req/s.
commands.cpu = async () => ({ ...process.cpuUsage(), handled });
commands.drain = async () => {
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  return null;
};
// The tail: how long callbacks waited for the event loop during a run. A request p99 far above the
// loop's p99 points at the database or the hashing pool; a loop max near the request p99 points at
// synchronous work on the main thread (JSON, crypto, a long GC), which the CPU profile then names.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
commands.loopReset = async () => {
  loop.reset();
  return null;
};
commands.loopStats = async () => ({ p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) });
// `--cpu-prof`: a V8 CPU profile of one measured run (started after its preparation), written as
// a .cpuprofile that Chrome DevTools and speedscope open.
let inspector: Session | null = null;
commands.profStart = async () => {
  if (inspector) return null;
  inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  await inspector.post('Profiler.start');
  return null;
};
commands.profStop = async ({ file }) => {
  if (!inspector) return null;
  const { profile } = await inspector.post('Profiler.stop');
  inspector.disconnect();
  inspector = null;
  writeFileSync(file, JSON.stringify(profile));
  return file;
};
// Before a measured run: the run pays for its own work only, not for what its preparation left
// (the WAL of thousands of logins, copied back into the database at the run's first checkpoint,
// and their garbage, collected in its first major GC). Every contender settles the same way.
commands.settle = async () => {
  if (client) await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  (globalThis as { gc?: () => void }).gc?.();
  return null;
};
commands.checkpoint = async () => !client ? null : (await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows[0];

process.on('message', async (m: any) => {
  try {
    const h = commands[m.cmd];
    if (!h) throw new Error(`unknown command ${m.cmd}`);
    send({ id: m.id, result: await h(m.args ?? {}) });
  } catch (err) {
    send({ id: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
process.on('disconnect', () => process.exit(0));

serve({ fetch: app.fetch, port: opts.port, hostname: '127.0.0.1' }, async () => {
  send({ ready: true, pragmas: await pragmas(client) });
});
