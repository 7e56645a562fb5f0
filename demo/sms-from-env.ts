/**
 * The demo's SMS configuration from the environment: the dev outbox when no Twilio account is
 * set, otherwise Twilio through the official SDK, in one of two modes.
 *
 * | env | meaning |
 * | --- | --- |
 * | `TWILIO_ACCOUNT_SID` | `AC…`; turns Twilio on |
 * | `TWILIO_AUTH_TOKEN` | the account's Auth Token; also the key Twilio signs status callbacks with |
 * | `TWILIO_WEBHOOK_SHARED_KEY_SECRET` | the secret of a SharedKey a Webhook Rule signs the status callbacks with instead |
 * | `TWILIO_API_KEY`, `TWILIO_API_SECRET` | an API key (`SK…`) for the API calls instead of the Auth Token |
 * | `TWILIO_VERIFY_SERVICE_SID` | `VA…`: Verify mode (Twilio makes, sends and checks the codes) |
 * | `TWILIO_MESSAGING_SERVICE_SID` | `MG…`: Messaging mode through a Messaging Service |
 * | `TWILIO_FROM` | Messaging mode from one Twilio number (E.164) |
 * | `TWILIO_VOICE_FROM` | the voice-capable number "Call me instead" calls from (default `TWILIO_FROM`; a Messaging Service cannot call) |
 * | `TWILIO_API_URL` | send every Twilio request to this Twilio-compatible endpoint (a local fake, a staging mock) |
 * | `PUBLIC_URL` | where Twilio reaches this server (`https://portal.example.com`); turns on delivery status |
 * | `SMS_DAILY_BUDGET` | SMS per UTC day for the whole portal (default 1000) |
 * @module
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { DeliveryStatusOptions, SmsSender } from '../server/index.js';
import { SMS_STATUS_PATH } from '../server/index.js';
import { twilioSms, twilioVerify } from '../server/providers/twilio.js';
import type { CodeVerifier } from '../server/providers/verifier.js';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

export interface SmsFromEnv {
  sms?: SmsSender;
  verifier?: CodeVerifier;
  deliveryStatus?: DeliveryStatusOptions;
  dailySmsBudget?: number;
  /** One line for the start-up log; never contains a secret. */
  describe: string;
}

/**
 * The SDK's HTTP client with every request sent to `baseUrl` instead of `https://*.twilio.com`,
 * path and query kept. The SDK builds absolute URLs per product (api., verify.), so the host is
 * the only thing to swap.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options?: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const target = new URL(opts.uri);
    const base = this.baseUrl.replace(/\/+$/, '');
    return super.request<TData>({ ...opts, uri: base + target.pathname + target.search });
  }
}

export interface TwilioClientEnv {
  accountSid: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
  /** A Twilio-compatible endpoint instead of Twilio. */
  apiUrl?: string;
  /** Request timeout of the SDK's HTTP client (ms). @default 30000, the SDK's own */
  timeoutMs?: number;
}

/** A `twilio()` client from credentials: an API key when given (Twilio's advice), else the Auth Token. */
export function twilioClient(c: TwilioClientEnv): twilio.Twilio {
  if (!c.accountSid.startsWith('AC')) throw new Error('TWILIO_ACCOUNT_SID must be an account SID (AC…)');
  const httpClient = c.apiUrl ? new RedirectingRequestClient(c.apiUrl, c.timeoutMs ? { timeout: c.timeoutMs } : undefined) : undefined;
  if (c.apiKey || c.apiSecret) {
    if (!c.apiKey || !c.apiSecret) throw new Error('Set both TWILIO_API_KEY and TWILIO_API_SECRET');
    return twilio(c.apiKey, c.apiSecret, { accountSid: c.accountSid, httpClient });
  }
  if (!c.authToken) throw new Error('Set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET');
  return twilio(c.accountSid, c.authToken, { httpClient });
}

/**
 * Reads the env. Returns null when no Twilio account is set (the demo then uses its outbox);
 * throws with a plain message when the configuration is incomplete, so a misconfigured
 * deployment fails at start and not at the first login.
 */
export function smsFromEnv(env: Record<string, string | undefined> = process.env, mountPath = '/api/2fa'): SmsFromEnv | null {
  const accountSid = env.TWILIO_ACCOUNT_SID?.trim();
  const budget = env.SMS_DAILY_BUDGET ? Number(env.SMS_DAILY_BUDGET) : undefined;
  if (budget !== undefined && !(Number.isInteger(budget) && budget > 0)) throw new Error('SMS_DAILY_BUDGET must be a positive integer');
  if (!accountSid) return null;
  const client = twilioClient({
    accountSid,
    authToken: env.TWILIO_AUTH_TOKEN,
    apiKey: env.TWILIO_API_KEY,
    apiSecret: env.TWILIO_API_SECRET,
    apiUrl: env.TWILIO_API_URL,
  });

  // Callbacks are signed with the Auth Token (or a SharedKey), so delivery status needs one of
  // them even in API-key mode.
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
  const statusUrl = publicUrl ? `${publicUrl}${mountPath}${SMS_STATUS_PATH}` : undefined;
  const authToken = env.TWILIO_AUTH_TOKEN || undefined;
  const sharedKeySecret = env.TWILIO_WEBHOOK_SHARED_KEY_SECRET || undefined;
  const deliveryStatus: DeliveryStatusOptions | undefined =
    statusUrl && (authToken || sharedKeySecret) ? { url: statusUrl, ...(authToken ? { authToken } : {}), ...(sharedKeySecret ? { sharedKeySecret } : {}) } : undefined;
  const where = env.TWILIO_API_URL ? ` via ${env.TWILIO_API_URL}` : '';

  const verifySid = env.TWILIO_VERIFY_SERVICE_SID?.trim();
  if (verifySid) {
    // Verify has no per-message status callback; its delivery events come through Event Streams.
    return { verifier: twilioVerify({ client, serviceSid: verifySid }), dailySmsBudget: budget, describe: `Twilio Verify ${verifySid}${where}` };
  }
  const messagingServiceSid = env.TWILIO_MESSAGING_SERVICE_SID?.trim();
  const from = env.TWILIO_FROM?.trim();
  if (!messagingServiceSid && !from) throw new Error('Set TWILIO_FROM, TWILIO_MESSAGING_SERVICE_SID or TWILIO_VERIFY_SERVICE_SID');
  // A Messaging Service cannot place calls: calls come from a number (TWILIO_VOICE_FROM, else TWILIO_FROM).
  const voiceFrom = env.TWILIO_VOICE_FROM?.trim() || (messagingServiceSid ? from : undefined) || undefined;
  const sms = twilioSms({
    client,
    ...(messagingServiceSid ? { messagingServiceSid } : { from }),
    ...(voiceFrom ? { voiceFrom } : {}),
    ...(deliveryStatus ? { statusCallback: deliveryStatus.url } : {}),
  });
  const sender = messagingServiceSid ? `Messaging Service ${messagingServiceSid}` : `from ${from}`;
  return {
    sms,
    deliveryStatus,
    dailySmsBudget: budget,
    describe: `Twilio Messaging ${sender}${where}${deliveryStatus ? `, delivery status at ${deliveryStatus.url}` : ''}`,
  };
}
