/**
 * A local fake of the slice of Twilio's REST API we use, on 127.0.0.1: Programmable Messaging
 * (`POST /2010-04-01/Accounts/{Sid}/Messages.json`), Programmable Voice (`Calls.json` with inline
 * `Twiml`, for "Call me instead") and Verify v2 (`Verifications` with `Channel` `sms` or `call`,
 * `VerificationCheck`). It answers the way Twilio documents (form-encoded requests, Basic auth,
 * JSON bodies with every field of the OpenAPI response schema, `{ code, message, more_info,
 * status }` errors), records every exchange for the tests to inspect and to hold against the
 * OpenAPI specs, and can be told to fail, stall, hang up or send status callbacks.
 *
 * Verify is as strict as Twilio's: a verification lives 10 minutes, a start within them re-sends
 * the same code (at most 5 sends, then 429 / 60203), it takes 5 checks (then 429 / 60202), and a
 * check of an approved, expired or unknown verification is a 404 (20404).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { codeFromText } from '../../../server/providers/sms.js';
import { codeFromTwiml } from '../../../server/providers/voice.js';

export const ACCOUNT_SID = 'AC' + 'a1'.repeat(16);
export const AUTH_TOKEN = 'fake-auth-token-0123456789abcdef';
export const API_KEY = 'SK' + 'b2'.repeat(16);
export const API_SECRET = 'fake-api-secret-0123456789abcdef';
export const VERIFY_SID = 'VA' + 'c3'.repeat(16);
export const MESSAGING_SERVICE_SID = 'MG' + 'd4'.repeat(16);
export const FROM = '+15005550006';

/** Verify's defaults (twilio.com/docs/verify/api/rate-limits-and-timeouts). */
export const VERIFY_WINDOW_MS = 10 * 60_000;
export const VERIFY_MAX_SENDS = 5;
export const VERIFY_MAX_CHECKS = 5;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Basic auth user and password, decoded. */
  user: string | null;
  password: string | null;
  contentType: string | undefined;
  form: Record<string, string>;
}

/** A request and what the fake answered; `body` is null when no JSON went back. */
export interface Exchange {
  method: string;
  path: string;
  /** Every form field as sent, repeated names included. */
  fields: Array<[string, string]>;
  status: number | null;
  body: unknown;
  /** Answered by a fault a test injected, not by the fake's model of Twilio. */
  injected: boolean;
}

export interface SentMessage {
  sid: string;
  to: string;
  body: string;
  from?: string;
  messagingServiceSid?: string;
  statusCallback?: string;
  validityPeriod?: number;
}

export interface PlacedCall {
  sid: string;
  to: string;
  from: string;
  twiml: string;
  timeout?: number;
}

/** What the next matching request gets instead of success. */
export type Fault =
  | { kind: 'error'; status: number; code?: number; message?: string }
  /** A 502 page from a proxy: HTML, not JSON. */
  | { kind: 'html'; status: number }
  /** Never answers within the client's timeout. */
  | { kind: 'stall'; ms: number }
  /** Does what the request asks (the SMS goes out), then drops the connection instead of answering. */
  | { kind: 'reset' }
  /** Answers this status and JSON body as it is. */
  | { kind: 'json'; status: number; body: unknown };

export interface Verification {
  sid: string;
  code: string;
  createdAt: number;
  sends: number;
  checks: number;
  status: 'pending' | 'approved' | 'canceled' | 'expired';
}

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const E164 = /^\+[1-9]\d{6,14}$/;
const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class FakeTwilio {
  readonly requests: RecordedRequest[] = [];
  readonly exchanges: Exchange[] = [];
  readonly messages: SentMessage[] = [];
  readonly calls: PlacedCall[] = [];
  /** The newest verification per phone. */
  readonly verifications = new Map<string, Verification>();
  /** Codes "delivered" by Verify, newest last, per phone. */
  readonly verifySends: Array<{ to: string; code: string; channel: string }> = [];
  /** Twilio's clock, for the Verify window; tests point it at their own. */
  now: () => number = Date.now;
  private faults: Array<{ path: RegExp; fault: Fault }> = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly credentials: Array<[string, string]> = [[ACCOUNT_SID, AUTH_TOKEN], [API_KEY, API_SECRET]]) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next request whose path matches gets `fault` (once). */
  failNext(path: RegExp, fault: Fault): void {
    this.faults.push({ path, fault });
  }

  reset(): void {
    this.requests.length = 0;
    this.exchanges.length = 0;
    this.messages.length = 0;
    this.calls.length = 0;
    this.verifySends.length = 0;
    this.verifications.clear();
    this.faults = [];
    this.now = Date.now;
  }

  /** The code in the newest Messaging SMS to `to` (from its WebOTP line `#123456`, or its text in any locale without one). */
  lastCode(to: string): string {
    const m = [...this.messages].reverse().find((x) => x.to === to);
    const code = m && codeFromText(m.body);
    if (!code) throw new Error(`fake Twilio: no code SMS to ${to}`);
    return code;
  }

  /** The code the newest call to `to` read out. */
  callCode(to: string): string {
    const c = [...this.calls].reverse().find((x) => x.to === to);
    const code = c && codeFromTwiml(c.twiml);
    if (!code) throw new Error(`fake Twilio: no code call to ${to}`);
    return code;
  }

  /** The code Verify sent to `to` most recently. */
  verifyCode(to: string): string {
    const v = [...this.verifySends].reverse().find((x) => x.to === to);
    if (!v) throw new Error(`fake Twilio Verify: nothing sent to ${to}`);
    return v.code;
  }

  /**
   * Posts a status callback the way Twilio does: form-encoded, signed by the SDK's own
   * `getExpectedTwilioSignature` over `url`, with the Auth Token, or with a SharedKey's secret
   * and the settings header when `sharedKey` is given.
   */
  async statusCallback(
    url: string,
    params: Record<string, string>,
    options: { target?: string; signature?: string | null; authToken?: string; sharedKey?: { id: string; secret: string; algorithm: 'HMAC_SHA1' | 'HMAC_SHA256' } } = {},
  ) {
    const { sharedKey } = options;
    const signature =
      options.signature === undefined
        ? sharedKey
          ? twilio.getExpectedTwilioSignature(sharedKey.secret, url, params, sharedKey.algorithm)
          : twilio.getExpectedTwilioSignature(options.authToken ?? AUTH_TOKEN, url, params)
        : options.signature;
    return fetch(options.target ?? url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signature === null ? {} : { 'x-twilio-signature': signature }),
        ...(sharedKey ? { 'x-twilio-webhooks-signature-settings': `key=${sharedKey.id},algorithm=${sharedKey.algorithm}` } : {}),
      },
      body: new URLSearchParams(params).toString(),
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [user = null, password = null] = auth ? Buffer.from(auth, 'base64').toString('utf8').split(':') : [];
    const fields = [...new URLSearchParams(raw)];
    const form = Object.fromEntries(fields);
    this.requests.push({ method: req.method ?? '', path: url.pathname, user, password, contentType: req.headers['content-type'], form });
    const exchange: Exchange = { method: req.method ?? '', path: url.pathname, fields, status: null, body: null, injected: false };
    this.exchanges.push(exchange);

    let dropAnswer = false;
    const json = (status: number, body: unknown) => {
      exchange.status = status;
      exchange.body = body;
      if (dropAnswer) {
        req.socket.destroy();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, code: number, message: string) => json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

    const faultAt = this.faults.findIndex((f) => f.path.test(url.pathname));
    const fault = faultAt >= 0 ? this.faults.splice(faultAt, 1)[0]!.fault : undefined;
    if (fault?.kind === 'reset') dropAnswer = true;
    else if (fault) {
      exchange.injected = true;
      if (fault.kind === 'stall') {
        await new Promise((r) => setTimeout(r, fault.ms));
        if (!res.destroyed) error(503, 20500, 'Service Unavailable');
        return;
      }
      if (fault.kind === 'html') {
        exchange.status = fault.status;
        res.writeHead(fault.status, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      }
      if (fault.kind === 'json') return json(fault.status, fault.body);
      return error(fault.status, fault.code ?? fault.status, fault.message ?? 'fault injected by the test');
    }

    if (!this.credentials.some(([u, p]) => u === user && p === password)) return error(401, 20003, 'Authenticate');
    if (req.method !== 'POST') return error(405, 20004, 'Method not allowed');
    const now = this.now();

    const messages = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    if (messages) {
      if (messages[1] !== ACCOUNT_SID) return error(404, 20404, 'The requested resource was not found');
      if (!form.To || !E164.test(form.To)) return error(400, 21211, "Invalid 'To' Phone Number");
      if (!form.Body) return error(400, 21602, 'Message body is required.');
      if (!form.From && !form.MessagingServiceSid) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required");
      const validity = form.ValidityPeriod === undefined ? undefined : Number(form.ValidityPeriod);
      if (validity !== undefined && !(Number.isInteger(validity) && validity >= 1 && validity <= 36_000)) return error(400, 21624, 'Invalid validity period value');
      const sid = 'SM' + hex(32);
      this.messages.push({ sid, to: form.To, body: form.Body, from: form.From, messagingServiceSid: form.MessagingServiceSid, statusCallback: form.StatusCallback, validityPeriod: validity });
      const uri = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`;
      return json(201, {
        account_sid: ACCOUNT_SID,
        api_version: '2010-04-01',
        body: form.Body,
        date_created: rfc2822(now),
        date_sent: null,
        date_updated: rfc2822(now),
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: form.From ?? null,
        messaging_service_sid: form.MessagingServiceSid ?? null,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        sid,
        status: form.MessagingServiceSid ? 'accepted' : 'queued',
        subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
        to: form.To,
        uri,
      });
    }

    const calls = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/.exec(url.pathname);
    if (calls) {
      if (calls[1] !== ACCOUNT_SID) return error(404, 20404, 'The requested resource was not found');
      if (!form.To || !E164.test(form.To)) return error(400, 21211, "Invalid 'To' Phone Number");
      // A Messaging Service is no caller: Twilio wants a voice-capable number of the account.
      if (!form.From || !E164.test(form.From)) return error(400, 21212, "Invalid 'From' Phone Number");
      if (!form.Twiml && !form.Url && !form.ApplicationSid) return error(400, 21205, 'Url parameter is required.');
      if (form.Twiml && !/^(<\?xml[^>]*\?>)?<Response>[\s\S]*<\/Response>$/.test(form.Twiml)) return error(400, 21205, 'Invalid TwiML');
      const timeout = form.Timeout === undefined ? undefined : Number(form.Timeout);
      const sid = 'CA' + hex(32);
      this.calls.push({ sid, to: form.To, from: form.From, twiml: form.Twiml ?? '', timeout });
      const uri = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}.json`;
      return json(201, {
        sid,
        date_created: rfc2822(now),
        date_updated: rfc2822(now),
        parent_call_sid: null,
        account_sid: ACCOUNT_SID,
        to: form.To,
        to_formatted: form.To,
        from: form.From,
        from_formatted: form.From,
        phone_number_sid: 'PN' + hex(32),
        status: 'queued',
        start_time: null,
        end_time: null,
        duration: null,
        price: null,
        price_unit: 'USD',
        direction: 'outbound-api',
        answered_by: null,
        api_version: '2010-04-01',
        forwarded_from: null,
        group_sid: null,
        caller_name: null,
        queue_time: '0',
        trunk_sid: null,
        uri,
        subresource_uris: { notifications: uri.replace(/\.json$/, '/Notifications.json'), recordings: uri.replace(/\.json$/, '/Recordings.json') },
      });
    }

    const verify = /^\/v2\/Services\/([^/]+)\/(Verifications|VerificationCheck)$/.exec(url.pathname);
    if (verify) {
      if (verify[1] !== VERIFY_SID) return error(404, 20404, 'The requested resource was not found');
      const to = form.To ?? '';
      const open = this.openVerification(to, now);
      const resource = (v: Verification) => ({
        sid: v.sid,
        service_sid: VERIFY_SID,
        account_sid: ACCOUNT_SID,
        to,
        channel: form.Channel === 'call' ? 'call' : 'sms',
        status: v.status,
        valid: v.status === 'approved',
        amount: null,
        payee: null,
        date_created: iso(v.createdAt),
        date_updated: iso(now),
      });

      if (verify[2] === 'Verifications') {
        if (!E164.test(to)) return error(400, 60200, 'Invalid parameter `To`');
        if (form.Channel !== 'sms' && form.Channel !== 'call') return error(400, 60200, 'Invalid parameter: Channel');
        let v = open;
        if (v) {
          // Within its window a verification re-sends its code, at most 5 times in all.
          if (v.sends >= VERIFY_MAX_SENDS) return error(429, 60203, 'Max send attempts reached');
          v.sends++;
        } else {
          v = { sid: 'VE' + hex(32), code: String(Math.floor(Math.random() * 1e6)).padStart(6, '0'), createdAt: now, sends: 1, checks: 0, status: 'pending' };
          this.verifications.set(to, v);
        }
        this.verifySends.push({ to, code: v.code, channel: form.Channel });
        const attempts = Array.from({ length: v.sends }, (_, i) => ({ attempt_sid: 'VL' + hex(32), channel: form.Channel, time: iso(i === v!.sends - 1 ? now : v!.createdAt) }));
        return json(201, { ...resource(v), lookup: {}, send_code_attempts: attempts, sna: null, url: `https://verify.twilio.com/v2/Services/${VERIFY_SID}/Verifications/${v.sid}` });
      }

      if (!open) return error(404, 20404, `The requested resource /Services/${VERIFY_SID}/VerificationCheck was not found`);
      if (open.checks >= VERIFY_MAX_CHECKS) return error(429, 60202, 'Max check attempts reached');
      open.checks++;
      if (form.Code === open.code) open.status = 'approved';
      return json(200, { ...resource(open), sna_attempts_error_codes: [] });
    }

    return error(404, 20404, 'The requested resource was not found');
  }

  /** The pending verification of `to`, after closing it if its window has passed. */
  private openVerification(to: string, now: number): Verification | undefined {
    const v = this.verifications.get(to);
    if (v?.status === 'pending' && now >= v.createdAt + VERIFY_WINDOW_MS) v.status = 'expired';
    return v?.status === 'pending' ? v : undefined;
  }
}
