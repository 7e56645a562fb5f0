/**
 * The core runs on Node, Bun, Deno and workerd (spec §6): nothing it imports may be a Node
 * built-in or a Node-only package. Each public core entry is bundled for a neutral platform; a
 * plugin fails the build on any built-in it meets. A control proves the check can fail.
 */
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const refuseBuiltins: Plugin = {
  name: 'refuse-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (builtins.has(args.path) || args.path.startsWith('node:')) {
        return { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}` }] };
      }
      return undefined;
    });
  },
};

async function bundle(entry: string) {
  return build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser', 'import'],
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    plugins: [refuseBuiltins],
  });
}

const coreEntries = ['server/index.ts', 'server/store/drizzle/sqlite/index.ts', 'protocol/index.ts'];

describe('the core', () => {
  it.each(coreEntries)('%s bundles for a neutral platform with no Node built-in', async (entry) => {
    const result = await bundle(resolve(entry));
    expect(result.errors).toEqual([]);
    // Node-only globals would pass the bundler, so our own sources are searched for them too.
    // (Dependencies such as drizzle-orm feature-test for `Buffer` and are fine.)
    const ours = Object.keys(result.metafile!.inputs).filter((f) => !f.includes('node_modules'));
    expect(ours.length).toBeGreaterThan(0);
    for (const file of ours) {
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(source, file).not.toMatch(/\bBuffer\b/);
      expect(source, file).not.toMatch(/\bprocess\.(env|nextTick|hrtime|versions)\b/);
    }
  });

  it('the check fails on a module that imports a Node built-in (control)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb2fa-neutral-'));
    const file = join(dir, 'bad.ts');
    writeFileSync(file, `import { createHash } from 'node:crypto';\nexport * from ${JSON.stringify(resolve('server/index.ts'))};\nexport const h = createHash;\n`);
    await expect(bundle(file)).rejects.toThrow(/Node built-in "node:crypto"/);
  });
});
