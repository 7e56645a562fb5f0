/**
 * The router's body limit (`bodyLimitByLength`): a declared length within the limit, or a request
 * without a body, goes on with its body untouched (read later by the route, on Node straight from
 * the socket); anything else is counted as it arrives, and over the limit it is a 413.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { bodyLimitByLength } from '../../server/middleware/body-limit.js';

const MAX = 100;

function app() {
  return new Hono()
    .onError((err, c) => c.text(err instanceof HTTPException ? `refused ${err.status}` : 'error', err instanceof HTTPException ? err.status : 500))
    .use('*', bodyLimitByLength(MAX))
    .all('/', async (c) => c.text(c.req.method === 'GET' ? 'got' : `read ${(await c.req.text()).length}`));
}

/** A request whose body stream counts the times it is asked for (what Hono's `bodyLimit` does first). */
function watched(init: RequestInit & { headers?: Record<string, string> }) {
  const req = new Request('http://x/', { ...init, ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
  const body = Object.getOwnPropertyDescriptor(Request.prototype, 'body')!.get!;
  let asked = 0;
  Object.defineProperty(req, 'body', {
    get() {
      asked++;
      return body.call(this);
    },
  });
  return { req, asked: () => asked };
}

const stream = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let left = bytes; left > 0; left -= 10) controller.enqueue(new Uint8Array(Math.min(10, left)).fill(120));
      controller.close();
    },
  });

describe('bodyLimitByLength', () => {
  it('a GET goes on without its body being asked for', async () => {
    const { req, asked } = watched({ method: 'GET' });
    const res = await app().fetch(req);
    expect(await res.text()).toBe('got');
    expect(asked()).toBe(0);
  });

  it('a declared length within the limit goes on without its body being asked for', async () => {
    const { req, asked } = watched({ method: 'POST', body: 'x'.repeat(MAX), headers: { 'content-length': String(MAX) } });
    const res = await new Hono().use('*', bodyLimitByLength(MAX)).post('/', (c) => c.text('not read')).fetch(req);
    expect(await res.text()).toBe('not read');
    expect(asked()).toBe(0);
  });

  it('the route then reads that body whole', async () => {
    const res = await app().fetch(new Request('http://x/', { method: 'POST', body: 'x'.repeat(MAX), headers: { 'content-length': String(MAX) } }));
    expect(await res.text()).toBe(`read ${MAX}`);
  });

  it('a declared length over the limit is a 413, without reading the body', async () => {
    const { req } = watched({ method: 'POST', body: 'x'.repeat(MAX + 1), headers: { 'content-length': String(MAX + 1) } });
    const res = await app().fetch(req);
    expect(res.status).toBe(413);
  });

  it.each([
    ['no length, over the limit', stream(MAX + 1), {}, 413, ''],
    ['no length, within it', stream(MAX), {}, 200, `read ${MAX}`],
  ])('%s: counted as it arrives', async (_, body, headers, status, text) => {
    const res = await app().fetch(new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(status);
    if (text) expect(await res.text()).toBe(text);
  });
});
