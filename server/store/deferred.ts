/**
 * A store whose implementation loads on first use. `createTwoFactor({ db })` with a PostgreSQL
 * database uses it, so that SQLite hosts never load drizzle's pg-core (a few hundred ms of every
 * start) and the factory stays synchronous. Every store method is async, so nothing can tell.
 * @module
 */
import type { AccountStore, TwoFactorStore } from './store.js';

type Methods<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

function forward<T extends object>(get: () => Promise<T>): T {
  return new Proxy({} as T, {
    get: (_target, key) =>
      async (...args: unknown[]) => {
        const real = (await get()) as Record<PropertyKey, (...a: unknown[]) => unknown>;
        return real[key]!(...args);
      },
  });
}

export function deferredStore(load: () => Promise<TwoFactorStore>): TwoFactorStore {
  let loading: Promise<TwoFactorStore> | undefined;
  const get = () => (loading ??= load());
  const accounts = forward<Methods<AccountStore>>(async () => (await get()).accounts as Methods<AccountStore>);
  const methods = forward<Methods<Omit<TwoFactorStore, 'accounts'>>>(get as () => Promise<Methods<Omit<TwoFactorStore, 'accounts'>>>);
  return new Proxy({} as TwoFactorStore, {
    get: (_target, key) => (key === 'accounts' ? accounts : (methods as unknown as Record<PropertyKey, unknown>)[key]),
  });
}
