// The elements' size as a host ships them (product spec §8): each page's initial JavaScript,
// bundled and minified with Lit and @lit/context, counting the entry chunk and the chunks it imports
// statically. What loads lazily is left out, and must stay lazy: libphonenumber-js (the enrollment
// step imports it) and the locales other than English (loaded when `lang` asks for them).
//
// - the login page: `cb-2fa/components/cb-login` (every step of the login), target 20 KiB gzipped;
// - every other element, on top of the login page (a page that has both): at most 6 KiB more;
// - all of them (`cb-2fa/components`), for the record.
// Exits 1 when the login page is over its target or an element over its 6 KiB, or when a lazy
// module is in an initial load.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const LOGIN_TARGET = 20 * 1024;
const ELEMENT_TARGET = 6 * 1024;
const outdir = path.resolve('.size-out'); // never written: write is false
const define = (tag) => path.resolve(`components/define/${tag}.ts`);
const ELEMENTS = ['cb-enroll-phone', 'cb-verify-code', 'cb-2fa-optin-dialog', 'cb-admin-reset', 'cb-2fa-settings', 'cb-step-up', 'cb-recovery-codes', 'cb-change-phone', 'cb-trusted-devices'];

// package.json "sideEffects" names the dist/ define modules; from the sources esbuild would think
// components/define/*.ts pure and drop them. Mark them as what they are, so the measure counts what a
// host gets from the package (dependencies keep their own sideEffects flags and tree-shaking).
const defineModulesHaveSideEffects = {
  name: 'define-modules-have-side-effects',
  setup(b) {
    b.onResolve({ filter: /(define\/)?cb-[\w-]+\.[jt]s$|\/define\/|components\/index\.ts$/ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
      return /\/components\/(define\/|index\.ts$)/.test(r.path) ? { ...r, sideEffects: true } : r;
    });
  },
};

/** A page importing `files` (define modules, or the index), as one entry. */
async function measure(files) {
  const page = {
    name: 'page',
    setup(b) {
      b.onResolve({ filter: /^page:/ }, () => ({ path: 'page', namespace: 'page' }));
      b.onLoad({ filter: /.*/, namespace: 'page' }, () => ({
        contents: files.map((f) => `import ${JSON.stringify(f)};`).join('\n'),
        resolveDir: process.cwd(),
        loader: 'js',
      }));
    },
  };
  const result = await build({
    entryPoints: ['page:'],
    bundle: true,
    splitting: true,
    outdir,
    minify: true,
    format: 'esm',
    target: 'es2021',
    platform: 'browser',
    write: false,
    tsconfig: 'tsconfig.json',
    external: ['libphonenumber-js', 'libphonenumber-js/*'],
    conditions: ['production'], // Lit's production build, as a host bundler picks it.
    legalComments: 'none',
    plugins: [page, defineModulesHaveSideEffects],
    metafile: true,
    logLevel: 'warning',
    // The define modules import the events module for its global event types only: nothing to keep.
    logOverride: { 'ignored-bare-import': 'silent' },
  });
  const outputs = result.metafile.outputs;
  const contents = new Map(result.outputFiles.map((f) => [path.relative(process.cwd(), f.path), f.contents]));
  const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint);
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const imp of outputs[name].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(entry);
  const chunks = [...initial].map((name) => contents.get(name));
  const text = chunks.map((c) => new TextDecoder().decode(c)).join('\n');
  return {
    gzipped: chunks.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
    minified: chunks.reduce((n, c) => n + c.length, 0),
    defined: (text.match(/customElements\.define\(/g) ?? []).length,
    leaked: [...new Set([...initial].flatMap((name) => Object.keys(outputs[name].inputs)).filter((p) => /libphonenumber-js|locales\//.test(p)))],
    lazy: Object.keys(outputs).filter((k) => !initial.has(k) && k.endsWith('.js')).length,
  };
}

let failed = false;
const fail = (message) => {
  console.error(message);
  failed = true;
};

const login = await measure([define('cb-login')]);
console.log(`login page (cb-2fa/components/cb-login): ${login.minified} B minified, ${login.gzipped} B gzipped (target ${LOGIN_TARGET}); lazy chunks not counted: ${login.lazy}`);
if (login.gzipped > LOGIN_TARGET) fail(`The login page is ${login.gzipped - LOGIN_TARGET} B over its 20 KiB target.`);

for (const tag of ELEMENTS) {
  const both = await measure([define('cb-login'), define(tag)]);
  const added = both.gzipped - login.gzipped;
  console.log(`  + <${tag}>: ${added} B gzipped more (target ${ELEMENT_TARGET})`);
  if (added > ELEMENT_TARGET) fail(`<${tag}> adds ${added - ELEMENT_TARGET} B over its 6 KiB.`);
  if (both.leaked.length) fail(`Lazy modules ended up in the initial load with <${tag}>: ${both.leaked.join(', ')}`);
}

const all = await measure([path.resolve('components/index.ts')]);
console.log(`every element (cb-2fa/components): ${all.minified} B minified, ${all.gzipped} B gzipped`);
if (all.defined < ELEMENTS.length + 1) fail(`Only ${all.defined} of the ${ELEMENTS.length + 1} define calls are in the bundle; the measure would be wrong.`);
for (const m of [login, all]) if (m.leaked.length) fail(`Lazy modules ended up in the initial load: ${m.leaked.join(', ')}`);
if (failed) process.exit(1);
