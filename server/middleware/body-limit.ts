import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const DECLARED = /^\d{1,15}$/;

/**
 * The router's body size limit, decided from the declared length where there is one. A request
 * that cannot carry a body (GET, HEAD) or declares a `Content-Length` within the limit goes on
 * without its body being touched: the server that parsed it delivers no more bytes than that
 * length (Node, Bun and workerd all hold a body to its Content-Length), and on Node the route's
 * `c.req.text()` then reads it straight from the socket. Hono's `bodyLimit` asks for the web
 * `Request`'s body stream first, which makes @hono/node-server build a whole web `Request` and
 * stream for every request, a GET's too: about a tenth of a signed-in request's CPU.
 *
 * Everything else (no length, chunked, a length over the limit or not a plain number) goes
 * through Hono's `bodyLimit`, which counts the bytes as they arrive and answers 413.
 */
export function bodyLimitByLength(maxSize: number): MiddlewareHandler {
  const counted = bodyLimit({ maxSize });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && DECLARED.test(length) && Number(length) <= maxSize && c.req.header('transfer-encoding') === undefined) return next();
    return counted(c, next);
  };
}
