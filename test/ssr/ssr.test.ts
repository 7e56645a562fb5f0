/**
 * Server rendering (@lit-labs/ssr): every element imports and renders in Node, as declarative shadow
 * DOM, without browser globals (`ShadowRoot`, `CSS`, `this.style`) and without calling the router. What
 * the server renders is what the browser's first render produces, so hydration can adopt it
 * (test/components/ssr-hydration.test.ts hydrates this output in Chromium).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { registerStrings } from '../../components/internal/strings.js';
import { fr } from '../../components/locales/fr.js';
import { pageAttributes, renderElement } from './render-elements.js';

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as {
  modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }> }> }>;
};
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
const tags = elements.map((d) => d.tagName!);

/** The declarative shadow root of the element's first occurrence. */
const shadowOf = (out: string, tag: string): string => {
  const m = new RegExp(`<${tag}\\b[^>]*><template shadowroot="open" shadowrootmode="open">([\\s\\S]*?)</template>`).exec(out);
  if (!m) throw new Error(`no declarative shadow root for <${tag}> in:\n${out.slice(0, 400)}`);
  return m[1]!.replace(/<style>[\s\S]*?<\/style>/, '');
};
const text = (s: string) => s.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

describe('server rendering', () => {
  let fetchSpy: MockInstance<typeof fetch>;
  beforeEach(() => {
    fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('the server render must not call the router'));
  });
  afterEach(() => fetchSpy.mockRestore());

  it('finds the elements in the manifest', () => {
    expect(tags).toEqual(expect.arrayContaining(Object.keys(pageAttributes)));
  });

  // Every element of the manifest, so a new one is covered the day it is added.
  for (const tag of tags) {
    it(`renders <${tag}> as declarative shadow DOM with its styles, calling nothing`, async () => {
      const out = await renderElement(tag);
      expect(out).toMatch(new RegExp(`<${tag}\\b[^>]*><template shadowroot="open" shadowrootmode="open"><style>[^<]*:host`));
      expect(shadowOf(out, tag)).toMatch(/part="(base|dialog)"/);
      // What the server renders in the shadow root is what the manifest offers to `::part()`.
      const documented = new Set(elements.find((d) => d.tagName === tag)!.cssParts?.map((p) => p.name));
      const rendered = [...shadowOf(out, tag).matchAll(/\bpart="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/));
      expect(rendered.filter((p) => !documented.has(p)), 'shadow parts missing from the manifest').toEqual([]);
      // Let any promise a render started settle: it must neither fetch nor touch a DOM the server lacks.
      await new Promise((r) => setTimeout(r, 20));
      expect(fetchSpy).not.toHaveBeenCalled();
    });
  }

  it('<cb-login>: the card, the logo slot with nothing in it yet (no face on the server), the page\'s logo kept', async () => {
    const out = await renderElement('cb-login', 'reset-href="/reset"', '<img slot="logo" alt="Acme" src="/logo.svg">');
    const shadow = shadowOf(out, 'cb-login');
    expect(shadow).toMatch(/<div part="logo" class="logo">\s*<slot name="logo"><!--lit-part--><!--\/lit-part--><\/slot>/);
    expect(shadow).not.toContain('YOUR LOGO HERE');
    expect(out).toContain('</template><img slot="logo" alt="Acme" src="/logo.svg"></cb-login>');
  });

  it('<cb-2fa-optin-dialog>: the seed texts, closed until the browser opens it', async () => {
    const shadow = shadowOf(await renderElement('cb-2fa-optin-dialog', 'open'), 'cb-2fa-optin-dialog');
    expect(text(shadow)).toContain('Enable Two Factor Authentication with SMS');
    expect(shadow).toMatch(/<dialog\s+part="dialog"(?![^>]*\bopen\b)/);
  });

  it('<cb-admin-reset> with ids: "Loading…" as in the browser\'s first render, and no request', async () => {
    const shadow = shadowOf(await renderElement('cb-admin-reset'), 'cb-admin-reset');
    expect(shadow).toMatch(/aria-busy="true"/);
    expect(text(shadow)).toContain('Loading…');
  });

  it('<cb-2fa-settings>: the checkboxes are not shown checked before the settings arrive', async () => {
    const shadow = shadowOf(await renderElement('cb-2fa-settings'), 'cb-2fa-settings');
    // A property binding of `checked` is serialized as the attribute: `checked="false"` would check the box.
    expect(shadow).not.toMatch(/<input[^>]*\schecked\b/);
    expect(text(shadow)).toContain('Two Factor Authentication');
  });

  it('speaks the element\'s own lang when its strings are registered on the server', async () => {
    registerStrings('fr', fr);
    const out = await renderElement('cb-2fa-optin-dialog', 'lang="fr"');
    expect(out).toMatch(/<cb-2fa-optin-dialog\s+lang="fr">/);
    expect(text(shadowOf(out, 'cb-2fa-optin-dialog'))).toContain(fr.optInConfirm!);
  });

  it('renders elements side by side in one page template, each with its own shadow root', async () => {
    const page = await renderElement('main', '', '<cb-2fa-optin-dialog></cb-2fa-optin-dialog><cb-admin-reset></cb-admin-reset>');
    expect(shadowOf(page, 'cb-2fa-optin-dialog')).toContain('part="dialog"');
    expect(shadowOf(page, 'cb-admin-reset')).toContain('part="base"');
  });
});
