// npm run test:package: the package as a user gets it. `npm pack` of this checkout into a
// temporary folder outside it, publint and attw (esm-only) on the tarball, then fresh projects
// that install the tarball with the README's own install commands:
//   host/   the README's mount example, type-checked strict with skipLibCheck: false under
//           `bundler` and `node16` resolution, run on Node and on Bun, answering requests;
//           beside it the server the browser pages sign in against (pages-server.ts);
//   web/    elements only: a Vite build of a page with <cb-login> (its gzipped initial JS
//           reported against product.md §8), and the import-map page of docs/components.md
//           served from this project's node_modules;
//   react/  a React 19 TSX page with the cb-2fa/react wrappers and with the bare tag.
// Each page is loaded in Chromium and walked through a login: password, the code from the dev
// outbox, signed in (the host's session-only route answers).
//
// The projects' test tools (TypeScript, Vite, Playwright) are this repository's; what the
// projects install is only what a user would. Installs use npm's cache first (--prefer-offline).
// KEEP_TMP=1 keeps the temporary folder for a look.
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { blockUnder, freePort, sh, start, tscErrors, waitForHttp } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** product.md §8: the login page's initial JavaScript, Lit included. */
const LOGIN_PAGE_TARGET = 20 * 1024;
const PASSWORD = 'package-test-password';
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const installFlags = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

const tmp = await mkdtemp(join(tmpdir(), 'cb-2fa-package-'));
if (relative(repo, tmp).split(/[\\/]/)[0] !== '..') throw new Error(`the temporary folder ${tmp} is inside the repository`);
const dirs = { host: join(tmp, 'host'), web: join(tmp, 'web'), react: join(tmp, 'react') };
const processes = [];
const results = [];
const t0 = Date.now();

/** One named check; a failure is reported and the run goes on with the checks that do not need it. */
async function step(name, fn) {
  const started = Date.now();
  try {
    const note = await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${note ? `: ${note}` : ''}`);
    return true;
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${String(err?.stack ?? err).replace(/^/gm, '     ')}`);
    return false;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function typecheck(project, tsconfig) {
  const { code, out } = await sh(process.execPath, [tsc, '-p', tsconfig], { cwd: project, allowFail: true });
  const { ours, theirs } = tscErrors(out);
  assert(ours.length === 0, `errors in the project or in cb-2fa's declarations:\n${ours.join('\n')}`);
  assert(code === 0 || theirs.size > 0, `tsc exited ${code}:\n${out}`);
  return theirs.size ? `0 errors of ours; other packages' declarations: ${[...theirs].map(([p, n]) => `${p} ${n}`).join(', ')}` : '0 errors';
}

// ---------------------------------------------------------------------------------------------
// The tarball
// ---------------------------------------------------------------------------------------------
let tarball;
const packed = await step('npm pack (prepack builds dist/)', async () => {
  await sh('npm', ['pack', '--pack-destination', tmp, '--loglevel=error'], { cwd: repo });
  const name = (await readdir(tmp)).find((f) => f.endsWith('.tgz'));
  assert(name, 'npm pack wrote no tarball');
  tarball = join(tmp, name);
  await mkdir(join(tmp, 'unpacked'));
  await sh('tar', ['-xzf', tarball, '-C', join(tmp, 'unpacked')]);
  return name;
});
if (!packed) await finish();
const pkgDir = join(tmp, 'unpacked/package');
const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'));

await step('tarball contents', async () => {
  const files = (await readdir(pkgDir, { recursive: true })).map((f) => f.split('\\').join('/'));
  for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md', 'custom-elements.json', 'dist/server/index.js', 'dist/server/index.d.ts', 'dist/components/index.js', 'drizzle/sqlite/meta/_journal.json', 'drizzle/pg/meta/_journal.json']) {
    assert(files.includes(f), `${f} is missing from the tarball`);
  }
  const sources = files.filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'));
  assert(sources.length === 0, `TypeScript sources in the tarball: ${sources.slice(0, 5).join(', ')}`);
  const tests = files.filter((f) => /(^|\/)test\/|\.test\.js$/.test(f));
  assert(tests.length === 0, `tests in the tarball: ${tests.slice(0, 5).join(', ')}`);
  const license = await readFile(join(pkgDir, 'LICENSE'), 'utf8');
  assert(/^MIT License/.test(license) && license.includes('cb-2fa contributors'), 'LICENSE is not the MIT license of the cb-2fa contributors');
  assert(pkg.license === 'MIT', `package.json license is ${pkg.license}`);
  const changelog = await readFile(join(pkgDir, 'CHANGELOG.md'), 'utf8');
  assert(changelog.includes(`## [${pkg.version}]`), `CHANGELOG.md has no section for ${pkg.version}`);
  for (const field of ['repository', 'homepage', 'bugs']) assert(pkg[field], `package.json has no ${field}`);
  // Source maps either carry their sources or are not shipped: the .ts files are not.
  const maps = files.filter((f) => f.endsWith('.map'));
  for (const f of maps) {
    const map = JSON.parse(await readFile(join(pkgDir, f), 'utf8'));
    assert(Array.isArray(map.sourcesContent) && map.sourcesContent.length === map.sources.length && map.sourcesContent.every((s) => typeof s === 'string'), `${f} has no sourcesContent`);
  }
  return `${files.length} files, ${maps.length} source maps with their sources`;
});

await step('package.json: ranges and peers', async () => {
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) assert(/^\^/.test(range), `dependency ${name} is pinned (${range}): use a caret range`);
  for (const [name, meta] of Object.entries(pkg.peerDependenciesMeta ?? {})) {
    assert(meta.optional === true, `peerDependenciesMeta.${name}.optional is ${JSON.stringify(meta.optional)}, not the boolean true`);
    assert(pkg.peerDependencies?.[name], `peerDependenciesMeta names ${name}, which peerDependencies does not`);
  }
  // Every package that code reachable from an export imports is declared, and the browser entry
  // points reach no peer. (The exports map keeps every other file out of a user's reach.) esbuild
  // walks each entry's graph, dynamic imports included, leaving every package external.
  const { build: esbuild } = await import('esbuild');
  const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), pkg.name]);
  const jsFiles = (await readdir(join(pkgDir, 'dist'), { recursive: true })).filter((f) => f.endsWith('.js')).map((f) => join('dist', f).split('\\').join('/'));
  const entries = new Map();
  for (const [key, target] of Object.entries(pkg.exports)) {
    const file = (typeof target === 'string' ? target : target.default ?? target.import)?.replace(/^\.\//, '');
    if (!file?.endsWith('.js')) continue;
    if (!file.includes('*')) entries.set(key, file);
    else for (const f of jsFiles) if (new RegExp(`^${file.replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`).test(f)) entries.set(key.replace('*', f.split('/').pop().slice(0, -3)), f);
  }
  const reachable = new Set();
  const browser = /^\.\/(components|react|protocol)(\/|$)/;
  for (const [key, entry] of entries) {
    assert(jsFiles.includes(entry), `the export ${key} names ${entry}, which is not in the tarball`);
    const { metafile } = await esbuild({ absWorkingDir: pkgDir, entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'silent' });
    for (const [file, input] of Object.entries(metafile.inputs)) {
      reachable.add(file);
      for (const { path: spec, external } of input.imports) {
        if (!external || spec.startsWith('node:')) continue;
        assert(declared.has(packageOf(spec)), `${key} reaches ${file}, which imports ${spec}: package.json does not declare it`);
        assert(!browser.test(key) || !(packageOf(spec) in (pkg.peerDependencies ?? {})), `the browser entry point ${key} reaches ${file}, which imports the peer ${spec}`);
      }
    }
  }
  // Modules of types only compile to an empty `export {}`; they are not worth naming.
  const typesOnly = (f) => /^\s*export \{\};\s*$/.test(readFileSync(join(pkgDir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, ''));
  const unreachable = jsFiles.filter((f) => !reachable.has(f) && !typesOnly(f));
  if (unreachable.length) console.log(`     shipped but reachable from no export: ${unreachable.join(', ')}`);
  return `${Object.keys(pkg.dependencies).join(', ')}; optional peers ${Object.keys(pkg.peerDependencies).join(', ')}`;
});

await step('README links work on the registry page', async () => {
  const readme = await readFile(join(pkgDir, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)[^)]*\)|\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  const relativeLinks = links.filter((l) => !/^(https?:|mailto:|#)/.test(l) && !l.startsWith('/'));
  assert(relativeLinks.length === 0, `relative links, which the registry page cannot follow: ${relativeLinks.join(', ')}`);
  return `${links.length} links`;
});

await step('publint', async () => {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const buffer = await readFile(tarball);
  const { messages, pkg: linted } = await publint({ pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) }, level: 'suggestion', strict: true });
  assert(messages.length === 0, messages.map((m) => `${m.type}: ${formatMessage(m, linted)}`).join('\n'));
  return 'no errors, warnings or suggestions';
});

await step('attw --profile esm-only', async () => {
  const { code, out } = await sh(join(repo, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--no-definitely-typed', '--no-color', '--format', 'table-flipped'], { allowFail: true });
  assert(code === 0, out);
  return 'no problems';
});

// ---------------------------------------------------------------------------------------------
// Fresh projects, installed with the README's commands
// ---------------------------------------------------------------------------------------------
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const installed = await step('install with the README commands', async () => {
  const commands = blockUnder(readme, 'Install', 'sh', 'README.md')
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean);
  const byProject = {};
  for (const command of commands) {
    const words = command.split(/\s+/);
    assert(words[0] === 'npm' && words[1] === 'install' && words.includes('cb-2fa'), `not an install of cb-2fa: ${command}`);
    const project = words.includes('hono') ? 'host' : words.includes('react') ? 'react' : 'web';
    assert(!byProject[project], `two install commands for the ${project} project`);
    byProject[project] = words.slice(2).map((w) => (w === 'cb-2fa' ? tarball : w));
  }
  assert(Object.keys(byProject).sort().join() === 'host,react,web', `the README's install block should give the elements, React and router commands, got ${commands.join(' | ')}`);
  // What a TypeScript user adds for types (the README says so); the tools themselves are ours.
  const devTypes = { host: ['@types/node@20'], react: ['@types/react@19', '@types/react-dom@19'], web: [] };
  await Promise.all(
    Object.entries(byProject).map(async ([project, args]) => {
      await mkdir(dirs[project], { recursive: true });
      await writeFile(join(dirs[project], 'package.json'), JSON.stringify({ name: `cb-2fa-${project}`, private: true, type: 'module' }, null, 2));
      await sh('npm', ['install', ...args, ...installFlags], { cwd: dirs[project] });
      if (devTypes[project].length) await sh('npm', ['install', '-D', ...devTypes[project], ...installFlags], { cwd: dirs[project] });
    }),
  );
  return Object.entries(byProject).map(([p, a]) => `${p}: ${a.length - 1} besides cb-2fa`).join(', ');
});
if (!installed) await finish();

await step('a browser-only install pulls no server package', async () => {
  const nm = join(dirs.web, 'node_modules');
  const present = Object.keys(pkg.peerDependencies ?? {}).filter((p) => existsSync(join(nm, p)));
  assert(present.length === 0, `npm install cb-2fa installed ${present.join(', ')}`);
  assert(existsSync(join(nm, 'lit')) && !existsSync(join(nm, 'cb-2fa/node_modules/lit')), 'Lit should be installed once, beside cb-2fa');
  const count = (await readdir(nm)).filter((d) => !d.startsWith('.')).length;
  return `${count} top-level packages: ${(await readdir(nm)).filter((d) => !d.startsWith('.')).join(', ')}`;
});

// ---------------------------------------------------------------------------------------------
// The Node host: the README's mount example
// ---------------------------------------------------------------------------------------------
await writeFile(join(dirs.host, 'server.ts'), blockUnder(readme, 'Mount the router', 'ts', 'README.md'));
for (const f of ['pages-server.ts', 'tsconfig.bundler.json', 'tsconfig.node16.json']) await cp(join(here, 'host', f), join(dirs.host, f));
await step('host types: bundler resolution, skipLibCheck false', () => typecheck(dirs.host, 'tsconfig.bundler.json'));
const hostBuilt = await step('host types: node16 resolution, skipLibCheck false (and its build)', async () => {
  const note = await typecheck(dirs.host, 'tsconfig.node16.json');
  assert(existsSync(join(dirs.host, 'build/server.js')) && existsSync(join(dirs.host, 'build/pages-server.js')), 'tsc wrote no build/');
  return note;
});

/** The README example started with `cmd`: it answers a session-only route and a failed sign-in. */
async function runHost(cmd, args) {
  await mkdir(join(dirs.host, 'data'), { recursive: true });
  const port = await freePort();
  const proc = start(cmd, args, {
    cwd: dirs.host,
    env: {
      PORT: String(port),
      CB_SECRET: 'a-package-test-secret-of-more-than-32-characters',
      // The Twilio client is built at start and first used by a send, which these requests never make.
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_API_KEY: `SK${'0'.repeat(32)}`,
      TWILIO_API_SECRET: 'package-test',
    },
  });
  processes.push(proc);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/api/invoices`, proc);
    const invoices = await fetch(`${base}/api/invoices`);
    assert(invoices.status === 401, `GET /api/invoices without a session answered ${invoices.status}, not 401`);
    const login = await fetch(`${base}/api/2fa/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' }),
    });
    const body = await login.json();
    assert(login.status === 401 && body?.error?.code === 'invalid_credentials', `POST /api/2fa/login with a wrong password answered ${login.status} ${JSON.stringify(body)}`);
    return `started; /api/invoices 401, /api/2fa/login 401 invalid_credentials`;
  } finally {
    await proc.stop();
  }
}

if (hostBuilt) {
  await step('host on Node (the README example)', () => runHost(process.execPath, ['build/server.js']));
}
await step('host on Bun (the same server.ts)', async () => {
  const bun = [join(repo, 'node_modules/.bin/bun'), join(repo, 'node_modules/@oven/bun-linux-x64/bin/bun')].find((p) => existsSync(p));
  assert(bun, 'no bun binary in node_modules: npm install (bun is a dev dependency; allowScripts lets its install script place the binary)');
  const { out } = await sh(bun, ['--version']);
  const note = await runHost(bun, ['server.ts']);
  return `bun ${out.trim()}: ${note}`;
});

// ---------------------------------------------------------------------------------------------
// The pages
// ---------------------------------------------------------------------------------------------
const { build, version: viteVersion } = await import('vite');
/** The page's initial JavaScript: the entry chunk and what the HTML preloads (lazy chunks excluded). */
async function initialJs(outDir, base) {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const urls = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"|<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  assert(urls.length > 0, `no module script in ${outDir}/index.html`);
  let gzipped = 0;
  for (const url of urls) gzipped += gzipSync(await readFile(join(outDir, url.slice(base.length)))).length;
  return { files: urls.length, gzipped };
}

for (const f of ['index.html', 'main.ts', 'tsconfig.json']) await cp(join(here, 'web', f), join(dirs.web, f));
await step('Vite page: types (elements only, skipLibCheck false)', () => typecheck(dirs.web, 'tsconfig.json'));
const viteBuilt = await step('Vite page: build and size', async () => {
  await build({ root: dirs.web, base: '/vite/', configFile: false, logLevel: 'warn', build: { outDir: join(dirs.web, 'dist'), emptyOutDir: true } });
  const { files, gzipped } = await initialJs(join(dirs.web, 'dist'), '/vite/');
  const kib = (gzipped / 1024).toFixed(1);
  const verdict = gzipped <= LOGIN_PAGE_TARGET ? 'within' : 'OVER';
  return `vite ${viteVersion} on Node ${process.versions.node}; initial JS ${kib} KiB gzipped in ${files} file(s): ${verdict} product.md §8's 20 KiB for <cb-login> with Lit`;
});

for (const f of ['index.html', 'main.tsx', 'bare.tsx', 'tsconfig.json']) await cp(join(here, 'react', f), join(dirs.react, f));
await step('React page: types (wrappers and the bare tag, skipLibCheck false)', () => typecheck(dirs.react, 'tsconfig.json'));
const reactBuilt = await step('React page: build', async () => {
  await build({ root: dirs.react, base: '/react/', configFile: false, logLevel: 'warn', build: { outDir: join(dirs.react, 'dist'), emptyOutDir: true } });
  const { gzipped } = await initialJs(join(dirs.react, 'dist'), '/react/');
  return `initial JS ${(gzipped / 1024).toFixed(1)} KiB gzipped (React included)`;
});

const components = readFileSync(join(repo, 'docs/components.md'), 'utf8');
const plainPage = join(tmp, 'plain.html');
const importMapOk = await step('import-map page: docs/components.md, in full', async () => {
  const html = blockUnder(components, 'Self-hosted, with an import map', 'html', 'docs/components.md');
  const json = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert(json, 'the page in docs/components.md has no import map');
  const { imports } = JSON.parse(json);
  for (const [name, target] of Object.entries(imports)) {
    assert(target.startsWith('/node_modules/'), `${name} maps outside /node_modules/: ${target}`);
    assert(existsSync(join(dirs.web, target)), `${name} maps to ${target}, which the install does not have`);
  }
  await writeFile(plainPage, html);
  return `${Object.keys(imports).length} names mapped`;
});

// ---------------------------------------------------------------------------------------------
// Chromium: a login on each page
// ---------------------------------------------------------------------------------------------
const walks = [
  viteBuilt && { name: 'Vite page', path: '/vite/', email: 'demo@example.com', phone: '+12025550143' },
  reactBuilt && { name: 'React page, cb-2fa/react wrappers', path: '/react/?variant=wrapper', email: 'pat@example.com', phone: '+12025550144' },
  reactBuilt && { name: 'React page, bare <cb-login>', path: '/react/?variant=bare', email: 'lee@acme.example', phone: '+12025550166' },
  importMapOk && { name: 'import-map page', path: '/plain/', email: 'pkg@example.com', phone: '+12025550188', plain: true },
].filter(Boolean);

if (hostBuilt && walks.length) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = start(process.execPath, ['build/pages-server.js'], { cwd: dirs.host, env: { PORT: String(port), WEB_DIR: dirs.web, REACT_DIR: dirs.react, PLAIN_PAGE: plainPage } });
  processes.push(server);
  let browser;
  const ready = await step('Chromium and the pages server', async () => {
    assert(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
    await waitForHttp(`${base}/api/2fa/session`, server);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    return browser.version();
  });
  for (const walk of ready ? walks : []) {
    await step(`Chromium: sign in on the ${walk.name}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      // "Failed to load resource" repeats, without the URL, what the response handler reports.
      page.on('console', (msg) => msg.type() === 'error' && !msg.text().startsWith('Failed to load resource') && problems.push(`console: ${msg.text()}`));
      page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
      page.on('response', (res) => {
        if (res.status() >= 400 && !res.url().startsWith(`${base}/api/`) && !res.url().endsWith('/favicon.ico')) problems.push(`${res.status()} ${res.url()}`);
      });
      try {
        await page.goto(`${base}${walk.path}`);
        if (walk.plain) {
          // The enrollment step's lazy import resolves through the same map.
          const lazy = await page.evaluate(() => import('libphonenumber-js/min').then((m) => typeof m.parsePhoneNumberWithError));
          assert(lazy === 'function', `libphonenumber-js/min through the import map gave ${lazy}`);
        }
        await page.getByLabel('Enter Email').fill(walk.email);
        await page.getByLabel('Enter Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign In' }).click();
        await page.getByLabel('Enter SMS Code').waitFor();
        const { code } = await (await fetch(`${base}/dev/code/${encodeURIComponent(walk.phone)}`)).json();
        assert(/^\d{6}$/.test(code ?? ''), `no code in the dev outbox for ${walk.phone}`);
        await page.getByLabel('Enter SMS Code').fill(code);
        await page.getByRole('button', { name: 'Enter', exact: true }).click();
        await page.locator('#status', { hasText: `Signed in as ${walk.email}` }).waitFor({ timeout: 15_000 });
        const me = await page.evaluate(async () => {
          const res = await fetch('/api/me');
          return { status: res.status, body: await res.json() };
        });
        assert(me.status === 200 && me.body.email === walk.email, `the host's session-only route answered ${me.status} ${JSON.stringify(me.body)}`);
        assert(problems.length === 0, problems.join('\n'));
        return 'password, SMS code, signed in (the host route answers for the user)';
      } catch (err) {
        throw problems.length ? new Error(`${err.message}\nin the page:\n${problems.join('\n')}`) : err;
      } finally {
        await context.close();
      }
    });
  }
  await browser?.close();
}

await finish();

async function finish() {
  for (const proc of processes) await proc.stop();
  if (process.env.KEEP_TMP) console.log(`kept ${tmp}`);
  else await rm(tmp, { recursive: true, force: true });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\ntest:package took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
