/**
 * The router on a real Node server (@hono/node-server on 127.0.0.1), at the edges of HTTP: an
 * oversized body on a keep-alive connection, a client that hangs up mid-body, and paths the
 * router does not know.
 */
import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarness, PASSWORD, type Harness } from '../support/harness.js';

let h: Harness;
let server: ServerType;
let port: number;
/** Emits 'request' with the promise of the app's response, as each request reaches the app. */
const requests = new EventEmitter();

beforeEach(async () => {
  h = await createHarness();
  const fetch: typeof h.app.fetch = (req, env) => {
    const res = Promise.resolve(h.app.fetch(req, env));
    requests.emit('request', res);
    return res;
  };
  server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  vi.restoreAllMocks();
  (server as http.Server).closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The local port of the socket the request went out on: equal ports mean one connection. */
  localPort: number | undefined;
}

/** `chunked` sends the body without a Content-Length, as a stream of unknown size. */
function post(agent: http.Agent, path: string, body: string, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': Buffer.byteLength(body) }) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : null, localPort: req.socket?.localPort }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const login = JSON.stringify({ email: 'demo@example.com', password: PASSWORD });

describe('an oversized body', () => {
  // Larger than the socket buffers: the server answers before the client has sent it all.
  it.each([
    ['a declared Content-Length', 2_000_000, false],
    ['a chunked body', 2_000_000, true],
  ])('over %s: 413 with Connection: close, and the next request on a keep-alive agent succeeds', async (_, size, chunked) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = JSON.stringify({ email: 'x'.repeat(size), password: 'p' });
      const refused = await post(agent, '/api/2fa/login', big, chunked);
      expect(refused.status).toBe(413);
      expect(refused.body.error).toMatchObject({ code: 'bad_request' });
      expect(refused.headers.connection).toBe('close');
      const next = await post(agent, '/api/2fa/login', login);
      expect(next.status).toBe(200);
      expect(next.body.step).toBeDefined();
    } finally {
      agent.destroy();
    }
  });

  it('a body within the limit keeps the connection for the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await post(agent, '/api/2fa/login', JSON.stringify({ email: 'nobody@example.com', password: 'wrong' }));
      expect(first.status).toBe(401);
      expect(first.headers.connection).toBe('keep-alive');
      const second = await post(agent, '/api/2fa/login', login);
      expect(second.status).toBe(200);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  });
});

describe('a client that hangs up mid-body', () => {
  it('is not logged as an error, and gets no 5xx', async () => {
    const errors = vi.spyOn(console, 'error');
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const arrived = once(requests, 'request');
    socket.write(`POST /api/2fa/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${login.length}\r\n\r\n${login.slice(0, 20)}`);
    const [handled] = (await arrived) as [Promise<Response>];
    socket.destroy();
    const res = await handled;
    expect(res.status).toBeLessThan(500);
    expect(errors.mock.calls.map((call) => call.map(String).join(' '))).toEqual([]);
  });
});

describe('unknown paths under the router', () => {
  it.each([
    ['GET', '/api/2fa/nope'],
    ['POST', '/api/2fa/nope'],
    ['GET', '/api/2fa/admin/nothing/here'],
    ['DELETE', '/api/2fa/session'],
  ])('%s %s answers 404 in the JSON error shape', async (method, path) => {
    const res = await h.app.request(`http://portal.test${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('also when the router is served on its own', async () => {
    const res = await h.tf.app.request('http://portal.test/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});
