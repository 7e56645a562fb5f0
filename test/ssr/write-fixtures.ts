/**
 * Writes test/ssr/out/page.html: every element of the manifest rendered by @lit-labs/ssr, as a Node
 * host would serve it. test/components/ssr-hydration.test.ts loads it in Chromium and hydrates it.
 * Run by `npm run test:components` before the browser suites (`npx tsx test/ssr/write-fixtures.ts`
 * when running that group alone).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pageAttributes, renderElement } from './render-elements.js';

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as {
  modules: Array<{ declarations?: Array<{ tagName?: string }> }>;
};
const tags = manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : []));

// The page's own light DOM beside what the elements render: a logo for cb-login's slot.
const children: Record<string, string> = {
  'cb-login': '<img slot="logo" alt="Acme Portal" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
};
const page = tags.map((tag) => `<${tag} ${pageAttributes[tag] ?? ''}>${children[tag] ?? ''}</${tag}>`).join('\n');

const out = new URL('./out/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('page.html', out), await renderElement('main', 'id="ssr"', page));
console.log(`test/ssr/out/page.html: ${tags.length} elements rendered on the server`);
