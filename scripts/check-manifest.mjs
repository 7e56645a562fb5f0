// Fails when the committed custom-elements.json is not what `cem analyze` makes from the sources
// now (a JSDoc, attribute, event or part changed without regenerating). Regenerates into a temporary
// directory and compares; fix with `npm run analyze`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

// The analyzer joins --outdir to the working directory, so the temporary directory lives here.
const dir = path.relative(process.cwd(), mkdtempSync('.cem-check-'));
try {
  execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--outdir', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = readFileSync(path.join(dir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    process.exitCode = 1;
  } else console.log('custom-elements.json is up to date.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
