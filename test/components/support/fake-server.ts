import type { PortalFace } from '../../../protocol/index.js';

/**
 * A fake of the router behind `window.fetch`: tests declare answers per "METHOD /path" and read the
 * requests the elements made. The real CbApiClient runs, so headers, bodies and error parsing are
 * exercised too. Never a real server.
 *
 * `GET /portal`, which every element makes when it first renders, answers 404 (a router that cannot
 * say: the elements behave as before portals) until a test sets it, e.g. `on('GET /portal', { body:
 * face() })`. It is counted in `portalRequests` and left out of `requests`, which holds what the
 * elements asked the router to do.
 */
export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
}

export type Answer = { status?: number; body?: unknown; headers?: Record<string, string> } | (() => Promise<Response> | Response);

export interface FakeServer {
  requests: Recorded[];
  /** How many `GET /portal` requests reached the fake. */
  portalRequests: number;
  /** Sets the answer for a route (`'POST /login'`); a list is used in order, the last one repeats. */
  on(route: string, ...answers: Answer[]): FakeServer;
  last(route?: string): Recorded | undefined;
  restore(): void;
}

export const BASE = '/api/2fa';

export function fakeServer(base = BASE): FakeServer {
  const original = window.fetch;
  const table = new Map<string, Answer[]>();
  const server: FakeServer = {
    requests: [],
    portalRequests: 0,
    on(route, ...answers) {
      table.set(route, answers);
      return server;
    },
    last(route) {
      const list = route ? server.requests.filter((r) => `${r.method} ${r.path}` === route) : server.requests;
      return list[list.length - 1];
    },
    restore() {
      window.fetch = original;
    },
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), location.href);
    const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) + url.search : url.pathname;
    const method = init?.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    if (`${method} ${path}` === 'GET /portal') server.portalRequests++;
    else server.requests.push({
      method,
      path,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers,
      credentials: init?.credentials,
    });
    const list = table.get(`${method} ${path}`) ?? table.get(`${method} ${url.pathname.slice(base.length)}`);
    const answer = list && (list.length > 1 ? list.shift()! : list[0]);
    if (!answer) return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no fake' } }), { status: 404 });
    if (typeof answer === 'function') return answer();
    return new Response(JSON.stringify(answer.body ?? {}), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };
  return server;
}

/** An error answer in the contract's shape. */
export const apiError = (status: number, code: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { error: { code, message: 'English message that must never be shown', ...extra } },
  ...(extra.retryAfter ? { headers: { 'retry-after': String(extra.retryAfter) } } : {}),
});

/** A portal's public face as `GET /portal` answers it; `over` replaces any field. */
export const face = (over: Partial<PortalFace> = {}): PortalFace => ({
  id: 'northwind',
  name: 'Northwind IT Portal',
  logoUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
  accent: '#0b5cad',
  locale: 'en',
  allowedCountries: ['US', 'CA'],
  recoveryCodes: false,
  voiceFallback: false,
  trustDeviceDays: 0,
  selfServicePhoneChange: false,
  ...over,
});

export const user = {
  id: 'u1',
  email: 'demo@example.com',
  name: 'Demo Owner',
  organizationId: 'org1',
  role: 'contact' as const,
  masterAdmin: false,
};

/** Resolves after pending fetches and the resulting renders have settled. */
export const settle = async (el?: { updateComplete: Promise<unknown> }): Promise<void> => {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    if (el) await el.updateComplete;
  }
};
