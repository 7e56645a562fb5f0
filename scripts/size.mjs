// Size of the initial load of the elements: components/index.ts (all six elements, Lit and
// @lit/context included) bundled and minified as a host would ship it, counting the entry chunk and
// the chunks it imports statically. What loads lazily is left out: libphonenumber-js (the enrollment
// step imports it) and the locales other than English (loaded when `lang` asks for them).
// Exits 1 over the budget (25 KB gzipped; the target is 20 KiB).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const BUDGET = 25_000;
const TARGET = 20 * 1024;
const outdir = path.resolve('.size-out'); // never written: write is false

// package.json "sideEffects" names the dist/ define modules; from the sources esbuild would think
// components/define/*.ts pure and drop them. Mark them as what they are, so the measure counts what a
// host gets from the package (dependencies keep their own sideEffects flags and tree-shaking).
const defineModulesHaveSideEffects = {
  name: 'define-modules-have-side-effects',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*(define\/)?cb-[\w-]+\.js$|^\.\/define\// }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
      return { ...r, sideEffects: true };
    });
  },
};

const result = await build({
  entryPoints: ['components/index.ts'],
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
  plugins: [defineModulesHaveSideEffects],
  metafile: true,
  logLevel: 'warning',
});

const outputs = result.metafile.outputs;
const files = new Map(result.outputFiles.map((f) => [path.relative(process.cwd(), f.path), f.contents]));
const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint === 'components/index.ts');
const initial = new Set();
const visit = (name) => {
  if (initial.has(name)) return;
  initial.add(name);
  for (const imp of outputs[name].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
};
visit(entry);

const chunks = [...initial].map((name) => files.get(name));
const defined = chunks.reduce((n, c) => n + (new TextDecoder().decode(c).match(/customElements\.define\(/g) ?? []).length, 0);
if (defined < 6) {
  console.error(`Only ${defined} of the 6 define calls are in the bundle; the measure would be wrong.`);
  process.exit(1);
}
const minified = chunks.reduce((n, c) => n + c.length, 0);
const gzipped = chunks.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0);
const leaked = [...initial].flatMap((name) => Object.keys(outputs[name].inputs)).filter((p) => /libphonenumber-js|locales\//.test(p));
const lazy = Object.keys(outputs).filter((k) => !initial.has(k) && k.endsWith('.js'));

console.log(`initial load (components/index.ts, ${initial.size} chunk(s)): ${minified} B minified, ${gzipped} B gzipped`);
console.log(`budget ${BUDGET} B gzipped; target ${TARGET} B; lazy chunks not counted: ${lazy.length}`);
if (leaked.length) {
  console.error(`Lazy modules ended up in the initial load: ${[...new Set(leaked)].join(', ')}`);
  process.exit(1);
}
if (gzipped > BUDGET) {
  console.error(`Over budget by ${gzipped - BUDGET} B gzipped.`);
  process.exit(1);
}
if (gzipped > TARGET) console.warn(`Within budget, but ${gzipped - TARGET} B over the 20 KiB target.`);
