/**
 * Twilio through the official `twilio` SDK (Node and Bun; the SDK does not run on workerd, use
 * `twilio-rest.ts` there). Both functions take a client, not credentials, so hosts choose how to
 * authenticate (an API key is what Twilio recommends in production) and tests can pass a client
 * whose `httpClient` talks to a local fake:
 *
 * ```ts
 * import twilio from 'twilio';
 * const client = twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid: process.env.TWILIO_ACCOUNT_SID });
 * createTwoFactor({ sms: twilioSms({ client, messagingServiceSid: 'MG…', statusCallback: 'https://portal.example.com/api/2fa/sms/status' }), … });
 * createTwoFactor({ verifier: twilioVerify({ client, serviceSid: 'VA…' }), … });
 * ```
 *
 * The client types below are the few members we call, so any `twilio()` client fits and no SDK
 * types leak into ours.
 * @module
 */
import { SmsSendError, type SmsMessage, type SmsSender } from './sms.js';
import type { VoiceCall } from './voice.js';
import { CALL_RING_SECONDS, voiceCaller } from './twilio-voice.js';
import { failureLog, toSmsSendError, verifyCheckError, verifyCheckOutcome } from './twilio-errors.js';
import { twilioSender } from './twilio-sender.js';
import { validityPeriod } from './twilio-validity.js';
import type { CheckOutcome, CodeVerifier, VerificationCheck, VerificationStart } from './verifier.js';

export interface TwilioMessagesClient {
  messages: {
    create(params: {
      to: string;
      body: string;
      from?: string;
      messagingServiceSid?: string;
      statusCallback?: string;
      validityPeriod?: number;
    }): Promise<{ sid: string; status?: string }>;
  };
}

export interface TwilioCallsClient {
  calls: { create(params: { to: string; from: string; twiml: string; timeout?: number }): Promise<{ sid: string; status?: string }> };
}

export interface TwilioVerifyClient {
  verify: {
    v2: {
      services(sid: string): {
        verifications: { create(params: { to: string; channel: string; locale?: string }): Promise<{ sid: string; status?: string }> };
        verificationChecks: { create(params: { to?: string; code?: string }): Promise<{ status?: string | null; valid?: boolean | null }> };
      };
    };
  };
}

export interface TwilioSmsOptions {
  /** A `twilio()` client; it also places the calls of "Call me instead" (`calls.create`). */
  client: TwilioMessagesClient & Partial<TwilioCallsClient>;
  /**
   * A Twilio number in E.164 (`+15005550006`). Give this or `messagingServiceSid`. A message's
   * own `from` or `messagingServiceSid` (a portal's sender) is used instead.
   */
  from?: string;
  /** A Messaging Service (`MG…`): Twilio picks the sender from its pool, and its compliance settings apply. */
  messagingServiceSid?: string;
  /**
   * The public URL of the router's `POST /sms/status` (e.g. `https://portal.example.com/api/2fa/sms/status`).
   * Give the router the same URL as `deliveryStatus.url`: the signature is checked against it.
   */
  statusCallback?: string;
  /**
   * The voice-capable Twilio number (E.164) that "Call me instead" calls from, when a portal has
   * no number of its own. By default `from`. A Messaging Service cannot place calls: with only
   * `messagingServiceSid`, give this to offer calls.
   */
  voiceFrom?: string;
}

/**
 * A `twilio()` client made without credentials (`twilio(process.env.TWILIO_ACCOUNT_SID, …)` with
 * the variables unset) is created without complaint, and then fails every request with "username
 * is required": refused here, when the server starts. Other clients (fakes, wrappers) are taken as
 * they are.
 */
function checkClient(who: string, client: unknown): void {
  if (!client || typeof client !== 'object') throw new Error(`cb-2fa ${who}: \`client\` is missing. Pass \`client: twilio(apiKeySid, apiKeySecret, { accountSid })\` (or \`twilio(accountSid, authToken)\`).`);
  const c = client as { username?: unknown; password?: unknown; credentialProvider?: unknown };
  if (!('username' in c) || c.credentialProvider) return;
  if (!c.username || !c.password) {
    throw new Error(
      `cb-2fa ${who}: the Twilio \`client\` has no ${c.username ? 'password (Auth Token or API key secret)' : 'credentials'}, so every send would fail. ` +
        'Pass them to twilio(): twilio(apiKeySid, apiKeySecret, { accountSid }) or twilio(accountSid, authToken); called without them, it reads TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, which are not set here.',
    );
  }
}

/** Sends our code messages through Programmable Messaging: our server generates and checks the codes. */
export function twilioSms(options: TwilioSmsOptions): SmsSender {
  checkClient('twilioSms', options.client);
  if (!options.from && !options.messagingServiceSid) throw new Error('cb-2fa twilioSms: give `from` (a Twilio number in E.164) or `messagingServiceSid` (MG…)');
  if (options.messagingServiceSid && !options.messagingServiceSid.startsWith('MG')) throw new Error(`cb-2fa twilioSms: \`messagingServiceSid\` must be a Messaging Service SID (MG…), not ${JSON.stringify(options.messagingServiceSid)}`);
  const { client, from, messagingServiceSid, statusCallback } = options;
  const logged = failureLog('twilioSms');
  const caller = voiceCaller('twilioSms', options);
  return {
    async call(call: VoiceCall) {
      try {
        if (!client.calls) throw new SmsSendError('refused', 'cb-2fa twilioSms: the client has no `calls` (Programmable Voice); pass a twilio() client');
        const placed = await client.calls.create({ to: call.to, from: caller(call), twiml: call.twiml, timeout: CALL_RING_SECONDS });
        return { id: placed.sid };
      } catch (err) {
        throw logged(toSmsSendError(err));
      }
    },
    async send(message: SmsMessage) {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          ...twilioSender(message, { from, messagingServiceSid }),
          ...(statusCallback ? { statusCallback } : {}),
          validityPeriod: validityPeriod(message),
        });
        return { id: sent.sid };
      } catch (err) {
        throw logged(toSmsSendError(err));
      }
    },
  };
}

export interface TwilioVerifyOptions {
  client: TwilioVerifyClient;
  /** The Verify v2 Service (`VA…`). Its settings (code length, friendly name, template) shape the SMS. */
  serviceSid: string;
  /** Message language; by default Twilio picks it from the number's country. */
  locale?: string;
}

/**
 * Twilio Verify sends and checks the codes. Within a verification's validity window (10 minutes
 * by default) a repeated start re-sends the same code, so `resendsSameCode` is true.
 */
export function twilioVerify(options: TwilioVerifyOptions): CodeVerifier {
  checkClient('twilioVerify', options.client);
  if (typeof options.serviceSid !== 'string' || !options.serviceSid.startsWith('VA')) {
    throw new Error(`cb-2fa twilioVerify: \`serviceSid\` must be a Verify Service SID (VA…), not ${JSON.stringify(options.serviceSid)}. Find it in the Twilio console under Verify, Services.`);
  }
  const service = () => options.client.verify.v2.services(options.serviceSid);
  const logged = failureLog('twilioVerify');
  return {
    resendsSameCode: true,
    async start({ to, channel, locale }: VerificationStart) {
      try {
        const v = await service().verifications.create({ to, channel, ...((locale ?? options.locale) ? { locale: locale ?? options.locale } : {}) });
        return { id: v.sid };
      } catch (err) {
        throw logged(toSmsSendError(err));
      }
    },
    async check({ to, code }: VerificationCheck): Promise<CheckOutcome> {
      let result: { status?: string | null };
      try {
        result = await service().verificationChecks.create({ to, code });
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
