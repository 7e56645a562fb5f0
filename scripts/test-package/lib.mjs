// Helpers of the package test (run.mjs): processes, ports, Markdown code blocks, tsc output.
import { spawn } from 'node:child_process';
import net from 'node:net';

/** Runs a command to its end; rejects with its output when it exits non-zero (unless `allowFail`). */
export function sh(cmd, args, { cwd, env, allowFail = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && !allowFail) reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd ?? '.'}) exited ${code}:\n${out.trim()}`));
      else resolvePromise({ code, out });
    });
  });
}

/** A long-running process whose output is kept for the report when something fails. */
export function start(cmd, args, { cwd, env } = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = { child, out: '', exited: null };
  child.stdout.on('data', (d) => (proc.out += d));
  child.stderr.on('data', (d) => (proc.out += d));
  child.on('exit', (code, signal) => (proc.exited = { code, signal }));
  proc.stop = () =>
    new Promise((done) => {
      if (proc.exited) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => proc.exited || child.kill('SIGKILL'), 5_000).unref();
    });
  return proc;
}

export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** Waits until `url` answers at all (any status), or the process exits, or 60 s pass. */
export async function waitForHttp(url, proc, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exited) throw new Error(`the server exited (${JSON.stringify(proc.exited)}) before answering:\n${proc.out.trim()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > end) throw new Error(`no answer from ${url} in ${timeoutMs / 1000} s:\n${proc.out.trim()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The fenced code blocks of a Markdown text, each with the heading it sits under. */
export function codeBlocks(markdown) {
  const blocks = [];
  let heading = '';
  let open = null;
  for (const line of markdown.split('\n')) {
    if (open) {
      if (line.trim() === '```') {
        blocks.push(open);
        open = null;
      } else open.lines.push(line);
      continue;
    }
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (h) heading = h[1].trim();
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence) open = { lang: fence[1], heading, lines: [] };
  }
  return blocks.map((b) => ({ lang: b.lang, heading: b.heading, body: b.lines.join('\n') + '\n' }));
}

/** The one code block of `lang` under `heading` (the first one when there are several). */
export function blockUnder(markdown, heading, lang, file) {
  const block = codeBlocks(markdown).find((b) => b.heading === heading && b.lang === lang);
  if (!block) throw new Error(`${file} has no \`\`\`${lang} block under the heading "${heading}"`);
  return block.body;
}

/**
 * tsc's errors, split into those of the project and of cb-2fa's declarations (which fail the
 * test) and those inside other packages' declarations (which `skipLibCheck: false` reports too,
 * and which only their authors can fix: counted, not failed on).
 */
export function tscErrors(output) {
  const ours = [];
  const theirs = new Map();
  for (const line of output.split('\n')) {
    const m = /^(.+?)\(\d+,\d+\): error TS\d+/.exec(line);
    if (!m) continue;
    const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(m[1])?.[1];
    if (pkg && pkg !== 'cb-2fa') theirs.set(pkg, (theirs.get(pkg) ?? 0) + 1);
    else ours.push(line);
  }
  return { ours, theirs };
}
