// `npm run check:manifest`: the Custom Elements Manifest and what is generated from it can be trusted.
//  1. fresh: custom-elements.json, the VS Code and JetBrains data and the JSX types are what
//     `npm run analyze` makes from the sources now (fix: run it and commit the result);
//  2. valid: schema 2.1.0, and @wc-toolkit/cem-validator with no error and no warning;
//  3. true to the code: dist/ paths of real modules, a definition per tag, typed events whose types the
//     classes entry exports, every part an element renders, every --cb-* token its styles read;
//  4. seen by the tools from what ships (the emitted .d.ts, where decorators are gone):
//     web-component-analyzer finds every element with its attributes and events, and lit-analyzer
//     knows every documented attribute; lit-analyzer also checks the templates in components/ and tests;
//  5. the JSX types: TSX fixtures for React, Preact and Solid type-check (test/components/jsx).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import { validateCem } from '@wc-toolkit/cem-validator';

const GENERATED = ['custom-elements.json', 'vscode.html-custom-data.json', 'vscode.css-custom-data.json', 'web-types.json', 'custom-elements-jsx.d.ts'];
const failures = [];
const fail = (msg) => failures.push(msg);
const node = (args, opts = {}) => execFileSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
const step = (name, fn) => {
  const before = failures.length;
  try {
    fn();
  } catch (e) {
    fail(`${name}: ${e.stderr || e.stdout || e.message}`);
  }
  console.log(`${failures.length === before ? 'ok  ' : 'FAIL'} ${name}`);
};

// The analyzer joins --outdir to the working directory, so the temporary directory lives here.
const dir = path.relative(process.cwd(), mkdtempSync('.cem-check-'));
try {
  // 1. Fresh.
  step('generated files are fresh (npm run analyze)', () => {
    node(['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--outdir', dir]);
    node(['scripts/generate-ide-data.mjs', path.join(dir, 'custom-elements.json'), dir]);
    for (const f of GENERATED) {
      if (!existsSync(f)) fail(`${f} is missing: run \`npm run analyze\` and commit it.`);
      else if (readFileSync(path.join(dir, f), 'utf8') !== readFileSync(f, 'utf8')) fail(`${f} is stale: run \`npm run analyze\` and commit the result.`);
    }
  });

  const manifest = JSON.parse(readFileSync(path.join(dir, 'custom-elements.json'), 'utf8'));
  const decls = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, modulePath: m.path })));
  const elements = decls.filter((d) => d.customElement && d.tagName);
  const byName = new Map(decls.map((d) => [d.name, d]));

  // 2. Valid.
  step('schema 2.1.0', () => {
    const schema = JSON.parse(readFileSync('node_modules/custom-elements-manifest/schema.json', 'utf8'));
    const Ajv = AjvModule.default ?? AjvModule;
    const ajv = new Ajv({ allErrors: true, strict: false });
    if (!ajv.validate(schema, manifest)) fail(`schema: ${ajv.errorsText(ajv.errors, { separator: '\n  ' })}`);
  });
  await (async () => {
    // Every rule that applies is an error, so a warning fails too. Off, with reasons:
    // - exportTypes wants each element's module to export the types of its API; the element modules
    //   are not entry points (package.json exports them through cb-2fa/components/classes), so the
    //   check below asks that entry for them instead;
    // - typeDefinitionPath flags any path ending in `.ts`, `.d.ts` included; ours sit beside the `.js`.
    const logged = [];
    const log = console.log;
    console.log = (...a) => logged.push(a.join(' '));
    let error;
    try {
      await validateCem(manifest, {
        exclude: decls.filter((d) => d.customElement && !d.tagName).map((d) => d.name),
        rules: {
          packageJson: { packageType: 'error', exports: 'error', customElementsProperty: 'error', publishedCem: 'error' },
          manifest: { schemaVersion: 'error', modulePath: 'error', definitionPath: 'error', tagName: 'error', exportTypes: 'off', typeDefinitionPath: 'off' },
        },
      });
    } catch (e) {
      error = e;
    } finally {
      console.log = log;
    }
    if (error) fail(`cem-validator: ${error.message ?? error}\n${logged.join('\n')}`);
    console.log(`${error ? 'FAIL' : 'ok  '} @wc-toolkit/cem-validator`);
  })();

  // 3. True to the code.
  const source = (distPath) => distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  step('paths point to the shipped JS of real modules', () => {
    const refs = [];
    const visit = (v) => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'module' && typeof x === 'string' ? refs.push(x) : visit(x);
    };
    visit(manifest.modules.map((m) => ({ ...m, module: m.path })));
    for (const p of new Set(refs)) {
      if (!/^dist\/.*\.js$/.test(p)) fail(`path ${p} is not shipped JS in dist/`);
      else if (!existsSync(source(p))) fail(`path ${p} has no source ${source(p)}`);
    }
  });
  step('a custom-element-definition export per tag', () => {
    const defs = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition'));
    for (const el of elements) {
      const def = defs.find((e) => e.name === el.tagName);
      if (!def) fail(`<${el.tagName}>: no custom-element-definition export`);
      else if (def.declaration.name !== el.name || def.declaration.module !== el.modulePath) fail(`<${el.tagName}>: the definition names ${def.declaration.name} in ${def.declaration.module}`);
    }
  });
  step('typed events, their types exported by cb-2fa/components/classes', () => {
    const classes = readFileSync('components/classes.ts', 'utf8');
    for (const el of elements) {
      for (const e of el.events ?? []) {
        const t = e.type?.text;
        if (!t) fail(`<${el.tagName}> ${e.name}: no type (write \`@fires {CbXEvent} ${e.name} - …\`)`);
        else if (!new RegExp(`\\b${t}\\b`).test(classes)) fail(`<${el.tagName}> ${e.name}: ${t} is not exported from components/classes.ts`);
      }
    }
  });

  // The sources an element's rendering comes from: its module and its superclasses' modules.
  const chain = (el) => {
    const out = [];
    for (let d = el; d; d = d.superclass && byName.get(d.superclass.name)) if (!out.includes(d.modulePath)) out.push(d.modulePath);
    return out.map(source);
  };
  const partsIn = (file) => {
    const text = readFileSync(file, 'utf8');
    return new Set([...text.matchAll(/\bpart="([^"$]*)"/g)].flatMap((m) => m[1].split(/\s+/).filter(Boolean)));
  };
  step('every rendered part is documented, every documented part rendered', () => {
    for (const el of elements) {
      const documented = new Set([...(el.cssParts ?? []), ...(el.lightParts ?? [])].map((p) => p.name));
      const own = partsIn(source(el.modulePath));
      const all = new Set(chain(el).flatMap((f) => [...partsIn(f)]));
      for (const p of own) if (!documented.has(p)) fail(`<${el.tagName}> renders part "${p}" but documents it neither as @csspart (shadow) nor @lightpart (light DOM)`);
      for (const p of documented) if (!all.has(p)) fail(`<${el.tagName}> documents part "${p}", which it does not render`);
      const both = (el.cssParts ?? []).filter((p) => (el.lightParts ?? []).some((l) => l.name === p.name && !l.inheritedFrom));
      for (const p of both) if (!p.inheritedFrom) fail(`<${el.tagName}> documents "${p.name}" as both a shadow and a light-DOM part`);
    }
  });
  step('every --cb-* token the styles read is documented', () => {
    // --cb-portal-accent is not for pages: the element sets it on itself from GET /portal (a page sets --cb-color-accent).
    const internal = new Set(['--cb-portal-accent']);
    const tokensIn = (file) => new Set([...readFileSync(file, 'utf8').matchAll(/var\((--cb-[\w-]+)/g)].map((m) => m[1]).filter((t) => !internal.has(t)));
    // The shared sheets' tokens are global, but for those named after one element
    // (`--cb-verify-code-letter-spacing` styles the code input of the shared form sheet): that element's.
    const shared = [...new Set(readdirSync('components/styles').flatMap((f) => [...tokensIn(path.join('components/styles', f))]))];
    const ownerOf = (t) => elements.find((el) => t.startsWith(`--cb-${el.tagName.slice(3)}-`));
    const global = shared.filter((t) => !ownerOf(t));
    if (global.length < 15) fail(`only ${global.length} global tokens found in components/styles`);
    for (const el of elements) {
      const documented = new Set((el.cssProperties ?? []).map((p) => p.name));
      const lineage = new Set(chain(el));
      const dirs = [...new Set([...lineage].map((f) => path.dirname(f)))].filter((d) => d !== 'components/internal');
      const own = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.styles.ts')).flatMap((f) => [...tokensIn(path.join(d, f))]));
      const theirs = shared.filter((t) => ownerOf(t) && lineage.has(source(ownerOf(t).modulePath)));
      for (const t of new Set([...global, ...theirs, ...own])) if (!documented.has(t)) fail(`<${el.tagName}> reads ${t} but does not document it (@cssproperty)`);
    }
  });

  // 4. What the tools see in what ships: declarations emitted as tsconfig.build.json would.
  const decl = path.join(dir, 'decl');
  step('declarations build (components, protocol)', () => {
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.json',
        compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: 'decl', rootDir: '..' },
        include: ['../components', '../protocol'],
      }),
    );
    node(['node_modules/typescript/bin/tsc', '-p', path.join(dir, 'tsconfig.json')]);
  });
  step('web-component-analyzer finds every element in the shipped .d.ts, with its attributes and events', () => {
    const out = path.join(dir, 'wca.json');
    node(['node_modules/web-component-analyzer/cli.js', 'analyze', `${decl}/components/**/*.d.ts`, '--format', 'json', '--outFile', out]);
    const tags = new Map(JSON.parse(readFileSync(out, 'utf8')).tags.map((t) => [t.name, t]));
    for (const el of elements) {
      const t = tags.get(el.tagName);
      if (!t) {
        fail(`wca: <${el.tagName}> not found`);
        continue;
      }
      const attrs = new Set((t.attributes ?? []).map((a) => a.name));
      const events = new Set((t.events ?? []).map((e) => e.name));
      for (const a of el.attributes ?? []) if (!attrs.has(a.name)) fail(`wca: <${el.tagName}> has no attribute ${a.name} in its .d.ts (an @attr tag on the class)`);
      for (const e of el.events ?? []) if (!events.has(e.name)) fail(`wca: <${el.tagName}> has no event ${e.name} in its .d.ts`);
    }
  });

  // lit-analyzer 2.0.3 bundles HTML and CSS data older than some of what the elements use, and a type
  // engine that misreads some intersections; these rules are off, with what stands in for them:
  // - no-invalid-css: it does not know `accent-color` (the browsers do; the element tests render it);
  // - no-incompatible-type-binding: it does not know `autocomplete="one-time-code"` and rejects valid
  //   `.strings=${…}` partial objects (tsc type-checks the values);
  // - no-missing-import: the class modules render their steps without registering them, on purpose
  //   (the define modules register them; see components/define/);
  // - no-unknown-event, in our own templates: it does not know `close` on <dialog> nor `paste`. The
  //   page below binds every event of every element with it on.
  const litAnalyzer = (files, events = 'off') => {
    const rules = { 'no-unknown-tag-name': 'error', 'no-unknown-attribute': 'error', 'no-unknown-property': 'error', 'no-unknown-event': events, 'no-unknown-slot': 'error', 'no-invalid-css': 'off', 'no-incompatible-type-binding': 'off', 'no-missing-import': 'off' };
    const args = ['node_modules/lit-analyzer/cli.js', ...files, '--strict', '--format', 'list', '--noColor', ...Object.entries(rules).flatMap(([r, s]) => [`--rules.${r}`, s])];
    const res = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (res.status !== 0 || /✖/.test(res.stdout)) fail(`lit-analyzer ${files.join(' ')}:\n${res.stdout}${res.stderr}`);
  };
  step('lit-analyzer: the templates of components/ and test/components/', () => litAnalyzer(['components/**/*.ts', 'test/components/**/*.ts']));
  step('lit-analyzer: a page using every documented attribute and event, against the shipped .d.ts', () => {
    const sample = (a) => (/boolean/.test(a.type?.text ?? '') ? '' : `="${/number/.test(a.type?.text ?? '') ? '6' : (a.type?.text?.match(/'([^']+)'/)?.[1] ?? 'x')}"`);
    const use = (el) => [...(el.attributes ?? []).map((a) => `${a.name}${sample(a)}`), ...(el.events ?? []).map((e) => `@${e.name}=\${on}`)].join(' ');
    const page = elements.map((el) => `<${el.tagName} ${use(el)}></${el.tagName}>`).join('\n');
    const app = path.join(dir, 'consumer.ts');
    writeFileSync(app, `import { html } from 'lit';\nimport './decl/components/index.js';\nconst on = (e: Event) => e;\nexport const page = html\`\n${page}\n\`;\n`);
    litAnalyzer([app], 'error');
  });

  // 5. JSX types.
  step('JSX types: the TSX fixtures for React, Preact and Solid type-check', () => {
    for (const fw of ['react', 'preact', 'solid']) node(['node_modules/typescript/bin/tsc', '-p', `test/components/jsx/tsconfig.${fw}.json`]);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\n${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
} else console.log('custom-elements.json and its generated files can be trusted.');
