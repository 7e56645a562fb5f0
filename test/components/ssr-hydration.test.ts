/**
 * Hydration of server-rendered elements in Chromium: the page is the HTML @lit-labs/ssr made in Node
 * (test/ssr/write-fixtures.ts → test/ssr/out/page.html), loaded before any element is defined, as a
 * server-rendered page is. With `@lit-labs/ssr-client/lit-element-hydrate-support.js` loaded first,
 * each element adopts its declarative shadow root instead of rendering it again, then works:
 * the login form takes typing and signs in.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CbLogin } from '../../components/login/login.js';
import type { CbAuthenticatedEvent } from '../../components/internal/events.js';
import { fakeServer, settle, user, type FakeServer } from './support/fake-server.js';

const FIXTURE = '/test/ssr/out/page.html';

/** The first element of a shadow root's content (its frame), skipping the server's <style>. */
const frameOf = (root: ShadowRoot) => [...root.children].find((c) => c.localName !== 'style')!;

describe('hydrating server-rendered elements', () => {
  let server: FakeServer;
  let page: HTMLElement;
  const served = new Map<Element, { root: ShadowRoot; frame: Element }>();

  before(async () => {
    const res = await fetch(FIXTURE);
    if (!res.ok) throw new Error(`${FIXTURE} is missing: run \`npx tsx test/ssr/write-fixtures.ts\` (npm run test:components does)`);
    page = document.createElement('div');
    // setHTMLUnsafe parses <template shadowrootmode> into shadow roots, as a page load does.
    page.setHTMLUnsafe(await res.text());
    document.body.append(page);
    for (const el of page.querySelectorAll('main > *')) {
      expect(el.shadowRoot, `${el.localName} arrives with a declarative shadow root`).to.exist;
      served.set(el, { root: el.shadowRoot!, frame: frameOf(el.shadowRoot!) });
    }
    expect(customElements.get('cb-login'), 'no element is defined before the page is there').to.equal(undefined);
    server = fakeServer();
    // What the server render could not know arrives after hydration: the settings (on connect).
    server.on('GET /admin/settings', {
      body: { enabled: true, allowOptOut: false, generation: 1, updatedAt: null, canEdit: true, voiceFallback: false, trustDeviceDays: 30, recoveryCodes: true, selfServicePhoneChange: false },
    });
    await import('../../components/index.js');
    for (const el of served.keys()) await (el as CbLogin).updateComplete;
    await settle();
  });
  after(() => {
    server.restore();
    page.remove();
  });

  it('hydrates every element: the server-rendered shadow DOM is adopted, not rendered again', () => {
    expect(served.size).to.be.greaterThan(5);
    for (const [el, { root, frame }] of served) {
      expect(customElements.get(el.localName), el.localName).to.exist;
      expect(el.shadowRoot, el.localName).to.equal(root);
      // Without hydration, Lit would clear the declarative root and render new nodes into it.
      expect(frameOf(el.shadowRoot!), `${el.localName} keeps its server-rendered frame`).to.equal(frame);
      expect([...root.children].filter((c) => c.localName === frame.localName).length, `${el.localName} has one frame`).to.equal(1);
    }
  });

  it('renders the light-DOM form beside the page\'s own slotted logo', () => {
    const login = page.querySelector<CbLogin>('cb-login')!;
    expect(login.querySelector('img[slot="logo"]')).to.exist;
    expect(login.querySelectorAll('form').length).to.equal(1);
    expect(login.querySelector('input[name="email"]')).to.exist;
  });

  it('<cb-login> works after hydration: typing into the form signs in', async () => {
    const login = page.querySelector<CbLogin>('cb-login')!;
    server.on('POST /login', { body: { step: 'authenticated', user } });
    login.querySelector<HTMLInputElement>('input[name="email"]')!.focus();
    await sendKeys({ type: 'demo@example.com' });
    login.querySelector<HTMLInputElement>('input[name="password"]')!.focus();
    await sendKeys({ type: 'demo-password' });
    const done = oneEvent(login, 'cb-authenticated') as Promise<CbAuthenticatedEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await done).detail.user.email).to.equal('demo@example.com');
    expect(server.last('POST /login')!.body).to.deep.equal({ email: 'demo@example.com', password: 'demo-password' });
    await settle(login);
    expect(login.step).to.equal('authenticated');
  });

  it('<cb-2fa-settings> shows the settings that arrived after hydration (not the server\'s unchecked boxes)', () => {
    const settings = page.querySelector('cb-2fa-settings')!;
    const boxes = [...settings.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    // enable, opt-out, then the ways back in: call, trust (30 days), recovery codes, phone change.
    expect(boxes.map((b) => b.checked)).to.deep.equal([true, false, false, true, true, false]);
    expect(boxes[0]!.disabled).to.equal(false);
  });
});
