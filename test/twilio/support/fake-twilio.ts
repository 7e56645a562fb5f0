/**
 * A local fake of the slice of Twilio's REST API we use, on 127.0.0.1: Programmable Messaging
 * (`POST /2010-04-01/Accounts/{Sid}/Messages.json`) and Verify v2 (`Verifications`,
 * `VerificationCheck`). It answers the way Twilio documents (form-encoded requests, Basic auth,
 * JSON bodies, `{ code, message, more_info, status }` errors), records every request for the
 * tests to inspect, and can be told to fail, stall or send status callbacks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

export const ACCOUNT_SID = 'AC' + 'a1'.repeat(16);
export const AUTH_TOKEN = 'fake-auth-token-0123456789abcdef';
export const API_KEY = 'SK' + 'b2'.repeat(16);
export const API_SECRET = 'fake-api-secret-0123456789abcdef';
export const VERIFY_SID = 'VA' + 'c3'.repeat(16);
export const MESSAGING_SERVICE_SID = 'MG' + 'd4'.repeat(16);
export const FROM = '+15005550006';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Basic auth user and password, decoded. */
  user: string | null;
  password: string | null;
  contentType: string | undefined;
  form: Record<string, string>;
}

export interface SentMessage {
  sid: string;
  to: string;
  body: string;
  from?: string;
  messagingServiceSid?: string;
  statusCallback?: string;
}

/** What the next matching request gets instead of success. */
export type Fault =
  | { kind: 'error'; status: number; code?: number; message?: string }
  /** A 502 page from a proxy: HTML, not JSON. */
  | { kind: 'html'; status: number }
  /** Never answers within the client's timeout. */
  | { kind: 'stall'; ms: number };

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');

export class FakeTwilio {
  readonly requests: RecordedRequest[] = [];
  readonly messages: SentMessage[] = [];
  /** Open verifications by phone: Twilio re-sends the same code while one is pending. */
  readonly verifications = new Map<string, { sid: string; code: string; checks: number; status: 'pending' | 'approved' | 'canceled' }>();
  /** Codes "delivered" by Verify, newest last, per phone. */
  readonly verifySends: Array<{ to: string; code: string; channel: string }> = [];
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
    this.messages.length = 0;
    this.verifySends.length = 0;
    this.verifications.clear();
    this.faults = [];
  }

  /** The code in the newest Messaging SMS to `to` (our text says `code is 123456`, and may end with `#123456`). */
  lastCode(to: string): string {
    const m = [...this.messages].reverse().find((x) => x.to === to);
    const code = m && /code is (\d{6})\b/.exec(m.body)?.[1];
    if (!code) throw new Error(`fake Twilio: no code SMS to ${to}`);
    return code;
  }

  /** The code Verify sent to `to` most recently. */
  verifyCode(to: string): string {
    const v = [...this.verifySends].reverse().find((x) => x.to === to);
    if (!v) throw new Error(`fake Twilio Verify: nothing sent to ${to}`);
    return v.code;
  }

  /**
   * Posts a status callback the way Twilio does: form-encoded, signed with the Auth Token over
   * `url` by the SDK's own `getExpectedTwilioSignature`.
   */
  async statusCallback(url: string, params: Record<string, string>, options: { target?: string; signature?: string | null; authToken?: string } = {}) {
    const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(options.authToken ?? AUTH_TOKEN, url, params) : options.signature;
    return fetch(options.target ?? url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
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
    const form = Object.fromEntries(new URLSearchParams(raw));
    this.requests.push({ method: req.method ?? '', path: url.pathname, user, password, contentType: req.headers['content-type'], form });

    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, code: number, message: string) => json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

    const faultAt = this.faults.findIndex((f) => f.path.test(url.pathname));
    if (faultAt >= 0) {
      const fault = this.faults.splice(faultAt, 1)[0]!.fault;
      if (fault.kind === 'stall') {
        await new Promise((r) => setTimeout(r, fault.ms));
        if (!res.destroyed) error(503, 20500, 'Service Unavailable');
        return;
      }
      if (fault.kind === 'html') {
        res.writeHead(fault.status, { 'content-type': 'text/html' });
        res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      }
      return error(fault.status, fault.code ?? fault.status, fault.message ?? 'fault injected by the test');
    }

    if (!this.credentials.some(([u, p]) => u === user && p === password)) return error(401, 20003, 'Authenticate');
    if (req.method !== 'POST') return error(405, 20004, 'Method not allowed');

    const messages = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    if (messages) {
      if (messages[1] !== ACCOUNT_SID) return error(404, 20404, 'The requested resource was not found');
      if (!form.To || !/^\+[1-9]\d{6,14}$/.test(form.To)) return error(400, 21211, "Invalid 'To' Phone Number");
      if (!form.Body) return error(400, 21602, 'Message body is required.');
      if (!form.From && !form.MessagingServiceSid) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required");
      const sid = 'SM' + hex(32);
      this.messages.push({ sid, to: form.To, body: form.Body, from: form.From, messagingServiceSid: form.MessagingServiceSid, statusCallback: form.StatusCallback });
      return json(201, {
        sid,
        account_sid: ACCOUNT_SID,
        to: form.To,
        from: form.From ?? null,
        messaging_service_sid: form.MessagingServiceSid ?? null,
        body: form.Body,
        status: form.MessagingServiceSid ? 'accepted' : 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        price: null,
        error_code: null,
        uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`,
      });
    }

    const verify = /^\/v2\/Services\/([^/]+)\/(Verifications|VerificationCheck)$/.exec(url.pathname);
    if (verify) {
      if (verify[1] !== VERIFY_SID) return error(404, 20404, 'The requested resource was not found');
      const to = form.To ?? '';
      if (verify[2] === 'Verifications') {
        if (!/^\+[1-9]\d{6,14}$/.test(to)) return error(400, 60200, 'Invalid parameter `To`');
        if (form.Channel !== 'sms') return error(400, 60200, 'Invalid parameter: Channel');
        let v = this.verifications.get(to);
        // Within the window a new start re-sends the same code (Twilio Verify's documented behaviour).
        if (!v || v.status !== 'pending') {
          v = { sid: 'VE' + hex(32), code: String(Math.floor(Math.random() * 1e6)).padStart(6, '0'), checks: 0, status: 'pending' };
          this.verifications.set(to, v);
        }
        this.verifySends.push({ to, code: v.code, channel: form.Channel });
        return json(201, { sid: v.sid, service_sid: VERIFY_SID, account_sid: ACCOUNT_SID, to, channel: 'sms', status: 'pending', valid: false, send_code_attempts: [] });
      }
      const v = this.verifications.get(to);
      if (!v || v.status !== 'pending') return error(404, 20404, 'The requested resource /Services/VerificationCheck was not found');
      v.checks++;
      if (form.Code === v.code) v.status = 'approved';
      // Verify allows 5 checks per verification; later ones find no open verification (404).
      else if (v.checks >= 5) v.status = 'canceled';
      return json(200, { sid: v.sid, service_sid: VERIFY_SID, account_sid: ACCOUNT_SID, to, channel: 'sms', status: v.status === 'approved' ? 'approved' : 'pending', valid: v.status === 'approved' });
    }

    return error(404, 20404, 'The requested resource was not found');
  }
}
