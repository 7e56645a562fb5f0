/** Spawning benchmarked servers as child processes, and talking to them over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const childEntry = fileURLToPath(new URL('./child.ts', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  role: string;
  label: string;
  port: number;
  url: string;
  pragmas: Record<string, unknown>;
  call<T = any>(cmd: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** `entry`: another tree's child.ts, to serve a baseline's server (see baseline.ts). */
export async function startServer(role: 'ours' | 'floor' | 'peer', label: string, opts: Record<string, unknown>, entry = childEntry): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = fork(entry, [], {
    // --expose-gc: `settle` collects the preparation's garbage before a measured run.
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BENCH_ROLE: role, BENCH_OPTS: JSON.stringify({ ...opts, port }), BETTER_AUTH_TELEMETRY: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.on('message', (m: any) => {
      if (m.ready) return resolve(m.pragmas);
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if (m.error) w.reject(new Error(`${label}: ${m.error}`));
      else w.resolve(m.result);
    });
    child.on('exit', (code) => {
      const err = new Error(`${label} exited with ${code}`);
      reject(err);
      for (const w of waiting.values()) w.reject(err);
    });
  });
  const pragmas = await ready;
  return {
    role,
    label,
    port,
    url: `http://127.0.0.1:${port}`,
    pragmas,
    call(cmd, args) {
      const id = ++seq;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, cmd, args });
      });
    },
    stop() {
      return new Promise((resolve) => {
        // Stopped already (by a signal: exitCode stays null, signalCode is set).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
