/**
 * What sits around a provider: the global daily SMS budget against SMS pumping, delivery status
 * from signed callbacks, and the optional `CodeVerifier` (Twilio Verify). Runtime-agnostic.
 * @module
 */
import { CbError } from '../errors.js';
import { maskPhone } from '../phone.js';
import { formParams, signatureAlgorithm, validateTwilioSignature } from '../providers/twilio-signature.js';
import type { CodeVerifier } from '../providers/verifier.js';
import type { ContactDto, DeliveryDto, DeliveryResponse } from '../../protocol/dto.js';
import type { DeliveryStatus, Session, SmsDelivery } from '../store/store.js';
import type { Deps } from './deps.js';

export interface TwoFactorAlert {
  type: 'sms_budget_warning' | 'sms_budget_exceeded';
  /** A portal's own budget, or the platform's across all portals. */
  scope: 'portal' | 'platform';
  /** The portal whose send reached the budget (for `platform`, the one that tipped it). */
  portalId: string;
  portalName: string;
  /** The UTC day the budget counts (`2026-01-05`). */
  day: string;
  budget: number;
  /** Sends counted today, the refused ones included. */
  count: number;
  at: number;
}

export interface DeliveryStatusOptions {
  /**
   * The exact public URL Twilio posts status callbacks to, the same string given to the sender
   * as `statusCallback` (e.g. `https://portal.example.com/api/2fa/sms/status`). The signature
   * covers it, so a proxy that changes scheme, host or path does not matter: we never look at the
   * URL the request arrived at.
   */
  url: string;
  /** The account's Auth Token: Twilio signs callbacks with it even when we call the API with an API key. */
  authToken?: string;
  /**
   * The secret of the SharedKey that a Twilio Webhook Rule signs this URL's callbacks with (they
   * carry `X-Twilio-Webhooks-Signature-Settings`). Several while a key is being rotated. Give
   * this, `authToken`, or both.
   */
  sharedKeySecret?: string | readonly string[];
}

/** The sending options of `createTwoFactor`, as the services see them. */
export interface Sending {
  verifier?: CodeVerifier;
  delivery?: DeliveryStatusOptions;
  /** SMS a UTC day may send in total; null for no budget. */
  dailyBudget: number | null;
  onAlert: (alert: TwoFactorAlert) => void | Promise<void>;
}


/** The share of the budget at which a warning goes out before sending stops. */
const WARNING_SHARE = 0.8;

const defaultAlert = (alert: TwoFactorAlert) => {
  const whose = alert.scope === 'platform' ? 'the platform' : `portal ${alert.portalId} (${alert.portalName})`;
  console.warn(`cb-2fa: ${alert.type} for ${whose} — ${alert.count} of ${alert.budget} SMS on ${alert.day} (UTC)`);
};

/**
 * SMS a UTC day may send across the whole portal. A portal's real traffic is a few SMS per active
 * user a day; a pumping attack is thousands. Raise it to a few times your busiest day.
 */
export const DEFAULT_DAILY_SMS_BUDGET = 1000;

/** Where the router takes Twilio's status callbacks, relative to its mount point. */
export const SMS_STATUS_PATH = '/sms/status';
/** Where the confirm / verify step asks whether its SMS was delivered. */
export const DELIVERY_PATH = '/delivery';

export function resolveSending(options: {
  verifier?: CodeVerifier;
  deliveryStatus?: DeliveryStatusOptions;
  dailySmsBudget?: number | null;
  onAlert?: Sending['onAlert'];
}): Sending {
  const budget = options.dailySmsBudget === undefined ? DEFAULT_DAILY_SMS_BUDGET : options.dailySmsBudget;
  if (budget !== null && (!Number.isInteger(budget) || budget < 1)) throw new Error('cb-2fa: dailySmsBudget must be a positive integer or null');
  if (options.deliveryStatus && !/^https?:\/\//.test(options.deliveryStatus.url)) throw new Error('cb-2fa: deliveryStatus.url must be the absolute URL given to Twilio');
  if (options.deliveryStatus && !options.deliveryStatus.authToken && sharedKeySecrets(options.deliveryStatus).length === 0) {
    throw new Error('cb-2fa: deliveryStatus needs the Auth Token (`authToken`) or a SharedKey secret (`sharedKeySecret`) to check callbacks');
  }
  return { verifier: options.verifier, delivery: options.deliveryStatus, dailyBudget: budget, onAlert: options.onAlert ?? defaultAlert };
}

const DAY_MS = 86_400_000;

/**
 * Counts one send against today's budget, in the database (one atomic `hit`, shared by every
 * instance). Over budget: audits, alerts once (the first send over it), and throws. Returns the
 * refund for a send that then fails. A refused send is not refunded, so the count keeps telling
 * how much was attempted and the alert fires once a day, not once a request.
 */
export async function takeBudget(d: Deps, audit: { at: number; actorId: string | null; subjectId: string | null; ip: string | null }): Promise<() => Promise<void>> {
  const refunds: (() => Promise<void>)[] = [];
  const refundAll = async () => {
    for (const refund of refunds) await refund();
  };
  try {
    // The portal's own budget first, then the platform's: a portal that pumps stops at its own.
    const portal = d.sending?.dailyBudget ?? null;
    if (portal !== null) refunds.push(await takeOne(d, audit, 'portal', portal));
    if (d.platformDailySmsBudget !== null) refunds.push(await takeOne(d, audit, 'platform', d.platformDailySmsBudget));
  } catch (err) {
    await refundAll();
    throw err;
  }
  return refundAll;
}

async function takeOne(d: Deps, audit: { at: number; actorId: string | null; subjectId: string | null; ip: string | null }, scope: 'portal' | 'platform', budget: number) {
  const now = d.clock();
  const day = new Date(now).toISOString().slice(0, 10);
  const key = await d.hmac.sign(scope === 'portal' ? `limit:send.budget:${d.store.portalId}:${day}` : `limit:send.platform:${day}`);
  // The window outlives the day a little; the day in the key is what starts a new budget.
  const counter = await d.store.hit(key, DAY_MS, now, false);
  const portalId = d.store.portalId;
  const alert = (type: TwoFactorAlert['type']) => notify(d, { type, scope, portalId, portalName: d.portal.name, day, budget, count: counter.count, at: now });
  if (counter.count > budget) {
    if (counter.count === budget + 1) {
      await d.store.audit({ ...audit, type: 'sms.budget_exceeded', detail: { day, budget, scope } });
      await alert('sms_budget_exceeded');
    }
    const midnight = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1);
    throw new CbError('sms_failed', 'Text messages are paused for this portal. Try again later or contact support.', { retryAfter: Math.max(1, Math.ceil((midnight - now) / 1000)) }, 503);
  }
  if (counter.count === Math.ceil(budget * WARNING_SHARE)) {
    await d.store.audit({ ...audit, type: 'sms.budget_warning', detail: { day, budget, count: counter.count, scope } });
    await alert('sms_budget_warning');
  }
  return () => d.store.refund(key);
}

/** The host's hook must not turn a refused send into a 500, nor hold the request on its errors. */
async function notify(d: Deps, alert: TwoFactorAlert) {
  try {
    await d.sending?.onAlert(alert);
  } catch (err) {
    console.error('cb-2fa: onAlert failed', err instanceof Error ? err.message : 'unknown');
  }
}

const sharedKeySecrets = (delivery: DeliveryStatusOptions): string[] =>
  (typeof delivery.sharedKeySecret === 'string' ? [delivery.sharedKeySecret] : [...(delivery.sharedKeySecret ?? [])]).filter((s) => s !== '');

let warnedNoSharedKey = false;

/**
 * The secrets a callback may be signed with. Like twilio-node: with the settings header, the
 * SharedKey's; without it, the Auth Token. The header is not signed, but naming the wrong kind of
 * key only picks another secret the signature must still match.
 */
function signingSecrets(delivery: DeliveryStatusOptions, settingsHeader: string | undefined): string[] {
  if (!settingsHeader) return delivery.authToken ? [delivery.authToken] : [];
  const secrets = sharedKeySecrets(delivery);
  if (secrets.length === 0 && !warnedNoSharedKey) {
    // Once per process: the header is the sender's to choose, and must not flood the log.
    warnedNoSharedKey = true;
    console.warn('cb-2fa: a status callback signed with a Twilio SharedKey was refused: set deliveryStatus.sharedKeySecret');
  }
  return secrets;
}

/** Twilio's MessageStatus values, in the order a message lives through them. */
const STATUS: Readonly<Record<string, { status: DeliveryStatus; rank: number }>> = Object.assign(Object.create(null), {
  accepted: { status: 'queued', rank: 1 },
  scheduled: { status: 'queued', rank: 1 },
  queued: { status: 'queued', rank: 1 },
  sending: { status: 'sending', rank: 2 },
  sent: { status: 'sent', rank: 3 },
  delivered: { status: 'delivered', rank: 4 },
  read: { status: 'delivered', rank: 4 },
  undelivered: { status: 'undelivered', rank: 4 },
  failed: { status: 'failed', rank: 4 },
  canceled: { status: 'failed', rank: 4 },
});

export const QUEUED_RANK = 1;

export const isFailedDelivery = (status: DeliveryStatus | undefined) => status === 'failed' || status === 'undelivered';

/**
 * `POST /sms/status`: Twilio's form-encoded status callback. Authenticated by `X-Twilio-Signature`
 * over the configured public URL and the exact parameters received; anything else is a 403.
 */
export async function receiveStatusCallback(
  d: Deps,
  input: { body: string; signature: string | undefined; signatureSettings: string | undefined; ip: string },
): Promise<SmsDelivery | null> {
  const delivery = d.sending?.delivery;
  if (!delivery) throw new CbError('not_found', 'Delivery status is not enabled.');
  const params = formParams(input.body);
  const algorithm = signatureAlgorithm(input.signatureSettings);
  let valid = false;
  if (algorithm !== null) {
    for (const secret of signingSecrets(delivery, input.signatureSettings)) {
      // Every secret is tried, so the time taken does not tell which one matched.
      if (await validateTwilioSignature({ authToken: secret, signature: input.signature, url: delivery.url, params, algorithm })) valid = true;
    }
  }
  if (!valid) throw new CbError('forbidden', 'Bad or missing X-Twilio-Signature.');

  const one = (name: string) => {
    const v = params[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const messageId = one('MessageSid') ?? one('SmsSid');
  const reported = STATUS[(one('MessageStatus') ?? one('SmsStatus') ?? '').toLowerCase()];
  // Signed but not about a code SMS of ours (or a state we do not track): accept and ignore, so
  // Twilio does not retry it.
  if (!messageId || messageId.length > 64 || !reported) return null;
  const errorCode = Number.parseInt(one('ErrorCode') ?? '', 10);
  const now = d.clock();
  const updated = await d.store.updateSmsDelivery({ messageId, ...reported, errorCode: Number.isFinite(errorCode) ? errorCode : null, at: now });
  if (updated && isFailedDelivery(updated.status)) {
    const to = one('To');
    await d.store.audit({
      at: now,
      type: 'code.delivery_failed',
      actorId: null,
      subjectId: updated.userId,
      ip: input.ip,
      detail: { messageId, status: updated.status, errorCode: updated.errorCode, ...(to ? { phone: maskPhone(to) } : {}) },
    });
  }
  return updated;
}

const iso = (ms: number) => new Date(ms).toISOString();
const deliveryDto = (m: SmsDelivery): DeliveryDto => ({ status: m.status, errorCode: m.errorCode, sentAt: iso(m.sentAt), updatedAt: iso(m.updatedAt) });

/** `GET /delivery`: what the provider last said about this pending login's newest SMS. */
export async function deliveryInfo(d: Deps, session: Session): Promise<DeliveryResponse> {
  const m = d.sending?.delivery ? await d.store.sessionSmsDelivery(session.idHash) : null;
  return { status: m?.status ?? null, failed: isFailedDelivery(m?.status) };
}

/** Adds `lastDelivery` to admin contact views when delivery status is tracked (an additive field). */
export async function withLastDelivery(d: Deps, contacts: ContactDto[]): Promise<ContactDto[]> {
  if (!d.sending?.delivery || contacts.length === 0) return contacts;
  const last = await d.store.lastSmsDeliveries(contacts.map((c) => c.id));
  return contacts.map((c) => {
    const m = last.get(c.id);
    return { ...c, twoFactor: { ...c.twoFactor, lastDelivery: m ? deliveryDto(m) : null } };
  });
}
