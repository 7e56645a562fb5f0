import { codeFromText, type SmsMessage, type SmsSender } from './sms.js';
import { codeFromTwiml, type VoiceCall } from './voice.js';

export interface OutboxEntry {
  /** `voice` for a "Call me instead" call, whose `body` is the TwiML it plays. */
  channel: 'sms' | 'voice';
  to: string;
  body: string;
  /** The portal's own sender, when the message named one. */
  from?: string;
  messagingServiceSid?: string;
  /** ISO time. */
  sentAt: string;
}

export interface DevOutbox extends SmsSender {
  call(call: VoiceCall): Promise<{ id?: string }>;
  /** Every message "sent", oldest first. */
  readonly outbox: OutboxEntry[];
  /** The code of the newest message to `to`, for tests and the demo. */
  lastCode(to?: string): string | undefined;
  clear(): void;
}

/**
 * A sender that delivers nowhere and keeps what it would have sent, texts and calls. For development and tests;
 * the demo lists it at `GET /dev/sms-outbox`. Keeps the newest `limit` messages.
 */
export function devOutbox(options: { limit?: number; now?: () => number } = {}): DevOutbox {
  const limit = options.limit ?? 500;
  const now = options.now ?? Date.now;
  const outbox: OutboxEntry[] = [];
  return {
    outbox,
    async send(message: SmsMessage) {
      const { to, body, from, messagingServiceSid } = message;
      outbox.push({ channel: 'sms', to, body, ...(from ? { from } : {}), ...(messagingServiceSid ? { messagingServiceSid } : {}), sentAt: new Date(now()).toISOString() });
      if (outbox.length > limit) outbox.splice(0, outbox.length - limit);
      return { id: `dev-${outbox.length}` };
    },
    async call({ to, twiml, from }: VoiceCall) {
      outbox.push({ channel: 'voice', to, body: twiml, ...(from ? { from } : {}), sentAt: new Date(now()).toISOString() });
      if (outbox.length > limit) outbox.splice(0, outbox.length - limit);
      return { id: `dev-call-${outbox.length}` };
    },
    lastCode(to) {
      for (let i = outbox.length - 1; i >= 0; i--) {
        const m = outbox[i]!;
        if (to && m.to !== to) continue;
        return m.channel === 'voice' ? codeFromTwiml(m.body) : codeFromText(m.body);
      }
      return undefined;
    },
    clear() {
      outbox.length = 0;
    },
  };
}
