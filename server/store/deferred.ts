/**
 * A store whose implementation loads on first use. `createTwoFactor({ db })` with a PostgreSQL
 * database uses it, so that SQLite hosts never load drizzle's pg-core (a few hundred ms of every
 * start) and the factory stays synchronous. Every store method is async, so nothing can tell.
 * @module
 */
import type { AccountStore, PortalStore, TwoFactorStore } from './store.js';

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

type Async = Omit<TwoFactorStore, 'accounts' | 'portals' | 'portalId' | 'forPortal'>;

export function deferredStore(load: () => Promise<TwoFactorStore>, portalId = 'default'): TwoFactorStore {
  let loading: Promise<TwoFactorStore> | undefined;
  const get = () => (loading ??= load());
  const accounts = forward<Methods<AccountStore>>(async () => (await get()).accounts as Methods<AccountStore>);
  const portals = forward<Methods<PortalStore>>(async () => (await get()).portals as Methods<PortalStore>);
  const methods = forward<Methods<Async>>(get as unknown as () => Promise<Methods<Async>>);
  const siblings = new Map<string, TwoFactorStore>();
  // The portal's id and its siblings are known without loading anything: both stay synchronous.
  const forPortal = (id: string): TwoFactorStore => {
    if (id === portalId) return store;
    let sibling = siblings.get(id);
    if (!sibling) siblings.set(id, (sibling = deferredStore(async () => (await get()).forPortal(id), id)));
    return sibling;
  };
  const store: TwoFactorStore = new Proxy({} as TwoFactorStore, {
    get: (_target, key) => {
      if (key === 'accounts') return accounts;
      if (key === 'portals') return portals;
      if (key === 'portalId') return portalId;
      if (key === 'forPortal') return forPortal;
      if (key === 'then') return undefined;
      return (methods as unknown as Record<PropertyKey, unknown>)[key];
    },
  });
  return store;
}
