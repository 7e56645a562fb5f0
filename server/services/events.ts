/**
 * Events for the host (product spec §10): `onEvent(event)` receives every audit event a request
 * writes, with its portal, so a host can email its admins, feed a SIEM or call a webhook. The hook
 * is the host's code, so it is kept out of the flow: the events of a request are handed to it only
 * after the response is decided, one after another in the order they were written, each given at
 * most `timeoutMs` before the next; a throw, a rejection or a timeout is logged (once per kind of
 * failure) and changes nothing.
 * @module
 */
import type { AuditEvent, TwoFactorStore } from '../store/store.js';
import type { Deps } from './deps.js';

/** An audit event with the portal it belongs to. */
export type CbEvent = AuditEvent & { portalId: string };

/** The host's hook; what it returns (a promise or nothing) is waited for up to the timeout. */
export type EventHook = (event: CbEvent) => void | Promise<void>;

/** Store methods that write audit events, and where their events are: each must reach the hook. */
const WRITERS: Record<string, (args: unknown[], result: unknown) => AuditEvent[]> = {
  audit: (args) => [args[0] as AuditEvent | AuditEvent[]].flat(),
  // The promotion of a login and its events in one round trip: the events count only if it happened.
  promoteSessionAudited: (args, result) => (result === true ? (args[2] as AuditEvent[]) : []),
  // A right code's try with its promotion: the same events, written only if it promoted.
  tryCodeAndPromote: (args, result) => ((result as { promoted?: boolean } | undefined)?.promoted === true ? (args[2] as AuditEvent[]) : []),
};

export interface EventDispatch {
  /** The request's dependencies with a store that also queues, for the hook, each event it writes. */
  tap(request: Request, d: Deps): Deps;
  /** Hands the request's queued events to the hook, without waiting; `waitUntil` keeps a Worker alive for them. */
  flush(request: Request, waitUntil?: (p: Promise<unknown>) => void): void;
}

export function eventDispatch(hook: EventHook, timeoutMs: number, log: (message: string) => void = (m) => console.error(m)): EventDispatch {
  const queues = new WeakMap<Request, CbEvent[]>();
  const logged = new Set<string>();
  const fail = (kind: string, message: string) => {
    if (logged.has(kind)) return;
    logged.add(kind);
    log(`cb-2fa: onEvent ${message}; the flow went on (logged once)`);
  };

  async function deliver(events: CbEvent[]): Promise<void> {
    // A macrotask later: the response has been handed to the runtime by then, so even a hook that
    // works synchronously for a while cannot hold it back.
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const event of events) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
        // A hook that hangs must not keep a Node process alive on its account.
        (timer as { unref?: () => void }).unref?.();
      });
      try {
        const outcome = await Promise.race([Promise.resolve().then(() => hook(event)), timeout]);
        if (outcome === 'timeout') fail('timeout', `took longer than ${timeoutMs} ms for a ${event.type} event and was left behind`);
      } catch (err) {
        fail('error', `threw for a ${event.type} event: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  return {
    tap(request, d) {
      const queue: CbEvent[] = [];
      queues.set(request, queue);
      const store = d.store;
      const tapped = new Proxy(store, {
        get(target, key, receiver) {
          const value: unknown = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          const writer = typeof key === 'string' ? WRITERS[key] : undefined;
          if (!writer) return (value as (...a: unknown[]) => unknown).bind(target);
          return async (...args: unknown[]) => {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            for (const event of writer(args, result)) queue.push({ ...event, portalId: target.portalId });
            return result;
          };
        },
      }) as TwoFactorStore;
      return { ...d, store: tapped };
    },
    flush(request, waitUntil) {
      const queue = queues.get(request);
      if (!queue?.length) return;
      queues.delete(request);
      const run = deliver(queue.splice(0));
      waitUntil?.(run);
    },
  };
}
