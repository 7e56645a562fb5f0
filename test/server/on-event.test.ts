/**
 * Events for the host (spec §10, issue 12): `onEvent` receives every audit event a flow writes,
 * with its portal, in order, none missing against the audit log; a hook that throws or never
 * settles changes no response and is logged once; each event waits at most `onEventTimeoutMs`;
 * the demo keeps the notable ones for its admins' Notifications page. On libSQL and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../contract/pg-database.js';
import { atVerify, createHarness, setSettings, type Harness } from '../support/harness.js';
import type { CbEvent } from '../../server/index.js';
import { eventDispatch } from '../../server/services/events.js';

/** Waits for the hook's deliveries, which run after the responses. */
const settled = (check: () => void) => vi.waitFor(check, { timeout: 3_000, interval: 10 });

function suite(open: (onEvent: (e: CbEvent) => void | Promise<void>, timeoutMs?: number) => Promise<Harness>) {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    vi.restoreAllMocks();
  });

  it('receives every audit event of the flows with its portal, in the order written, none missing against the audit log', async () => {
    const got: CbEvent[] = [];
    h = await open((e) => {
      got.push(e);
    });
    await setSettings(h, true);
    const b = await atVerify(h);
    expect((await b.post('/verify', { code: '000000' })).status).toBe(400);
    expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');
    await b.post('/logout');
    const admin = h.browser('198.51.100.1');
    await admin.login('admin@example.com');
    await admin.put('/admin/settings', { enabled: true, allowOptOut: false });

    const logged = (await h.store.listAudit({ limit: 1000 })).reverse();
    await settled(() => expect(got).toHaveLength(logged.length));
    expect(got.map((e) => [e.type, e.at, e.subjectId, e.actorId])).toEqual(logged.map((e) => [e.type, e.at, e.subjectId, e.actorId]));
    expect(new Set(got.map((e) => e.portalId))).toEqual(new Set([h.store.portalId]));
    expect(got.map((e) => e.type)).toEqual(expect.arrayContaining(['code.sent', 'code.rejected', 'code.verified', 'login.succeeded', 'logout', 'settings.changed', 'enrolled']));
  });

  it('a hook that throws or rejects changes no response; it is logged once, and the next events still arrive', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    h = await open((e) => {
      seen.push(e.type);
      if (e.type === 'code.sent') throw new Error('webhook down');
      if (e.type === 'code.verified') return Promise.reject(new Error('still down'));
    });
    await setSettings(h, true);
    const b = await atVerify(h);
    const ok = await b.post('/verify', { code: b.code() });
    expect(ok.status).toBe(200);
    expect(ok.body.step).toBe('authenticated');
    // The event after the rejected one still arrives.
    await settled(() => expect(seen.slice(seen.indexOf('code.verified'))).toContain('login.succeeded'));
    const about = errors.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('onEvent'));
    expect(about, 'one line per kind of failure, not one per event').toHaveLength(1);
    expect(about[0]).toContain('webhook down');
  });

  it('a hook that never settles: every response still comes back, and each event waits at most the timeout', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const called: string[] = [];
    h = await open((e) => {
      called.push(e.type);
      return new Promise<void>(() => {});
    }, 30);
    await setSettings(h, true);
    const b = await atVerify(h);
    expect((await b.post('/verify', { code: b.code() })).body.step).toBe('authenticated');
    expect((await b.get('/session')).status).toBe(200);
    // Abandoned after 30 ms each, the hook is still called for the events after the first.
    const logged = await h.store.listAudit({ limit: 1000 });
    await settled(() => expect(called).toHaveLength(logged.length));
    expect(errors.mock.calls.filter((c) => String(c[0]).includes('took longer than 30 ms'))).toHaveLength(1);
  });

  it('the demo tells its admins of a reset on the Notifications page', async () => {
    h = await open(() => {});
    const admin = await setSettings(h, true);
    await atVerify(h);
    expect((await admin.post('/admin/contacts/usr-demo/two-factor/reset')).status).toBe(200);
    await settled(() => expect(JSON.stringify(h!.notifications?.list(h!.store.portalId) ?? [])).toContain('two_factor.reset'));
    const page = await admin.request('GET', '/admin/notifications');
    expect(page.status).toBe(200);
    expect(String(page.body)).toMatch(/Demo Contact&#39;s two-factor authentication was reset|two-factor authentication was reset/);
  });
}

describe('onEvent on libSQL', () => {
  suite((onEvent, onEventTimeoutMs) => createHarness({ onEvent, onEventTimeoutMs }));
});

describeWithPostgres('onEvent on PostgreSQL', () => {
  let pg: TestDatabase;
  beforeEach(async () => {
    pg = await createTestDatabase();
  });
  afterEach(async () => pg.drop());
  suite((onEvent, onEventTimeoutMs) => createHarness({ postgres: pg.url, onEvent, onEventTimeoutMs }));
});

describe('event dispatch', () => {
  it('hands over nothing until flushed, then the events in order, after the current task', async () => {
    const got: string[] = [];
    const dispatch = eventDispatch((e) => void got.push(e.type), 100);
    const written: unknown[] = [];
    const store = { portalId: 'p1', audit: async (e: unknown) => void written.push(e), other: () => 'kept' };
    const request = new Request('http://x/');
    const d = dispatch.tap(request, { store } as never);
    await d.store.audit([{ type: 'code.sent' } as never, { type: 'code.verified' } as never]);
    await d.store.audit({ type: 'login.succeeded' } as never);
    expect((d.store as unknown as typeof store).other(), 'other methods pass through').toBe('kept');
    expect(written).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 5));
    expect(got, 'nothing before the response is decided').toEqual([]);
    dispatch.flush(request);
    expect(got, 'not in the flush itself').toEqual([]);
    await settled(() => expect(got).toEqual(['code.sent', 'code.verified', 'login.succeeded']));
  });
});
