/**
 * The elements for the demo's pages: `components/index.ts` bundled once at start with esbuild
 * (kept in memory), split so that the phone metadata and other locales load only when needed,
 * exactly as a host's bundler would ship them.
 */

export interface Asset {
  body: string;
  type: string;
}

export async function buildElementAssets(): Promise<Map<string, Asset>> {
  // esbuild loads here, with the first page's assets, not at start.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { 'cb-2fa': 'components/index.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2021',
    minify: true,
    outdir: '/assets',
    write: false,
    tsconfig: 'tsconfig.json',
    conditions: ['production'],
    // package.json "sideEffects" names the dist/ define modules; from the sources esbuild would
    // take components/define/*.ts for pure and drop the registrations.
    ignoreAnnotations: true,
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    assets.set(file.path.replace(/^.*\/assets\//, '/assets/'), { body: file.text, type: 'text/javascript; charset=utf-8' });
  }
  return assets;
}
