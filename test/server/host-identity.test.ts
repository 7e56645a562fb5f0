/**
 * A host with its own user store plugs it in through `identity`; the flows then never touch the
 * built-in accounts table.
 */
import { describe, expect, it } from 'vitest';
import { createTwoFactor, devOutbox, type CbUser, type Identity } from '../../server/index.js';
import { openLibsql } from '../../server/node/index.js';

const users: Array<CbUser & { password: string }> = [
  { id: 'h1', email: 'ana@host.example', name: 'Ana', organizationId: 'o1', role: 'contact', masterAdmin: false, password: 'pw-ana' },
  { id: 'h2', email: 'boss@host.example', name: 'Boss', organizationId: null, role: 'admin', masterAdmin: true, password: 'pw-boss' },
];
const strip = ({ password: _p, ...u }: CbUser & { password: string }): CbUser => u;
const identity: Identity = {
  async verifyPassword(email, password) {
    const u = users.find((x) => x.email === email.toLowerCase());
    return u && u.password === password ? strip(u) : null;
  },
  async getUser(id) {
    const u = users.find((x) => x.id === id);
    return u ? strip(u) : null;
  },
  async listContacts(org) {
    return users.filter((u) => u.role === 'contact' && (!org || u.organizationId === org)).map(strip);
  },
};

describe('a host identity', () => {
  it('signs users in, enrolls them, and lists them for admins', async () => {
    const { db, client } = await openLibsql(':memory:');
    const sms = devOutbox();
    const tf = createTwoFactor({ db, sms, secret: 'h'.repeat(32), identity });
    let cookie = '';
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await tf.app.request(`http://host.example${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
      const set = res.headers.getSetCookie()[0];
      if (set) cookie = set.split(';')[0]!;
      return { status: res.status, body: (await res.json()) as any };
    };
    expect((await call('POST', '/login', { email: 'boss@host.example', password: 'pw-boss' })).body.step).toBe('authenticated');
    await call('PUT', '/admin/settings', { enabled: true, allowOptOut: false });
    cookie = '';
    expect((await call('POST', '/login', { email: 'ana@host.example', password: 'nope' })).status).toBe(401);
    expect((await call('POST', '/login', { email: 'ana@host.example', password: 'pw-ana' })).body.step).toBe('enroll');
    await call('POST', '/enroll/phone', { phone: '+12025550100' });
    expect((await call('POST', '/enroll/confirm', { code: sms.lastCode() })).body.step).toBe('login');
    cookie = '';
    await call('POST', '/login', { email: 'boss@host.example', password: 'pw-boss' });
    const contacts = await call('GET', '/admin/contacts');
    expect(contacts.body.contacts).toMatchObject([{ id: 'h1', twoFactor: { state: 'enrolled', maskedPhone: 'xxx-xxx-0100' } }]);
    expect((await client.execute('SELECT count(*) AS n FROM cb_accounts')).rows[0]!.n).toBe(0);
  });
});
