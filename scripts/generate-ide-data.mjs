// Editor data and JSX types, generated from the Custom Elements Manifest so they cannot drift from it:
//   vscode.html-custom-data.json, vscode.css-custom-data.json  (VS Code `html.customData` / `css.customData`)
//   web-types.json                                              (JetBrains; package.json "web-types")
//   custom-elements-jsx.d.ts                                    (JSX IntrinsicElements for React 19, Preact, Solid; `cb-2fa/jsx`)
// Usage: node scripts/generate-ide-data.mjs [manifest] [outdir]   (defaults: custom-elements.json, .)
// `npm run analyze` runs it after `cem analyze`; scripts/check-manifest.mjs runs it into a temporary
// directory and fails when a committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getVsCodeCssCustomData, getVsCodeHtmlCustomData } from 'custom-element-vs-code-integration';
import { getWebTypesData } from 'custom-element-jet-brains-integration';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';

const [manifestPath = 'custom-elements.json', outdir = '.'] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** The entry that exports every element class and event class (components/classes.ts). */
const CLASSES = 'cb-2fa/components/classes';
const quiet = { hideLogs: true };
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName));

// Editors show an element's description on hover. The light-DOM parts (the form's nodes, styled with
// `tag [part~=name]`, not `::part()`) have no place of their own in that data: list them there.
const forEditors = structuredClone(manifest);
for (const mod of forEditors.modules) {
  for (const d of mod.declarations ?? []) {
    if (!d.customElement || !d.lightParts?.length) continue;
    const list = d.lightParts.map((p) => `- \`${p.name}\`: ${p.description}`).join('\n');
    d.description = `${d.description ?? ''}\n\n**Light-DOM parts** (select with \`${d.tagName} [part~="name"]\`):\n${list}`;
  }
}

// Pretty-printed, so a change to the manifest reads as a change of a few lines in review.
const write = (file, json) => writeFileSync(path.join(outdir, file), `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
const editorOptions = { ...quiet, hideMethodDocs: true, descriptionSrc: 'description' };
write('vscode.html-custom-data.json', getVsCodeHtmlCustomData(forEditors, editorOptions));
// CSS data is page-wide: each element repeats the global tokens, and several have a `title` part.
// One entry per name, with the different descriptions together.
const css = JSON.parse(getVsCodeCssCustomData(forEditors, editorOptions));
const once = (list = []) => {
  const byName = new Map();
  for (const item of list) {
    const prev = byName.get(item.name);
    if (!prev) byName.set(item.name, { ...item });
    else if (item.description && !prev.description?.includes(item.description)) prev.description = `${prev.description}\n\n${item.description}`;
  }
  return [...byName.values()];
};
write('vscode.css-custom-data.json', JSON.stringify({ ...css, properties: once(css.properties), pseudoElements: once(css.pseudoElements) }));
write('web-types.json', getWebTypesData(forEditors, { ...editorOptions, excludeCss: false }));

// JSX: prop types come from the classes (`CbLogin['resetHref']`) and events are typed with their
// Event subclasses, all imported from the classes entry. The generator imports every export of an
// element's module; only the element classes are wanted there, the event classes are added below.
const forJsx = structuredClone(manifest);
for (const mod of forJsx.modules) {
  const classes = new Set((mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.name));
  if (mod.declarations?.some((d) => d.customElement)) mod.exports = (mod.exports ?? []).filter((e) => classes.has(e.declaration?.name));
}
const JSX_FILE = 'custom-elements-jsx.d.ts';
generateJsxTypes(forJsx, { ...quiet, outdir, fileName: JSX_FILE, globalTypePath: CLASSES, stronglyTypedEvents: true });
const eventTypes = [...new Set(elements.flatMap((d) => d.events ?? []).map((e) => e.type?.text).filter((t) => /^[A-Z]\w*$/.test(t ?? '')))].sort();
const jsxPath = path.join(outdir, JSX_FILE);
const jsx = readFileSync(jsxPath, 'utf8');
const header = `// Generated from custom-elements.json by scripts/generate-ide-data.mjs; do not edit.
// JSX types of the elements for React 19, Preact and Solid: \`import type {} from 'cb-2fa/jsx';\` once
// in the app (or add "cb-2fa/jsx" to tsconfig "types"). React 19 event props keep the event's case:
// \`oncb-authenticated={(e) => e.detail.user}\`; Solid uses \`on:cb-authenticated\`.
import type { ${eventTypes.join(', ')} } from "${CLASSES}";
`;
// With "jsxImportSource": "solid-js", TypeScript reads the JSX namespace of solid-js/jsx-runtime; the
// generator augments only "solid-js", which re-exports that namespace, and the augmentation does not
// reach through a re-export.
const solidRuntime = `
declare module "solid-js/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElementsSolidJs {}
  }
}
`;
writeFileSync(jsxPath, header + jsx + solidRuntime);
console.log(`IDE data and JSX types for ${elements.length} elements written to ${outdir}`);
