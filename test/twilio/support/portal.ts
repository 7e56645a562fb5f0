/**
 * The demo portal in-process with a Twilio sender or verifier pointed at the fake: the shared
 * harness's `Browser` drives it, and codes are read from what the fake Twilio received.
 */
import { createDemoApp, type DemoConfig } from '../../../demo/app.js';
import { twilioClient } from '../../../demo/sms-from-env.js';
import { openLibsql } from '../../../server/node/index.js';
import { pbkdf2Hasher } from '../../../server/index.js';
import { Browser, Clock, PASSWORD, SECRET, type Harness } from '../../support/harness.js';
import { ACCOUNT_SID, AUTH_TOKEN, type FakeTwilio } from './fake-twilio.js';

/** What Twilio is told to call back; deliberately not the host the tests send requests to. */
export const STATUS_URL = 'https://portal.example.com/api/2fa/sms/status';

export type PortalOptions = Pick<DemoConfig, 'sms' | 'verifier' | 'deliveryStatus' | 'dailySmsBudget' | 'onAlert' | 'policy'>;

/** `url`: a database to share between two portals, as two server instances would. */
export async function createPortal(options: PortalOptions & { url?: string; clock?: Clock }): Promise<Harness> {
  const { url = ':memory:', clock = new Clock(), ...config } = options;
  const { db, client } = await openLibsql(url);
  const { app, tf, outbox, store } = await createDemoApp({
    db,
    secret: SECRET,
    password: PASSWORD,
    production: false,
    hasher: pbkdf2Hasher({ iterations: 1_000 }),
    clock: clock.read,
    smsDomain: 'portal.test',
    ...config,
  });
  // Built by hand rather than with `createHarness` (which takes no sender); cast because the shared
  // harness type grows fields this portal does not need.
  const h = { app, tf, store, outbox, clock, client, close: async () => client.close(), browser: (ip = '203.0.113.7', host?: string) => new Browser(h, ip, host) } as Harness;
  return h;
}

/** A real `twilio()` client whose requests all go to the fake. */
export const sdkClient = (fake: FakeTwilio, options: { timeoutMs?: number; apiKey?: [string, string] } = {}) =>
  twilioClient({
    accountSid: ACCOUNT_SID,
    authToken: options.apiKey ? undefined : AUTH_TOKEN,
    apiKey: options.apiKey?.[0],
    apiSecret: options.apiKey?.[1],
    apiUrl: fake.url,
    timeoutMs: options.timeoutMs,
  });

/**
 * Sends a form-encoded status callback into the in-process app, signed (or not) for `STATUS_URL`;
 * `signatureSettings` is the `X-Twilio-Webhooks-Signature-Settings` of a SharedKey signature.
 */
export async function postStatus(h: Harness, body: Record<string, string> | string, signature: string | null, signatureSettings?: string) {
  const res = await h.app.request('http://portal.test/api/2fa/sms/status', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
      ...(signatureSettings === undefined ? {} : { 'x-twilio-webhooks-signature-settings': signatureSettings }),
    },
    body: typeof body === 'string' ? body : new URLSearchParams(body).toString(),
  });
  return { status: res.status, text: await res.text() };
}
