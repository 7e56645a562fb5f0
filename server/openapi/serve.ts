/**
 * `GET /openapi.json` of `createTwoFactor({ openapi: true })`: the generated document the package
 * ships (`openapi.json`, written by `npm run openapi`), loaded on the first request only, with
 * `servers` naming where this request found the router, so tools call the routes at the right place.
 * Serving needs no OpenAPI library: the document is generated ahead, and its test fails while stale.
 * @module
 */
import type { Context } from 'hono';

export const OPENAPI_PATH = '/openapi.json';

/** The document's `info.version`: the package's version (test/server/openapi.test.ts keeps them equal). */
export const DOCUMENT_VERSION = '0.2.0';

type Document = { openapi: string } & Record<string, unknown>;

export function openApiHandler() {
  let doc: Promise<Document> | undefined;
  return async (c: Context) => {
    doc ??= import('../../openapi.json', { with: { type: 'json' } }).then((m) => m.default as Document);
    const base = c.req.path.slice(0, -OPENAPI_PATH.length) || '/';
    const { openapi, ...rest } = await doc;
    return c.json({ openapi, servers: [{ url: base }], ...rest });
  };
}
