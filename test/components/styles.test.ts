import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { CbLogin } from '../../components/login/login.js';
import type { CbAdminReset } from '../../components/admin-reset/admin-reset.js';
import { face, fakeServer, settle, type FakeServer } from './support/fake-server.js';

const color = (el: Element) => getComputedStyle(el).color;
const bg = (el: Element) => getComputedStyle(el).backgroundColor;

describe('styles: theming and isolation', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('registers all six tags from components/index.ts', () => {
    for (const tag of ['cb-login', 'cb-enroll-phone', 'cb-verify-code', 'cb-2fa-optin-dialog', 'cb-admin-reset', 'cb-2fa-settings'])
      expect(customElements.get(tag), tag).to.exist;
  });

  it('does not leak the form styles out to look-alike markup on the page', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <cb-login></cb-login>
      <form class="cb-form"><input class="cb-input" /><button class="cb-button">x</button></form>
    </div>`);
    await wrap.querySelector('cb-login')!.updateComplete;
    const inside = wrap.querySelector('cb-login .cb-button')!;
    const outside = wrap.querySelector(':scope > form .cb-button')!;
    expect(bg(inside)).to.equal('rgb(10, 88, 202)');
    expect(bg(outside)).not.to.equal(bg(inside));
    expect(getComputedStyle(wrap.querySelector(':scope > form .cb-input')!).borderTopLeftRadius).not.to.equal('6px');
  });

  it('keeps generic page rules out of the shadow-DOM elements and out-ranks them on the form', async () => {
    const style = document.createElement('style');
    style.textContent = 'button { color: rgb(255, 0, 0) !important; } input { border-radius: 0; background: rgb(255, 255, 0); }';
    document.head.append(style);
    try {
      const wrap = await fixture<HTMLDivElement>(html`<div><cb-admin-reset></cb-admin-reset><cb-login></cb-login></div>`);
      const reset = wrap.querySelector<CbAdminReset>('cb-admin-reset')!;
      const login = wrap.querySelector<CbLogin>('cb-login')!;
      await reset.updateComplete;
      await login.updateComplete;
      expect(color(reset.shadowRoot!.querySelector('button')!)).not.to.equal('rgb(255, 0, 0)');
      const input = login.querySelector('input')!;
      expect(getComputedStyle(input).borderTopLeftRadius).to.equal('6px');
      expect(bg(input)).to.equal('rgb(255, 255, 255)');
    } finally {
      style.remove();
    }
  });

  it('takes --cb-* tokens from the page', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="--cb-color-accent: rgb(107, 33, 168); --cb-radius: 2px">
      <cb-login></cb-login>
    </div>`);
    const login = wrap.querySelector<CbLogin>('cb-login')!;
    await login.updateComplete;
    const button = login.querySelector('.cb-button')!;
    expect(bg(button)).to.equal('rgb(107, 33, 168)');
    expect(getComputedStyle(button).borderTopLeftRadius).to.equal('2px');
  });

  it('follows the page color-scheme: light by default, dark when the page asks', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <cb-login id="light"></cb-login>
      <div style="color-scheme: dark"><cb-login id="dark"></cb-login></div>
    </div>`);
    const light = wrap.querySelector<CbLogin>('#light')!;
    const dark = wrap.querySelector<CbLogin>('#dark')!;
    await light.updateComplete;
    await dark.updateComplete;
    const card = (el: CbLogin) => el.shadowRoot!.querySelector('[part="base"]')!;
    expect(bg(card(light))).to.equal('rgb(255, 255, 255)');
    expect(bg(card(dark))).to.equal('rgb(22, 27, 34)');
    expect(color(dark)).to.equal('rgb(230, 237, 243)');
  });

  describe("the portal's accent (GET /portal)", () => {
    const button = (el: CbLogin) => el.querySelector('.cb-button')!;

    it('colors the buttons with the portal accent', async () => {
      server.on('GET /portal', { body: face({ accent: '#0b5cad' }) });
      const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
      await settle(el);
      expect(bg(button(el))).to.equal('rgb(11, 92, 173)');
    });

    it("keeps the page's --cb-color-accent over the portal's", async () => {
      server.on('GET /portal', { body: face({ accent: '#0b5cad' }) });
      const wrap = await fixture<HTMLDivElement>(html`<div style="--cb-color-accent: rgb(107, 33, 168)"><cb-login></cb-login></div>`);
      const el = wrap.querySelector<CbLogin>('cb-login')!;
      await settle(el);
      expect(bg(button(el))).to.equal('rgb(107, 33, 168)');
    });

    it('keeps the theme accent for a value that is not a color, and in the dark palette', async () => {
      server.on('GET /portal', { body: face({ accent: 'banana' }) });
      const el = await fixture<CbLogin>(html`<cb-login></cb-login>`);
      await settle(el);
      expect(bg(button(el))).to.equal('rgb(10, 88, 202)');
      server.restore();
      server = fakeServer().on('GET /portal', { body: face({ accent: '#0b5cad' }) });
      const wrap = await fixture<HTMLDivElement>(html`<div style="color-scheme: dark"><cb-login></cb-login></div>`);
      const dark = wrap.querySelector<CbLogin>('cb-login')!;
      await settle(dark);
      expect(bg(button(dark))).to.equal('rgb(121, 176, 255)');
    });
  });
});
