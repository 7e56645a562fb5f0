/**
 * The light-DOM fields on a page without a global `box-sizing` reset (this test page has none):
 * each full-width input, select and button fits its field or card. With the browser's default
 * `content-box`, `width: 100%` plus padding and border is wider than the card, and the field sticks
 * out of it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { CbLogin } from '../../components/login/login.js';
import type { CbEnrollPhone } from '../../components/enroll-phone/enroll-phone.js';
import type { CbVerifyCode } from '../../components/verify-code/verify-code.js';
import { fakeServer, settle, type FakeServer } from './support/fake-server.js';

/** The content box of the element's shadow card (`part="base"`), where the form's slot lays out. */
const contentBox = (host: Element) => {
  const card = host.shadowRoot!.querySelector('[part="base"]')!;
  const r = card.getBoundingClientRect();
  const s = getComputedStyle(card);
  const px = (v: string) => Number.parseFloat(v) || 0;
  return {
    left: r.left + px(s.borderLeftWidth) + px(s.paddingLeft),
    right: r.right - px(s.borderRightWidth) - px(s.paddingRight),
  };
};

/** Every full-width control of the light form is inside the card and no wider than its own field. */
const expectWithin = (host: Element, selector: string) => {
  const box = contentBox(host);
  const controls = [...host.querySelectorAll<HTMLElement>(selector)];
  expect(controls.length, selector).to.be.greaterThan(0);
  for (const c of controls) {
    const r = c.getBoundingClientRect();
    const name = c.getAttribute('name') ?? c.getAttribute('part');
    expect(r.width, `${name} has a width`).to.be.greaterThan(0);
    expect(r.left, `${name} starts inside the card`).to.be.at.least(box.left - 0.5);
    expect(r.right, `${name} ends inside the card (card ends at ${box.right})`).to.be.at.most(box.right + 0.5);
    expect(c.offsetWidth, `${name} fits its field`).to.be.at.most(c.parentElement!.clientWidth);
  }
};

describe('light-DOM fields on a page without a box-sizing reset', () => {
  let server: FakeServer;
  beforeEach(() => (server = fakeServer()));
  afterEach(() => server.restore());

  it('has no reset on this page (the premise)', () => {
    const probe = document.createElement('input');
    document.body.append(probe);
    try {
      expect(getComputedStyle(probe).boxSizing).to.equal('content-box');
    } finally {
      probe.remove();
    }
  });

  it('<cb-login>: the email and password inputs and the submit button stay in the card', async () => {
    const el = await fixture<CbLogin>(html`<cb-login style="--cb-login-width: 20rem"></cb-login>`);
    await settle(el);
    expectWithin(el, '.cb-input, .cb-button');
  });

  it('<cb-enroll-phone>: the country list, the phone input and the buttons stay in the card', async () => {
    const el = await fixture<CbEnrollPhone>(html`<div style="width: 20rem"><cb-enroll-phone can-skip></cb-enroll-phone></div>`);
    const enroll = el.querySelector<CbEnrollPhone>('cb-enroll-phone')!;
    await settle(enroll);
    expectWithin(enroll, '.cb-input, .cb-select, .cb-button');
  });

  it('<cb-verify-code>: the code input and the submit button stay in the card', async () => {
    const el = await fixture<CbVerifyCode>(html`<div style="width: 20rem"><cb-verify-code masked-phone="xxx-xxx-9443"></cb-verify-code></div>`);
    const code = el.querySelector<CbVerifyCode>('cb-verify-code')!;
    await settle(code);
    expectWithin(code, '.cb-input, .cb-button');
  });
});
