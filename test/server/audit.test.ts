/**
 * The audit log (spec §5): every security event with who, whom, what, when and from which IP.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, PHONE, setSettings } from '../support/harness.js';

describe('audit events', () => {
  it('records each kind of security event with actor, subject, time and IP', async () => {
    const h = await createHarness({ policy: { codeLockAfter: 2 } });
    const admin = await setSettings(h, true, true);
    const wrongFor = (c: string) => (c === '000000' ? '111111' : '000000');

    await h.browser('203.0.113.1').login('demo@example.com', 'wrong');
    const b = h.browser('203.0.113.2');
    await b.login('demo@example.com');
    await b.post('/enroll/phone', { phone: PHONE });
    await b.post('/enroll/confirm', { code: b.code() });
    h.clock.advance(31);
    await b.login('demo@example.com');
    await b.post('/verify', { code: wrongFor(b.code()) });
    await b.post('/verify', { code: b.code() });
    h.clock.advance(31);
    await b.login('demo@example.com');
    await b.post('/verify', { code: wrongFor(b.code()) });
    await b.post('/verify', { code: wrongFor(b.code()) });

    const pat = h.browser('203.0.113.3');
    await pat.login('pat@example.com');
    await pat.post('/enroll/skip');
    await pat.post('/opt-in');
    await admin.post('/admin/contacts/usr-demo/two-factor/reset');
    await admin.put('/admin/settings', { enabled: true, allowOptOut: false });

    const events = await h.store.listAudit({ limit: 1000 });
    const types = new Set(events.map((e) => e.type));
    for (const type of ['login.failed', 'login.succeeded', 'code.sent', 'code.verified', 'code.rejected', 'code.locked', 'enrolled', 'skipped', 'opted_in', 'two_factor.reset', 'settings.changed']) {
      expect(types, type).toContain(type);
    }
    for (const e of events) {
      expect(e.at).toBeGreaterThan(0);
      expect(e.ip).toMatch(/^(203\.0\.113|198\.51\.100)\.\d+$/);
    }
    expect(events.find((e) => e.type === 'two_factor.reset')).toMatchObject({ actorId: 'usr-admin', subjectId: 'usr-demo', ip: '198.51.100.1' });
    expect(events.find((e) => e.type === 'enrolled')).toMatchObject({ actorId: 'usr-demo', subjectId: 'usr-demo', ip: '203.0.113.2', detail: { phone: 'xxx-xxx-0143' } });
    expect(events.find((e) => e.type === 'login.failed')).toMatchObject({ ip: '203.0.113.1' });
    expect(events.find((e) => e.type === 'settings.changed')).toMatchObject({ actorId: 'usr-admin', detail: { after: { enabled: true, allowOptOut: false } } });
  });
});

describe('GET /admin/audit', () => {
  it('shows admins the newest events first, filtered by subject; contacts get 403', async () => {
    const h = await createHarness();
    const admin = await setSettings(h, true, true);
    const pat = h.browser();
    await pat.login('pat@example.com');
    await pat.post('/enroll/skip');
    const res = await admin.get('/admin/audit?limit=5');
    expect(res.status).toBe(200);
    expect(res.body.events.length).toBeLessThanOrEqual(5);
    expect(res.body.events[0].type).toBe('login.succeeded');
    const ids = res.body.events.map((e: any) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const patOnly = await admin.get('/admin/audit?subjectId=usr-pat');
    expect(patOnly.body.events.every((e: any) => e.subjectId === 'usr-pat')).toBe(true);
    expect(patOnly.body.events.map((e: any) => e.type)).toContain('skipped');
    expect((await admin.get('/admin/audit?limit=0')).status).toBe(400);
    expect((await pat.get('/admin/audit')).status).toBe(403);
  });
});
