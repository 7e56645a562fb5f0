/**
 * The initial gzipped JS of the elements: the project's own size check (scripts/size.mjs) when it
 * exists, else an esbuild bundle of components/index.ts (minified, libphonenumber-js external
 * because it loads lazily) gzipped here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Config, Report } from '../run.js';

export async function size(cfg: Config, report: Report) {
  const script = join(cfg.root, 'scripts/size.mjs');
  if (existsSync(script)) {
    let text = '';
    try {
      text = execFileSync(process.execPath, [script], { cwd: cfg.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err: any) {
      // Over its budget the script exits 1 and still prints the figures.
      text = `${err.stdout ?? ''}${err.stderr ?? ''}`;
    }
    const m = /(\d+) B minified, (\d+) B gzipped/.exec(text);
    if (m) {
      report.size = { minified: Number(m[1]), gzipped: Number(m[2]), via: 'scripts/size.mjs', output: text.trim() };
      return;
    }
    report.notes.push(`scripts/size.mjs printed no figures; measured with esbuild instead: ${text.trim().slice(0, 200)}`);
  }
  const { build } = await import('esbuild');
  const r = await build({
    entryPoints: [join(cfg.root, 'components/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2021',
    write: false,
    tsconfig: join(cfg.root, 'tsconfig.json'),
    external: ['libphonenumber-js', 'libphonenumber-js/*'],
    conditions: ['production'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = r.outputFiles[0]!.contents;
  report.size = { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, via: 'esbuild bundle of components/index.ts (bench fallback)' };
}
