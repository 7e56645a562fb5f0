/**
 * Plumbing for the tests that go over real sockets: an app served on 127.0.0.1, and a client that
 * sets any header a browser or proxy would (`Host`, `Origin`) and keeps the cookies it is given.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface Served {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch handler on 127.0.0.1 at a port the OS picks. */
export function serveLocal(fetch: (request: Request, env: unknown) => Response | Promise<Response>): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // Keep-alive sockets would hold `close` open until they time out.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

export interface Reply {
  status: number;
  body: any;
  /** Every `Set-Cookie` line of the response, as sent. */
  setCookies: string[];
  headers: IncomingHttpHeaders;
}

/** One user agent over HTTP or HTTPS. `headers` go with every request (a fixed `Origin`, say). */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly options: { headers?: Record<string, string>; ca?: string } = {},
  ) {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const url = new URL(path, this.base);
    const payload = method === 'GET' ? undefined : JSON.stringify(body ?? {});
    const all: Record<string, string> = {
      ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
      ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      ...this.options.headers,
      ...headers,
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const res = await new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = send(url, { method, headers: all, ca: this.options.ca, agent: false }, (r) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (text += chunk));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, text }));
        r.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
    const setCookies = res.headers['set-cookie'] ?? [];
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    let parsed: unknown = res.text;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, setCookies, headers: res.headers };
  }

  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.send('POST', path, body, headers);
  }
  get(path: string, headers?: Record<string, string>) {
    return this.send('GET', path, undefined, headers);
  }
}

/** A free TCP port on 127.0.0.1 (for servers that must know each other's port before they start). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
