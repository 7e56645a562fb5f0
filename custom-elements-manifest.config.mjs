// Custom Elements Manifest from the classes' JSDoc (`cem analyze`; `npm run analyze` also writes the
// editor data and JSX types from it, scripts/generate-ide-data.mjs). The base classes in
// internal/cb-element.ts are analyzed too, so the attributes and global tokens every element inherits
// (api-base, lang, --cb-*) reach each element's entry; the define modules give the
// `custom-element-definition` exports; the rest of internal/ is not API.
import { posix } from 'node:path';

export default {
  globs: ['components/**/*.ts'],
  exclude: [
    'components/internal/!(cb-element).ts',
    'components/react/**',
    'components/styles/**',
    'components/locales/**',
    'components/**/*.styles.ts',
  ],
  outdir: '.',
  litelement: true,
  // package.json's "customElements" field is kept by hand, not rewritten on every run.
  packagejson: false,
  plugins: [
    {
      // `@lightpart name - description`: the part names of the nodes an element renders into its
      // LIGHT DOM (its form, for autofill). They are not `::part()` targets (that reaches only into
      // shadow roots) but attribute selectors in the page's own tree (`cb-login [part~="input"]`),
      // so they get a field of their own instead of `cssParts`, where editors would offer `::part()`.
      name: 'cb-light-parts',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const tags = (node.jsDoc ?? []).flatMap((doc) => doc.tags ?? []).filter((t) => t.tagName.text === 'lightpart');
        if (!tags.length) return;
        const decl = moduleDoc.declarations?.find((d) => d.name === node.name.text);
        if (!decl) return;
        decl.lightParts = tags.map((t) => {
          const text = (ts.getTextOfJSDocComment(t.comment) ?? '').trim();
          const m = /^(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(text);
          return { name: m?.[1] ?? text, description: (m?.[2] ?? '').replace(/\s+/g, ' ').trim() };
        });
      },
    },
    {
      // An element inherits its superclass's light-DOM parts, as the analyzer lets it inherit cssParts.
      name: 'cb-inherit-light-parts',
      packageLinkPhase({ customElementsManifest }) {
        const classes = new Map(customElementsManifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => [d.name, d])));
        const inherited = (decl, seen = new Set()) => {
          const parent = decl.superclass && classes.get(decl.superclass.name);
          if (!parent || seen.has(parent)) return [];
          seen.add(parent);
          const own = (parent.lightParts ?? []).filter((p) => !p.inheritedFrom);
          return [...own.map((p) => ({ ...p, inheritedFrom: { name: parent.name, module: decl.superclass.module } })), ...inherited(parent, seen)];
        };
        for (const decl of classes.values()) {
          if (!decl.customElement) continue;
          const names = new Set((decl.lightParts ?? []).map((p) => p.name));
          const more = inherited(decl).filter((p) => !names.has(p.name) && names.add(p.name));
          if (more.length) decl.lightParts = [...(decl.lightParts ?? []), ...more];
        }
      },
    },
    {
      // Events are documented with @fires; the analyzer also guesses names from
      // `dispatchEvent(new CbXEvent(detail))`, which yields nameless or wrong entries. Keep the documented ones.
      name: 'cb-documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (!decl.events) continue;
            const seen = new Set();
            decl.events = decl.events.filter((e) => e.name?.startsWith('cb-') && e.description && !seen.has(e.name) && seen.add(e.name));
          }
        }
      },
    },
    {
      // The `@attr` tags on a class (kept for the shipped .d.ts) and the decorated field name the same
      // attribute: merge them into one entry, the field's name and type with the tag's words where the
      // field has none.
      name: 'cb-merge-documented-attributes',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (!decl.attributes) continue;
            const byName = new Map();
            for (const a of decl.attributes) {
              const prev = byName.get(a.name);
              byName.set(a.name, prev ? { ...a, ...prev, description: prev.description || a.description, type: prev.fieldName ? prev.type : a.type, fieldName: prev.fieldName ?? a.fieldName } : a);
            }
            decl.attributes = [...byName.values()];
          }
        }
      },
    },
    {
      // Paths of the shipped code: the package has dist/**/*.js, not the .ts sources, so every module
      // path and every reference to one (declarations, superclasses, inherited members, definitions)
      // points to the compiled file tsconfig.build.json emits.
      name: 'cb-dist-paths',
      packageLinkPhase({ customElementsManifest }) {
        // A reference is root-relative (`/components/x.js`) or, in re-exports, relative to its module.
        const toDist = (p, from) => {
          const joined = p.startsWith('.') ? posix.join(posix.dirname(from), p) : p.replace(/^\//, '');
          const rel = joined.replace(/\.ts$/, '.js');
          return /^(components|protocol|server)\//.test(rel) ? `dist/${rel}` : rel;
        };
        const visit = (value, from) => {
          if (Array.isArray(value)) value.forEach((v) => visit(v, from));
          else if (value && typeof value === 'object') {
            for (const [k, v] of Object.entries(value)) {
              if (k === 'module' && typeof v === 'string') value[k] = toDist(v, from);
              else visit(v, from);
            }
          }
        };
        for (const mod of customElementsManifest.modules) {
          const from = mod.path;
          mod.path = toDist(from, from);
          visit(mod.declarations, from);
          visit(mod.exports, from);
        }
        // The analyzer writes 1.0.0; what it writes is within schema 2.1.0 (additions only since 1.0.0),
        // and scripts/check-manifest.mjs validates the result against that schema.
        customElementsManifest.schemaVersion = '2.1.0';
        // The analyzer's file order varies from run to run; sort so the staleness check compares like with like.
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
