/**
 * cb-2fa on Cloudflare Workers with D1. A host copies this file and `wrangler.toml`.
 *
 * What differs from Node and Bun:
 * - Bindings (`env.DB`, `env.CB_SECRET`) exist only per request, so the router is built lazily,
 *   once per isolate, from the first request's `env`.
 * - Workers refuse PBKDF2 above 100,000 iterations, so the built-in accounts hash at 100,000.
 * - There is no socket address; behind Cloudflare's edge the client IP is `CF-Connecting-IP`,
 *   which the edge sets and clients cannot forge: Hono's `getConnInfo` for Workers reads it.
 * - The `twilio` SDK needs Node's sockets: codes go out through `twilioRestSms`, over fetch.
 * - The schema is applied with `wrangler d1 migrations apply` (docs/deploy.md), not at start-up.
 *
 * In your app the imports read `cb-2fa/server` instead of `../../server/index.js`.
 */
// Imported rather than ambient (`types` in tsconfig), so Workers' globals do not clash with the DOM's.
import type { D1Database, ExecutionContext } from '@cloudflare/workers-types';
import { Hono } from 'hono';
import { getConnInfo } from 'hono/cloudflare-workers';
import { drizzle } from 'drizzle-orm/d1';
import { createTwoFactor, devOutbox, pbkdf2Hasher, seedDemo, twilioRestSms, type DevOutbox, type SmsSender } from '../../server/index.js';

export interface Env {
  DB: D1Database;
  /** At least 32 random characters: `wrangler secret put CB_SECRET`. */
  CB_SECRET: string;
  /** "true" only in development (`.dev.vars`): demo accounts and the SMS outbox at /dev/sms-outbox. */
  CB_DEV?: string;
  /** Password of the demo accounts in development. @default "demo-password" */
  DEMO_PASSWORD?: string;
  /** The portal's public host name, for the SMS's WebOTP line. @default "localhost" with CB_DEV, else none */
  SMS_DOMAIN?: string;
  /** `AC…`. With it, codes go out through Twilio (docs/twilio.md); without it, to the dev outbox. */
  TWILIO_ACCOUNT_SID?: string;
  /** Secrets: the Auth Token, or (recommended) an API key and its secret. */
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_API_KEY?: string;
  TWILIO_API_SECRET?: string;
  /** A Twilio number in E.164, or a Messaging Service (`MG…`). */
  TWILIO_FROM?: string;
  TWILIO_MESSAGING_SERVICE_SID?: string;
  /** A Twilio-compatible endpoint instead of api.twilio.com (a local fake, a staging mock). */
  TWILIO_API_URL?: string;
}

/** The highest PBKDF2 iteration count Workers' Web Crypto accepts. Not exported: workerd treats every named export of the module as an entry point. */
const WORKERS_PBKDF2_ITERATIONS = 100_000;

type App = Hono<{ Bindings: Env }>;

function smsSender(env: Env, outbox: DevOutbox): SmsSender {
  if (env.TWILIO_ACCOUNT_SID) {
    // The official Twilio SDK needs Node's sockets; this sender speaks the same REST API over fetch.
    return twilioRestSms({
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      apiKey: env.TWILIO_API_KEY,
      apiSecret: env.TWILIO_API_SECRET,
      from: env.TWILIO_FROM,
      messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
      baseUrl: env.TWILIO_API_URL,
    });
  }
  if (env.CB_DEV === 'true') return outbox;
  // Refusing to start beats silently dropping every code.
  throw new Error('cb-2fa example: set TWILIO_* (docs/twilio.md), or CB_DEV=true for development');
}

async function build(env: Env): Promise<App> {
  const dev = env.CB_DEV === 'true';
  const hasher = pbkdf2Hasher({ iterations: WORKERS_PBKDF2_ITERATIONS });
  const outbox = devOutbox();
  const tf = createTwoFactor({
    db: drizzle(env.DB),
    sms: smsSender(env, outbox),
    secret: env.CB_SECRET,
    hasher,
    appName: 'Example Portal',
    smsDomain: env.SMS_DOMAIN ?? (dev ? 'localhost' : undefined),
    getConnInfo,
  });
  // Idempotent, and only in development: the demo accounts share one known password.
  if (dev) await seedDemo(tf.store, hasher, env.DEMO_PASSWORD ?? 'demo-password');

  const app: App = new Hono<{ Bindings: Env }>();
  app.route('/api/2fa', tf.app);
  // A host route behind the session middleware: only complete (2FA-passed) sessions get through.
  app.get('/api/me', tf.requireSession(), (c) => c.json({ user: c.var.cbUser }));
  // The outbox lives in this isolate's memory: fine for `wrangler dev` (one isolate), never for production.
  if (dev) app.get('/dev/sms-outbox', (c) => c.json(outbox.outbox));
  return app;
}

// One build per isolate. A failed build is forgotten so the next request retries it (a D1 blip
// at start-up should not brick the isolate until it is recycled).
let app: Promise<App> | undefined;

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    app ??= build(env).catch((err: unknown) => {
      app = undefined;
      throw err;
    });
    let router: App;
    try {
      router = await app;
    } catch (err) {
      // Logged for `wrangler tail`; the client gets the contract's error shape, never the details.
      console.error('cb-2fa: start-up failed', err instanceof Error ? `${err.name}: ${err.message}` : err);
      return Response.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, { status: 500 });
    }
    return router.fetch(request, env, ctx);
  },
};
