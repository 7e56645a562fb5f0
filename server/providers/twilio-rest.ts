/**
 * Twilio over `fetch` alone, for runtimes where the `twilio` SDK does not run (Cloudflare
 * Workers: the SDK needs `node:net`). Speaks the same REST API the SDK does: form-encoded POSTs
 * with HTTP Basic auth, JSON answers, the same error codes. No `node:` imports.
 *
 * ```ts
 * twilioRestSms({ accountSid: env.TWILIO_ACCOUNT_SID, apiKey: env.TWILIO_API_KEY, apiSecret: env.TWILIO_API_SECRET, messagingServiceSid: 'MG…' })
 * ```
 * @module
 */
import { SmsSendError, type SmsMessage, type SmsSender } from './sms.js';
import { errorFromResponse, failureLog, networkFailure, toSmsSendError, verifyCheckError, verifyCheckOutcome } from './twilio-errors.js';
import { twilioSender } from './twilio-sender.js';
import { CALL_RING_SECONDS, voiceCaller } from './twilio-voice.js';
import type { VoiceCall } from './voice.js';
import { validityPeriod } from './twilio-validity.js';
import type { CheckOutcome, CodeVerifier, VerificationCheck, VerificationStart } from './verifier.js';

export interface TwilioRestAuth {
  /** `AC…`: the account the messages belong to (part of the Messages URL). */
  accountSid: string;
  /** The account's Auth Token. Or give `apiKey` and `apiSecret` (recommended in production). */
  authToken?: string;
  /** `SK…`: an API key of the account. */
  apiKey?: string;
  apiSecret?: string;
  /** Give up after this long. A timeout may come after Twilio took the request, so it counts as sent (`unknown`). @default 10000 */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

export interface TwilioRestSmsOptions extends TwilioRestAuth {
  /** A Twilio number in E.164. Give this or `messagingServiceSid`. A message's own `from` or `messagingServiceSid` is used instead. */
  from?: string;
  /** `MG…`: Twilio picks the sender from the service's pool. */
  messagingServiceSid?: string;
  /** The public URL of the router's `POST /sms/status`; the same as the router's `deliveryStatus.url`. */
  statusCallback?: string;
  /** A Twilio-compatible endpoint instead of Twilio (a local fake, a staging mock). @default 'https://api.twilio.com' */
  baseUrl?: string;
  /**
   * The voice-capable Twilio number (E.164) that "Call me instead" calls from when a portal has
   * none of its own; by default `from`. A Messaging Service cannot place calls.
   */
  voiceFrom?: string;
}

export interface TwilioRestVerifyOptions extends TwilioRestAuth {
  /** `VA…`: the Verify v2 Service. */
  serviceSid: string;
  locale?: string;
  /** @default 'https://verify.twilio.com' */
  baseUrl?: string;
}

function basicAuth(who: string, auth: TwilioRestAuth): string {
  const user = auth.apiKey ?? auth.accountSid;
  const pass = auth.apiKey ? auth.apiSecret : auth.authToken;
  if (typeof auth.accountSid !== 'string' || !auth.accountSid.startsWith('AC')) {
    throw new Error(`cb-2fa ${who}: \`accountSid\` must be an account SID (AC…), not ${typeof auth.accountSid === 'string' ? JSON.stringify(auth.accountSid.slice(0, 4) + '…') : 'missing'}. Set it from the Twilio console (e.g. \`accountSid: env.TWILIO_ACCOUNT_SID\`), and make sure that variable is set.`);
  }
  if (!pass) {
    throw new Error(`cb-2fa ${who}: ${auth.apiKey ? '`apiKey` needs its `apiSecret`' : 'give `authToken`, or `apiKey` with `apiSecret`'}, so that requests can authenticate; if they come from environment variables (TWILIO_AUTH_TOKEN, TWILIO_API_SECRET), set them.`);
  }
  // SIDs and secrets are ASCII, so btoa needs no UTF-8 step.
  return `Basic ${btoa(`${user}:${pass}`)}`;
}

/** One form POST; returns the parsed JSON on 2xx, throws `TwilioHttpError` on a Twilio error and `SmsSendError` when no answer came. */
function poster(who: string, auth: TwilioRestAuth, baseUrl: string) {
  const authorization = basicAuth(who, auth);
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = auth.timeoutMs ?? 10_000;
  return async (path: string, form: Record<string, string | undefined>): Promise<Record<string, unknown>> => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v !== undefined) body.set(k, v);
    let res: Response;
    try {
      res = await (auth.fetch ?? fetch)(base + path, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw networkFailure(err);
    }
    if (!res.ok) throw await errorFromResponse(res);
    try {
      return (await res.json()) as Record<string, unknown>;
    } catch {
      // A 2xx was an acceptance; only its body is unreadable (or cut off).
      throw new SmsSendError('unknown', 'Twilio answered with something other than JSON');
    }
  };
}

const senderFields = (sender: ReturnType<typeof twilioSender>) =>
  'messagingServiceSid' in sender ? { MessagingServiceSid: sender.messagingServiceSid } : { From: sender.from };

/** Programmable Messaging over fetch: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`. */
export function twilioRestSms(options: TwilioRestSmsOptions): SmsSender {
  if (!options.from && !options.messagingServiceSid) throw new Error('cb-2fa twilioRestSms: give `from` (a Twilio number in E.164) or `messagingServiceSid` (MG…)');
  const post = poster('twilioRestSms', options, options.baseUrl ?? 'https://api.twilio.com');
  const logged = failureLog('twilioRestSms');
  const path = `/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const calls = `/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Calls.json`;
  const caller = voiceCaller('twilioRestSms', options);
  return {
    /** Programmable Voice: `POST /2010-04-01/Accounts/{AccountSid}/Calls.json` with the TwiML inline. */
    async call(call: VoiceCall) {
      try {
        const placed = await post(calls, { To: call.to, From: caller(call), Twiml: call.twiml, Timeout: String(CALL_RING_SECONDS) });
        return typeof placed.sid === 'string' ? { id: placed.sid } : {};
      } catch (err) {
        throw logged(toSmsSendError(err));
      }
    },
    async send(message: SmsMessage) {
      try {
        const sent = await post(path, {
          To: message.to,
          Body: message.body,
          ...senderFields(twilioSender(message, options)),
          StatusCallback: options.statusCallback,
          ValidityPeriod: String(validityPeriod(message)),
        });
        return typeof sent.sid === 'string' ? { id: sent.sid } : {};
      } catch (err) {
        throw logged(toSmsSendError(err));
      }
    },
  };
}

/** Twilio Verify over fetch: `POST /v2/Services/{ServiceSid}/Verifications` and `/VerificationCheck`. */
export function twilioRestVerify(options: TwilioRestVerifyOptions): CodeVerifier {
  if (typeof options.serviceSid !== 'string' || !options.serviceSid.startsWith('VA')) {
    throw new Error(`cb-2fa twilioRestVerify: \`serviceSid\` must be a Verify Service SID (VA…), not ${JSON.stringify(options.serviceSid)}. Find it in the Twilio console under Verify, Services.`);
  }
  const post = poster('twilioRestVerify', options, options.baseUrl ?? 'https://verify.twilio.com');
  const logged = failureLog('twilioRestVerify');
  const service = `/v2/Services/${encodeURIComponent(options.serviceSid)}`;
  return {
    resendsSameCode: true,
    async start({ to, channel, locale }: VerificationStart) {
      try {
        const v = await post(`${service}/Verifications`, { To: to, Channel: channel, Locale: locale ?? options.locale });
        return typeof v.sid === 'string' ? { id: v.sid } : {};
      } catch (err) {
        throw logged(toSmsSendError(err));
      }
    },
    async check({ to, code }: VerificationCheck): Promise<CheckOutcome> {
      let result: Record<string, unknown>;
      try {
        result = await post(`${service}/VerificationCheck`, { To: to, Code: code });
      } catch (err) {
        try {
          return verifyCheckError(err);
        } catch (failure) {
          throw logged(toSmsSendError(failure));
        }
      }
      return verifyCheckOutcome(result.status);
    },
  };
}
