/**
 * One benchmarked server in its own process: `BENCH_ROLE` (ours | floor | peer) and `BENCH_OPTS`
 * (JSON) say which and how. Serves it on 127.0.0.1:PORT with @hono/node-server and answers the
 * parent's preparation requests over IPC: the HTTP app itself carries no benchmark route.
 */
import { serve } from '@hono/node-server';
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
commands.checkpoint = async () => (await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows[0];

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
