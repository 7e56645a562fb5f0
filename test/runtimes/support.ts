/**
 * Plumbing shared by the runtime tests: whether a runtime is present (a hard failure in CI, a
 * visible skip locally), and example servers started as child processes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'vitest';

export const inCI = process.env.CI === 'true';

export type Availability = { ok: true } | { ok: false; reason: string };

/** Runs `bin args` and reports whether it exited cleanly within 15 s. */
export function probe(bin: string, args: string[]): Availability {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 15_000 });
  if (r.error) return { ok: false, reason: `${bin}: ${r.error.message}` };
  if (r.status !== 0) return { ok: false, reason: `${bin} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 300)}` };
  return { ok: true };
}

/**
 * Registers `body` when the runtime is there. When it is not: in CI a failing test (every
 * runtime must run there), locally a skipped one whose name says why.
 */
export function describeRuntime(name: string, available: Availability, body: () => void): void {
  if (available.ok) {
    describe(name, body);
  } else if (inCI) {
    describe(name, () => {
      it('is installed (required in CI)', () => {
        throw new Error(`${name} is missing: ${available.reason}`);
      });
    });
  } else {
    console.warn(`[runtimes] skipping ${name}: ${available.reason}`);
    describe.skip(`${name} (not available here: ${available.reason})`, body);
  }
}

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts an example server with PORT=0 and waits for its "listening on http://…" line, so the
 * OS picks a free port and no two runs race for one.
 */
export function startServer(command: string, args: string[], env: Record<string, string>, timeoutMs = 45_000): Promise<RunningServer> {
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ baseUrl: m[1]!, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** A second loopback address: Linux routes all of 127.0.0.0/8 to `lo`, so nothing needs setting up. */
export const SECOND_CLIENT_ADDRESS = '127.0.0.2';

/**
 * `fetch` from a chosen local address, for a second client the server must tell apart from the
 * first. (Node's `fetch` cannot bind its socket; `http.request` can.) String bodies only.
 */
export function fetchFrom(localAddress: string): (url: string, init: RequestInit) => Promise<Response> {
  return (url, init) =>
    new Promise((resolve, reject) => {
      if (init.body != null && typeof init.body !== 'string') return reject(new Error('fetchFrom sends string bodies only'));
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const req = httpRequest(url, { method: init.method ?? 'GET', headers, localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) out.append(name, v);
          const status = res.statusCode ?? 0;
          resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: out }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(init.body ?? undefined);
    });
}
