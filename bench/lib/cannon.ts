/** autocannon runs on 127.0.0.1 with 10 connections, each request built from a rotating source. */
import autocannon from 'autocannon';

export interface Shot {
  method: 'GET' | 'POST';
  path: string;
  cookie?: string;
  body?: unknown;
}

export interface RunResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  /** Responses by status, when any were not 2xx. */
  statuses?: Record<string, number>;
  errors: number;
  seconds: number;
  /** The server's CPU time a request during the run, µs (set by the throughput section). */
  cpuUs?: number;
  /** The server's event-loop delay during the run, ms (perf_hooks.monitorEventLoopDelay). */
  loop?: { p50: number; p99: number; max: number };
}

/**
 * `next()` gives each request. With `amount`, exactly that many are sent (for pools of one-shot
 * requests such as right codes); otherwise the run lasts `seconds`.
 */
export function fire(label: string, url: string, next: () => Shot, o: { seconds: number; amount?: number; connections?: number }): Promise<RunResult> {
  const origin = new URL(url).origin;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: o.connections ?? 10,
        ...(o.amount ? { amount: o.amount } : { duration: o.seconds }),
        timeout: 30,
        requests: [
          {
            setupRequest(req: any) {
              const s = next();
              req.method = s.method;
              req.path = s.path;
              req.headers = {
                ...(s.method === 'GET' ? {} : { 'content-type': 'application/json', origin }),
                ...(s.cookie ? { cookie: s.cookie } : {}),
              };
              req.body = s.method === 'GET' ? undefined : JSON.stringify(s.body ?? {});
              return req;
            },
          },
        ],
      } as any,
      (err: Error | null, r: any) => {
        if (err) return reject(err);
        resolve({
          label,
          rps: r.requests.total / r.duration,
          p50: r.latency.p50,
          p99: r.latency.p99,
          requests: r.requests.total,
          non2xx: r.non2xx,
          // Which statuses, when any were not 2xx (in the JSON report).
          ...(r.non2xx > 0 ? { statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count])) } : {}),
          errors: r.errors + r.timeouts,
          seconds: r.duration,
        });
      },
    );
    void instance;
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Cycles through `items` forever. */
export function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

/** Gives each item once; after the last, repeats the last (the run is sized with `amount` so that never happens). */
export function once<T>(items: T[]): { next: () => T; used: () => number } {
  let i = 0;
  return { next: () => items[Math.min(i++, items.length - 1)]!, used: () => i };
}
