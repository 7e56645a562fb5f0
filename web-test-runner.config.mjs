// Browser tests of the elements: @web/test-runner in Debian's Chromium, one group per test file
// (each file runs in its own page, so a failure or a leaked global in one cannot mask another).
import { readdirSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const dir = 'test/components';
const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));

export default {
  nodeResolve: true,
  groups: files.map((f) => ({ name: f.replace(/\.test\.ts$/, ''), files: `${dir}/${f}` })),
  // The project's tsconfig gives experimentalDecorators and useDefineForClassFields:false; without it
  // esbuild emits standard decorators and Lit throws "Unsupported decorator location: field".
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  // Generous: on a loaded 2-core machine a lazily loaded chunk (the phone metadata) can take seconds.
  testFramework: { config: { timeout: 15000 } },
};
