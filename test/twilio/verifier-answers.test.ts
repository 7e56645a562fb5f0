/**
 * The SDK verifier and the fetch verifier read every answer of Twilio Verify the same way: a
 * check is approved only when Twilio says `approved`; a closed, expired or unknown verification
 * is expired; a check without a status, or with one we do not know, is a wrong code (the try was
 * counted before Twilio was asked), never a fault that would be retried or refunded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioRestVerify, type CheckOutcome } from '../../server/index.js';
import { twilioVerify } from '../../server/providers/twilio.js';
import type { CodeVerifier } from '../../server/providers/verifier.js';
import { PHONE } from '../support/harness.js';
import { ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, VERIFY_MAX_CHECKS, VERIFY_SID, VERIFY_WINDOW_MS } from './support/fake-twilio.js';
import { sdkClient } from './support/portal.js';

const fake = new FakeTwilio();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

let now = Date.UTC(2026, 0, 5, 9);
beforeEach(() => {
  fake.reset();
  now = Date.UTC(2026, 0, 5, 9);
  fake.now = () => now;
});

const verifiers: Array<[string, () => CodeVerifier]> = [
  ['the SDK verifier', () => twilioVerify({ client: sdkClient(fake), serviceSid: VERIFY_SID })],
  ['the fetch verifier', () => twilioRestVerify({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, serviceSid: VERIFY_SID, baseUrl: fake.url })],
];
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe.each(verifiers)('%s', (_name, make) => {
  const check = (verifier: CodeVerifier, code = '123456') => verifier.check({ to: PHONE, code });
  const answer = (body: Record<string, unknown>) =>
    fake.failNext(/VerificationCheck$/, { kind: 'json', status: 200, body: { sid: 'VE' + '0'.repeat(32), to: PHONE, channel: 'sms', valid: false, ...body } });

  it.each<[string, Record<string, unknown>, CheckOutcome]>([
    ['no status at all', {}, 'rejected'],
    ['a null status', { status: null }, 'rejected'],
    ['a status Twilio may add later', { status: 'under_review' }, 'rejected'],
    ['pending', { status: 'pending' }, 'rejected'],
    ['max_attempts_reached', { status: 'max_attempts_reached' }, 'expired'],
    ['canceled', { status: 'canceled' }, 'expired'],
    ['expired', { status: 'expired' }, 'expired'],
    ['approved', { status: 'approved', valid: true }, 'approved'],
  ])('a check answered with %s → %s', async (_what, body, outcome) => {
    answer(body);
    expect(await check(make())).toBe(outcome);
  });

  it('a check after the verification expired (10 minutes) is 20404 → expired', async () => {
    const verifier = make();
    await verifier.start({ to: PHONE, channel: 'sms' });
    const code = fake.verifyCode(PHONE);
    now += VERIFY_WINDOW_MS;
    expect(await check(verifier, code)).toBe('expired');
    expect(fake.exchanges.at(-1)).toMatchObject({ status: 404, body: { code: 20404 } });
  });

  it('a check after 5 checks is 60202 → expired, even with the right code', async () => {
    const verifier = make();
    await verifier.start({ to: PHONE, channel: 'sms' });
    const code = fake.verifyCode(PHONE);
    for (let i = 0; i < VERIFY_MAX_CHECKS; i++) expect(await check(verifier, wrongFor(code))).toBe('rejected');
    expect(await check(verifier, code)).toBe('expired');
    expect(fake.exchanges.at(-1)).toMatchObject({ status: 429, body: { code: 60202 } });
  });

  it('a start within the window re-sends the same code; after it, a new one', async () => {
    const verifier = make();
    await verifier.start({ to: PHONE, channel: 'sms' });
    const first = fake.verifyCode(PHONE);
    now += VERIFY_WINDOW_MS - 1;
    await verifier.start({ to: PHONE, channel: 'sms' });
    expect(fake.verifyCode(PHONE)).toBe(first);
    now += 1;
    await verifier.start({ to: PHONE, channel: 'sms' });
    expect(fake.verifications.get(PHONE)).toMatchObject({ sends: 1, checks: 0 });
    expect(await check(verifier, first === fake.verifyCode(PHONE) ? wrongFor(first) : first)).toBe('rejected');
    expect(await check(verifier, fake.verifyCode(PHONE))).toBe('approved');
  });

  it('a sixth start within the window is 60203 → rate_limited, waiting out the verification', async () => {
    const verifier = make();
    for (let i = 0; i < 5; i++) await verifier.start({ to: PHONE, channel: 'sms' });
    await expect(verifier.start({ to: PHONE, channel: 'sms' })).rejects.toMatchObject({ failure: 'rate_limited', providerCode: 60203, retryAfterSeconds: 600 });
  });

  it('a start whose answer is lost → unknown', async () => {
    fake.failNext(/Verifications$/, { kind: 'reset' });
    await expect(make().start({ to: PHONE, channel: 'sms' })).rejects.toMatchObject({ failure: 'unknown' });
    expect(fake.verifySends).toHaveLength(1);
  });
});
