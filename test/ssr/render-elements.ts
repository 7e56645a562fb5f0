/**
 * Server rendering of the elements with @lit-labs/ssr, as a Node host would do it: import the
 * define modules (Lit's Node build brings its DOM shim), render a template, collect the string.
 * Shared by the vitest suite (test/ssr) and the fixture the hydration test loads in Chromium.
 */
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html, unsafeStatic } from 'lit/static-html.js';
import '../../components/index.js';

/** What each element is rendered with: the attributes a page would give it. */
export const pageAttributes: Record<string, string> = {
  'cb-login': 'reset-href="/account/reset"',
  'cb-enroll-phone': 'can-skip default-country="CA"',
  'cb-verify-code': 'mode="confirm" masked-phone="xxx-xxx-9443"',
  'cb-2fa-optin-dialog': '',
  'cb-admin-reset': 'contact-id="c1" organization-id="org1"',
  'cb-2fa-settings': '',
};

/** Server HTML of one element, with optional attributes and light-DOM children (trusted test markup). */
export const renderElement = (tag: string, attributes = pageAttributes[tag] ?? '', children = ''): Promise<string> =>
  collectResult(render(html`${unsafeStatic(`<${tag} ${attributes}>${children}</${tag}>`)}`));
