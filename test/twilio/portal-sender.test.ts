/**
 * A portal's own sender: a message that names a `from` number or a Messaging Service goes out
 * from it, through the SDK and over fetch alike, instead of the sender the platform configured;
 * the dev outbox records which one a message named.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { devOutbox, twilioRestSms, type SmsMessage, type SmsSender } from '../../server/index.js';
import { codeText } from '../../server/providers/sms.js';
import { twilioSms } from '../../server/providers/twilio.js';
import { PHONE } from '../support/harness.js';
import { ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, FROM, MESSAGING_SERVICE_SID } from './support/fake-twilio.js';
import { sdkClient, STATUS_URL } from './support/portal.js';
import { loadSlice, specViolations } from './support/twilio-oai.js';

const fake = new FakeTwilio();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

/** Northwind's own number and Messaging Service, not the platform's. */
const PORTAL_FROM = '+15005550009';
const PORTAL_SERVICE = 'MG' + 'e5'.repeat(16);

type Configured = { from: string } | { messagingServiceSid: string };
const senders: Array<[string, (configured: Configured) => SmsSender]> = [
  ['the SDK', (configured) => twilioSms({ client: sdkClient(fake), statusCallback: STATUS_URL, ...configured })],
  ['fetch', (configured) => twilioRestSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: fake.url, statusCallback: STATUS_URL, ...configured })],
];

/** The sender fields of the one request the fake received. */
const senderFields = () => {
  expect(fake.requests).toHaveLength(1);
  const { From, MessagingServiceSid } = fake.requests[0]!.form;
  return { From, MessagingServiceSid };
};

describe.each(senders)('through %s', (_via, make) => {
  it('a message without a sender of its own goes from the configured one', async () => {
    await make({ from: FROM }).send({ to: PHONE, body: 'x' });
    expect(senderFields()).toEqual({ From: FROM, MessagingServiceSid: undefined });
  });

  it("a message's Messaging Service replaces the configured number", async () => {
    await make({ from: FROM }).send({ to: PHONE, body: 'x', messagingServiceSid: PORTAL_SERVICE });
    expect(senderFields()).toEqual({ From: undefined, MessagingServiceSid: PORTAL_SERVICE });
  });

  it("a message's number replaces the configured Messaging Service: the platform's pool is not used for it", async () => {
    await make({ messagingServiceSid: MESSAGING_SERVICE_SID }).send({ to: PHONE, body: 'x', from: PORTAL_FROM });
    expect(senderFields()).toEqual({ From: PORTAL_FROM, MessagingServiceSid: undefined });
  });

  it("a message's number replaces the configured number", async () => {
    await make({ from: FROM }).send({ to: PHONE, body: 'x', from: PORTAL_FROM });
    expect(senderFields()).toEqual({ From: PORTAL_FROM, MessagingServiceSid: undefined });
    expect(fake.messages[0]).toMatchObject({ from: PORTAL_FROM, statusCallback: STATUS_URL, validityPeriod: 300 });
  });

  it('a message that gives both goes through its Messaging Service, as the options would', async () => {
    await make({ from: FROM }).send({ to: PHONE, body: 'x', from: PORTAL_FROM, messagingServiceSid: PORTAL_SERVICE });
    expect(senderFields()).toEqual({ From: undefined, MessagingServiceSid: PORTAL_SERVICE });
  });

  it('empty override fields count as none', async () => {
    await make({ from: FROM }).send({ to: PHONE, body: 'x', from: '', messagingServiceSid: '' });
    expect(senderFields()).toEqual({ From: FROM, MessagingServiceSid: undefined });
  });
});

describe('both senders alike', () => {
  const messages: SmsMessage[] = [
    { to: PHONE, body: 'a', from: PORTAL_FROM },
    { to: PHONE, body: 'b', messagingServiceSid: PORTAL_SERVICE, ttlSeconds: 120 },
  ];

  it.each(messages)('the SDK and fetch send the same form for $body', async (message) => {
    for (const [, make] of senders) await make({ messagingServiceSid: MESSAGING_SERVICE_SID }).send(message);
    const [sdk, rest] = fake.requests;
    expect(rest!.form).toEqual(sdk!.form);
  });

  it("a portal's sender is a request Twilio's OpenAPI spec accepts", async () => {
    for (const [, make] of senders) for (const message of messages) await make({ from: FROM }).send(message);
    expect(fake.exchanges.map((x) => x.status)).toEqual([201, 201, 201, 201]);
    expect(fake.exchanges.flatMap((x) => specViolations(loadSlice(), x))).toEqual([]);
  });

  it("a Spanish code text from a portal's number reaches Twilio whole, and its code is found in it", async () => {
    const body = codeText({ portalName: 'Northwind IT Portal', locale: 'es', code: '482913', minutes: 5 });
    await senders[1]![1]({ from: FROM }).send({ to: PHONE, body, from: PORTAL_FROM });
    expect(fake.messages[0]).toMatchObject({ body, from: PORTAL_FROM });
    expect(fake.lastCode(PHONE)).toBe('482913');
  });
});

describe('the dev outbox', () => {
  it('records the sender a message named, and nothing when it named none', async () => {
    const outbox = devOutbox({ now: () => Date.UTC(2030, 0, 1) });
    await outbox.send({ to: PHONE, body: 'a' });
    await outbox.send({ to: PHONE, body: 'b', from: PORTAL_FROM });
    await outbox.send({ to: PHONE, body: 'c', messagingServiceSid: PORTAL_SERVICE });
    const sentAt = '2030-01-01T00:00:00.000Z';
    expect(outbox.outbox).toEqual([
      { channel: 'sms', to: PHONE, body: 'a', sentAt },
      { channel: 'sms', to: PHONE, body: 'b', from: PORTAL_FROM, sentAt },
      { channel: 'sms', to: PHONE, body: 'c', messagingServiceSid: PORTAL_SERVICE, sentAt },
    ]);
    expect(Object.keys(outbox.outbox[0]!)).toEqual(['channel', 'to', 'body', 'sentAt']);
    // A call keeps its TwiML and the portal's number.
    await outbox.call({ to: PHONE, twiml: '<Response><Say>1, 2, 3, 4, 5, 6.</Say></Response>', from: PORTAL_FROM });
    expect(outbox.outbox.at(-1)).toEqual({ channel: 'voice', to: PHONE, body: '<Response><Say>1, 2, 3, 4, 5, 6.</Say></Response>', from: PORTAL_FROM, sentAt });
    expect(outbox.lastCode(PHONE)).toBe('123456');
  });
});
