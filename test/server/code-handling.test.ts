/**
 * Codes (spec §5): six digits from a CSPRNG, stored only as a keyed hash, never logged, valid
 * five minutes, single use, bound to the login and purpose they were sent for; a resend voids
 * the old code; anything but six ASCII digits is a 400 that still counts as a try.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateCode } from '../../server/crypto/random.js';
import { atVerify, createHarness, enroll, PHONE, setSettings, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await setSettings(h, true);
});

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('generation', () => {
  it('gives six-digit strings, leading zeros included, uniformly from the CSPRNG', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const code = generateCode({ fill: (b) => crypto.getRandomValues(b) });
      expect(code).toMatch(/^\d{6}$/);
      counts[Number(code[0])]++;
    }
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    // Each first digit should appear about 2,000 times; chi-square with 9 degrees of freedom,
    // p = 0.001 critical value 27.88.
    const chi = counts.reduce((sum, n) => sum + (n - 2000) ** 2 / 2000, 0);
    expect(chi).toBeLessThan(27.88);
    expect(counts[0]).toBeGreaterThan(0);
  });

  it('keeps leading zeros and removes modulo bias by rejection', () => {
    const words = [[0xff, 0xff, 0xff, 0xff], [0, 0, 0, 7]];
    const random = { fill: (b: Uint8Array<ArrayBuffer>) => (b.set(words.shift()!), b) };
    // 0xffffffff is above the largest multiple of 10^6 and must be rejected; 7 becomes "000007".
    expect(generateCode(random)).toBe('000007');
  });

  it('refuses fewer than six digits', () => {
    expect(() => generateCode({ fill: (b) => b }, 5)).toThrow();
  });
});

describe('storage', () => {
  it('stores no code in clear: no column anywhere holds it', async () => {
    const b = await atVerify(h);
    const code = b.code();
    const tables = (await h.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) => String(r.name));
    for (const table of tables) {
      const rows = (await h.client.execute(`SELECT * FROM "${table}"`)).rows;
      expect(JSON.stringify(rows), table).not.toContain(code);
    }
    const stored = (await h.client.execute('SELECT code_hash FROM cb_codes')).rows[0]!;
    expect(String(stored.code_hash)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('never logs a code or a full phone number', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(capture));
    try {
      const b = await atVerify(h);
      await b.post('/verify', { code: wrongFor(b.code()) });
      await b.post('/verify', { code: b.code() });
      const all = lines.join('\n');
      for (const entry of h.outbox.outbox) expect(all).not.toContain(/#(\d{6})$/.exec(entry.body)![1]);
      expect(all).not.toContain(PHONE);
      const audit = JSON.stringify(await h.store.listAudit());
      expect(audit).not.toContain(PHONE);
      expect(audit).not.toContain(b.code());
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });
});

describe('lifetime and single use', () => {
  it('is valid for five minutes and not a second longer', async () => {
    const b = await atVerify(h);
    h.clock.advance(5 * 60 - 1);
    expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');

    const late = await atVerify(h, 'pat@example.com', '+12025550144');
    h.clock.advance(5 * 60);
    const res = await late.post('/verify', { code: late.code('+12025550144') });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('code_expired');
    expect((await late.get('/session')).status).toBe(401);
  });

  it('refuses a policy that would keep codes longer than ten minutes', async () => {
    await expect(createHarness({ policy: { codeTtlSeconds: 601 } })).rejects.toThrow(/codeTtlSeconds/);
  });

  it('works once', async () => {
    const b = await atVerify(h);
    const code = b.code();
    const pendingCookies = new Map(b.cookies);
    expect((await b.post('/verify', { code })).body.step).toBe('authenticated');
    // Replaying the pending cookie with the same code gets nothing.
    b.cookies.clear();
    for (const [k, v] of pendingCookies) b.cookies.set(k, v);
    const replay = await b.post('/verify', { code });
    expect(replay.status).toBe(401);
  });
});

describe('binding', () => {
  it("one user's code does not work in another user's login", async () => {
    const demo = await atVerify(h, 'demo@example.com', PHONE);
    const pat = await atVerify(h, 'pat@example.com', '+12025550144');
    const demoCode = demo.code(PHONE);
    if (demoCode !== pat.code('+12025550144')) {
      expect((await pat.post('/verify', { code: demoCode })).body.error.code).toBe('invalid_code');
    }
    expect((await demo.post('/verify', { code: demoCode })).body.step).toBe('authenticated');
  });

  it('a code works only in the login it was sent for, even for the same user', async () => {
    const first = await atVerify(h);
    const firstCode = first.code();
    h.clock.advance(31);
    const second = h.browser();
    expect((await second.login('demo@example.com')).body.step).toBe('verify');
    const secondCode = second.code();
    if (firstCode !== secondCode) {
      expect((await second.post('/verify', { code: firstCode })).body.error.code).toBe('invalid_code');
    }
    expect((await second.post('/verify', { code: secondCode })).body.step).toBe('authenticated');
  });

  it('an enrollment code does not verify a login and the login route does not take it', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    // At the confirm step, /verify is the wrong step: the purpose is part of the binding.
    const res = await b.post('/verify', { code: b.code() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_step');
  });

  it('enrolls the phone the code was sent to, whatever the confirm request says', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    await b.post('/enroll/confirm', { code: b.code(), phone: '+12025550199' });
    const enrolled = (await h.client.execute("SELECT phone FROM cb_enrollments WHERE user_id = 'usr-demo'")).rows;
    expect(enrolled.map((r) => r.phone)).toEqual([PHONE]);
  });

  it('changing the phone before confirming voids the code sent to the first one', async () => {
    const b = h.browser();
    await b.login('demo@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    const firstCode = b.code(PHONE);
    h.clock.advance(31);
    await b.post('/enroll/phone', { phone: '+12025550188' });
    const secondCode = b.code('+12025550188');
    if (firstCode !== secondCode) expect((await b.post('/enroll/confirm', { code: firstCode })).body.error.code).toBe('invalid_code');
    expect((await b.post('/enroll/confirm', { code: secondCode })).body.step).toBe('login');
    const enrolled = (await h.client.execute("SELECT phone FROM cb_enrollments WHERE user_id = 'usr-demo'")).rows;
    expect(enrolled.map((r) => r.phone)).toEqual(['+12025550188']);
  });
});

describe('resend', () => {
  it('voids the old code and does not reset the failure count', async () => {
    const b = await atVerify(h);
    const old = b.code();
    for (let i = 0; i < 4; i++) await b.post('/verify', { code: wrongFor(old) });
    h.clock.advance(30);
    await b.post('/resend');
    const fresh = b.code();
    if (old !== fresh) expect((await b.post('/verify', { code: old })).body.error.code).toBe('invalid_code');
    const lock = await h.store.getCodeLock('usr-demo');
    expect(lock!.consecutiveFailures).toBe(old !== fresh ? 5 : 4);
    expect(lock!.windowFailures).toBe(old !== fresh ? 5 : 4);
  });
});

describe('format', () => {
  const malformed: unknown[] = [['123456', '000000'], 123456, { $ne: '' }, '１２３４５６', '123456 ', ' 123456', '12345', '1234567', '12345a', '', null, true];

  it.each(malformed.map((m) => [JSON.stringify(m), m]))('%s is a 400 that counts as a try', async (_label, code) => {
    const b = await atVerify(h);
    const res = await b.post('/verify', { code });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_code', attemptsLeft: 4 });
    const row = (await h.client.execute('SELECT attempts FROM cb_codes')).rows[0]!;
    expect(Number(row.attempts)).toBe(1);
    expect((await h.store.getCodeLock('usr-demo'))!.consecutiveFailures).toBe(1);
  });

  it('a body without a code field is a plain bad request and counts nothing', async () => {
    const b = await atVerify(h);
    const res = await b.post('/verify', { kode: '123456' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(Number((await h.client.execute('SELECT attempts FROM cb_codes')).rows[0]!.attempts)).toBe(0);
  });
});

afterEach(() => vi.restoreAllMocks());
