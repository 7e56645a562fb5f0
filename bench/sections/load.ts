/**
 * Sustained load with integrity: mixed traffic (logins, right and wrong codes, stale codes after a
 * resend, duplicate right codes raced in parallel, enrollments, admin resets, session reads)
 * against the demo composition on a libSQL file, then checks of the database against what the
 * client sent. Each contact is driven by one virtual user at a time, so the expected counters
 * of every account are exact; the deliberate races are the duplicate right codes.
 */
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { contactPhone, PASSWORD, benchPolicyNote } from '../lib/apps.js';
import { startServer } from '../lib/proc.js';
import type { Config, Report } from '../run.js';

interface Account {
  i: number;
  id: string;
  email: string;
  phone: string;
  busy: boolean;
  enrolled: boolean;
  /** Expected cb_code_locks.window_failures and consecutive_failures. */
  wf: number;
  consec: number;
  completeCookie?: string;
  verified: number;
  confirms: number;
  resets: number;
  sends: number;
  wrong: number;
}

const LOCK_AFTER = 10; // the default codeLockAfter: the generator stays below it between resets

export async function load(cfg: Config, report: Report) {
  const contacts = cfg.quick ? 60 : 400;
  const workers = cfg.quick ? 8 : 16;
  const url = `file:${join(cfg.dir, 'load.db')}`;
  const server = await startServer('ours', 'load (demo composition)', { url, iterations: 1000, contacts });
  report.pragmas['load'] = server.pragmas;
  const base = server.url;
  const origin = base;

  const statuses: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const unexpected: string[] = [];
  let requests = 0;
  let fivexx = 0;
  let duplicateRaces = 0;
  let duplicateBad = 0;

  async function req(kind: string, method: string, path: string, body: unknown, cookie: string | undefined, expect: number[] | null) {
    const res = await fetch(`${base}/api/2fa${path}`, {
      method,
      headers: { ...(method === 'GET' ? {} : { 'content-type': 'application/json', origin }), ...(cookie ? { cookie } : {}) },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
    const text = await res.text();
    requests++;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) fivexx++;
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {}
    if (expect && !expect.includes(res.status) && unexpected.length < 20) unexpected.push(`${kind} ${method} ${path}: ${res.status} ${text.slice(0, 160)} (expected ${expect.join('/')})`);
    const setCookie = res.headers.getSetCookie().map((l) => l.split(';')[0]!).find((p) => p.startsWith('cb_session=') && p.length > 'cb_session='.length);
    return { status: res.status, body: json, cookie: setCookie };
  }
  const code = async (phone: string): Promise<string> => {
    const c = await server.call('code', { to: phone });
    if (!c) throw new Error(`no code for ${phone}`);
    return c;
  };
  const wrongFor = (right: string, malformed: boolean) => {
    if (malformed) return Math.random() < 0.5 ? '12ab56' : '1234';
    let w = right;
    while (w === right) w = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    return w;
  };

  const accounts: Account[] = Array.from({ length: contacts }, (_, i) => ({
    i,
    id: `usr-bench-${i}`,
    email: `bench-${String(i).padStart(5, '0')}@example.com`,
    phone: contactPhone(i),
    busy: false,
    enrolled: true,
    wf: 0,
    consec: 0,
    verified: 0,
    confirms: 0,
    resets: 0,
    sends: 0,
    wrong: 0,
  }));

  const adminLogin = await req('admin login', 'POST', '/login', { email: 'admin@example.com', password: PASSWORD }, undefined, [200]);
  const adminCookie = adminLogin.cookie!;

  /** Sends up to `n` wrong codes on a live code with `attempts` tries used; returns tries used after. */
  async function wrongs(a: Account, cookie: string, right: string, n: number, attempts: number, path = '/verify') {
    for (let k = 0; k < n && attempts < 4 && a.wf < LOCK_AFTER - 2; k++) {
      const r = await req('wrong code', 'POST', path, { code: wrongFor(right, Math.random() < 0.2) }, cookie, [400]);
      if (r.status === 400) {
        a.wf++;
        a.consec++;
        a.wrong++;
        attempts++;
      }
    }
    return attempts;
  }

  async function enroll(a: Account, cookie: string) {
    const sent = await req('enroll phone', 'POST', '/enroll/phone', { phone: a.phone }, cookie, [200]);
    if (sent.status !== 200) return false;
    a.sends++;
    const c = await code(a.phone);
    await wrongs(a, cookie, c, Math.random() < 0.3 ? 1 : 0, 0, '/enroll/confirm');
    const ok = await req('enroll confirm', 'POST', '/enroll/confirm', { code: c }, cookie, [200]);
    if (ok.status === 200 && ok.body?.step === 'login') {
      a.enrolled = true;
      a.confirms++;
      if (a.consec > 0) a.consec = 0;
      return true;
    }
    return false;
  }

  async function loginToVerify(a: Account): Promise<string | null> {
    const r = await req('login', 'POST', '/login', { email: a.email, password: PASSWORD }, undefined, [200]);
    if (r.status !== 200) return null;
    if (r.body?.step === 'enroll') {
      if (a.enrolled) unexpected.length < 20 && unexpected.push(`login of enrolled ${a.email} asked to enroll`);
      if (!(await enroll(a, r.cookie!))) return null;
      return loginToVerify(a);
    }
    if (r.body?.step !== 'verify') {
      unexpected.length < 20 && unexpected.push(`login ${a.email}: ${JSON.stringify(r.body).slice(0, 120)}`);
      return null;
    }
    a.sends++;
    return r.cookie!;
  }

  async function signIn(a: Account, finish: boolean) {
    const cookie = await loginToVerify(a);
    if (!cookie) return;
    let right = await code(a.phone);
    let attempts = await wrongs(a, cookie, right, Math.floor(Math.random() * 3), 0);
    if (Math.random() < 0.25) {
      const r = await req('resend', 'POST', '/resend', {}, cookie, [200]);
      if (r.status === 200) {
        a.sends++;
        const fresh = await code(a.phone);
        attempts = 0;
        // The voided code is a wrong code now (unless the new one happens to equal it).
        if (fresh !== right && a.wf < LOCK_AFTER - 2) {
          const s = await req('stale code', 'POST', '/verify', { code: right }, cookie, [400]);
          if (s.status === 400) {
            a.wf++;
            a.consec++;
            a.wrong++;
            attempts++;
          }
        }
        right = fresh;
      }
    }
    if (!finish) return;
    if (Math.random() < 0.15) {
      // Two right codes at once: exactly one may win.
      duplicateRaces++;
      const rs = await Promise.all([0, 1].map(() => req('right code (raced)', 'POST', '/verify', { code: right }, cookie, null)));
      const wins = rs.filter((r) => r.status === 200 && r.body?.step === 'authenticated');
      const losersOk = rs.filter((r) => r.status !== 200).every((r) => r.status === 401 || r.status === 410 || r.status === 400 || r.status === 409);
      if (wins.length !== 1 || !losersOk) {
        duplicateBad++;
        unexpected.length < 20 && unexpected.push(`raced right codes for ${a.email}: ${rs.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 80)}`).join(' | ')}`);
      }
      if (wins.length >= 1) {
        a.verified += wins.length;
        a.consec = 0;
        a.completeCookie = wins[0]!.cookie;
      }
      // A 400 among the losers would be a counted failure: the check of counters then tells.
      return;
    }
    const r = await req('right code', 'POST', '/verify', { code: right }, cookie, [200]);
    if (r.status === 200 && r.body?.step === 'authenticated') {
      a.verified++;
      a.consec = 0;
      a.completeCookie = r.cookie;
    }
  }

  async function reset(a: Account) {
    const r = await req('admin reset', 'POST', `/admin/contacts/${a.id}/two-factor/reset`, {}, adminCookie, [200]);
    if (r.status === 200) {
      a.resets++;
      a.enrolled = false;
      a.wf = 0;
      a.consec = 0;
      a.completeCookie = undefined;
    }
  }

  const deadline = Date.now() + cfg.loadSeconds * 1000;
  const pick = (): Account | null => {
    for (let t = 0; t < 20; t++) {
      const a = accounts[Math.floor(Math.random() * accounts.length)]!;
      if (!a.busy) return a;
    }
    return accounts.find((a) => !a.busy) ?? null;
  };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < deadline) {
        const a = pick();
        if (!a) {
          await new Promise((r) => setTimeout(r, 1));
          continue;
        }
        a.busy = true;
        try {
          const roll = Math.random();
          if (a.wf >= LOCK_AFTER - 2 || roll < 0.08) await reset(a);
          else if (roll < 0.18 && a.completeCookie) await req('session', 'GET', '/session', undefined, a.completeCookie, [200]);
          else if (roll < 0.28) await signIn(a, false);
          else await signIn(a, true);
        } catch (err) {
          unexpected.length < 20 && unexpected.push(`client error: ${err instanceof Error ? err.message : err}`);
        } finally {
          a.busy = false;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await server.stop();

  // ------------------------------------------------------------------------------------------
  // Checks against the database the server left.
  const db = createClient({ url });
  const q = async (sqlText: string) => (await db.execute(sqlText)).rows as any[];
  const audit = await q(`SELECT subject_id AS s, type AS t, json_extract(detail, '$.purpose') AS p, json_extract(detail, '$.amr') AS amr, count(*) AS n
    FROM cb_audit_events WHERE subject_id LIKE 'usr-bench-%' GROUP BY 1, 2, 3, 4`);
  const locks = new Map((await q(`SELECT user_id AS u, window_failures AS wf, consecutive_failures AS c FROM cb_code_locks WHERE user_id LIKE 'usr-bench-%'`)).map((r) => [r.u, r]));
  const codesConsumedTwice = await q(`SELECT count(*) AS n FROM cb_codes WHERE consumed_at IS NOT NULL AND attempts > 5`);
  db.close();
  const ev = (id: string, t: string, f: (r: any) => boolean = () => true) => audit.filter((r) => r.s === id && r.t === t && f(r)).reduce((n, r) => n + Number(r.n), 0);

  const checks: { name: string; ok: boolean; detail?: string }[] = [];
  const add = (name: string, bad: string[], detail?: string) =>
    checks.push({ name, ok: bad.length === 0, detail: bad.length ? `${bad.length} mismatch(es), e.g. ${bad.slice(0, 3).join('; ')}` : detail });

  add('no request got a 5xx', fivexx ? [`${fivexx} responses ≥ 500`] : [], `${requests} requests`);
  add('every response as the rules predict', unexpected, 'statuses and steps match the flow');
  const totals = accounts.reduce((t, a) => ({ verified: t.verified + a.verified, wrong: t.wrong + a.wrong, resets: t.resets + a.resets, confirms: t.confirms + a.confirms, sends: t.sends + a.sends }), { verified: 0, wrong: 0, resets: 0, confirms: 0, sends: 0 });
  add(
    'every code consumed at most once',
    [
      ...(duplicateBad ? [`${duplicateBad} of ${duplicateRaces} raced right-code pairs did not have exactly one winner`] : []),
      ...accounts.filter((a) => ev(a.id, 'code.verified', (r) => r.p === 'login') !== a.verified).map((a) => `${a.id}: code.verified(login) ${ev(a.id, 'code.verified', (r) => r.p === 'login')} ≠ ${a.verified} sign-ins`),
      ...accounts.filter((a) => ev(a.id, 'code.verified', (r) => r.p === 'enroll') !== a.confirms).map((a) => `${a.id}: code.verified(enroll) ${ev(a.id, 'code.verified', (r) => r.p === 'enroll')} ≠ ${a.confirms} confirmations`),
      ...(Number(codesConsumedTwice[0]?.n) ? ['cb_codes rows with impossible attempts'] : []),
    ],
    `${totals.verified} sign-ins, ${totals.confirms} enrollments; ${duplicateRaces} raced pairs each had one winner`,
  );
  add(
    'failure counters equal the wrong codes sent',
    [
      ...accounts
        .filter((a) => {
          const l = locks.get(a.id);
          return Number(l?.wf ?? 0) !== a.wf || Number(l?.c ?? 0) !== a.consec;
        })
        .map((a) => `${a.id}: window ${locks.get(a.id)?.wf ?? 0}/${a.wf}, consecutive ${locks.get(a.id)?.c ?? 0}/${a.consec} (db/expected)`),
      ...accounts.filter((a) => ev(a.id, 'code.rejected') !== a.wrong).map((a) => `${a.id}: code.rejected ${ev(a.id, 'code.rejected')} ≠ ${a.wrong} wrong codes`),
    ],
    `${totals.wrong} wrong codes (incl. malformed and stale-after-resend) = code.rejected events; cb_code_locks window/consecutive per account as expected`,
  );
  add(
    'no audit event missing',
    [
      ...accounts.filter((a) => ev(a.id, 'login.succeeded', (r) => r.amr === 'pwd sms') !== a.verified).map((a) => `${a.id}: login.succeeded ${ev(a.id, 'login.succeeded', (r) => r.amr === 'pwd sms')} ≠ ${a.verified}`),
      ...accounts.filter((a) => ev(a.id, 'two_factor.reset') !== a.resets).map((a) => `${a.id}: two_factor.reset ${ev(a.id, 'two_factor.reset')} ≠ ${a.resets}`),
      ...accounts.filter((a) => ev(a.id, 'enrolled') !== a.confirms).map((a) => `${a.id}: enrolled ${ev(a.id, 'enrolled')} ≠ ${a.confirms}`),
      ...accounts.filter((a) => ev(a.id, 'code.sent') !== a.sends).map((a) => `${a.id}: code.sent ${ev(a.id, 'code.sent')} ≠ ${a.sends} sends`),
    ],
    `login.succeeded per sign-in, two_factor.reset per reset (${totals.resets}), enrolled per enrollment, code.sent per SMS (${totals.sends})`,
  );

  report.load = {
    seconds: Number(seconds.toFixed(1)),
    workers,
    contacts,
    requests,
    byKind,
    statuses,
    totals,
    checks,
    policyNote: `${benchPolicyNote}; PBKDF2 1,000 iterations; every code rule at its default, the generator stays under the 10-wrong-code lock and resets accounts near it`,
  };
}
