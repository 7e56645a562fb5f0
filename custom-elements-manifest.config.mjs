// Custom Elements Manifest from the classes' JSDoc (`cem analyze`). The base classes in
// internal/cb-element.ts are analyzed too, so the attributes every element inherits (api-base,
// lang) reach each element's entry; the rest of internal/ and the define modules are not API.
export default {
  globs: ['components/**/*.ts'],
  exclude: [
    'components/internal/!(cb-element).ts',
    'components/define/**',
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
      // Events are documented with @fires; the analyzer also guesses names from
      // `dispatchEvent(new CbXEvent(detail))`, which yields nameless or wrong entries. Keep the documented ones.
      name: 'cb-documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer's file order varies from run to run; sort so the staleness check compares like with like.
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (!decl.events) continue;
            const seen = new Set();
            decl.events = decl.events.filter((e) => e.name?.startsWith('cb-') && e.description && !seen.has(e.name) && seen.add(e.name));
          }
        }
      },
    },
  ],
};
