/**
 * A baseline: the server of an earlier commit, benchmarked beside this one in the same rounds.
 * Its tree (server, protocol, drizzle, package.json, from `git archive`) gets this bench's
 * `lib/` and `peer/` (the harness, not the code measured) and the root's node_modules, so both
 * run on the very same dependencies and are prepared the same way.
 */
import { execFile, execSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StatementRow } from './statements.js';

export interface Baseline {
  rev: string;
  /** The short commit id. */
  commit: string;
  subject: string;
  dir: string;
  /** Its child.ts, to serve it with `startServer(..., entry)`. */
  childEntry: string;
  label: string;
}

export function prepareBaseline(root: string, rev: string, into: string): Baseline {
  const git = (args: string) => execSync(`git -C ${JSON.stringify(root)} ${args}`, { encoding: 'utf8' }).trim();
  const commit = git(`rev-parse --short ${JSON.stringify(`${rev}^{commit}`)}`);
  const subject = git(`log -1 --format=%s ${commit}`);
  const dir = join(into, `baseline-${commit}`);
  mkdirSync(dir, { recursive: true });
  execSync(`git -C ${JSON.stringify(root)} archive --format=tar ${commit} server protocol drizzle package.json | tar -x -C ${JSON.stringify(dir)}`);
  for (const part of ['lib', 'peer']) cpSync(join(root, 'bench', part), join(dir, 'bench', part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { rev, commit, subject, dir, childEntry: join(dir, 'bench/lib/child.ts'), label: `ours @${commit}` };
}

/** The baseline's statement counts, counted by its own server code in a child process. */
export async function baselineStatements(b: Baseline, dbDir: string): Promise<StatementRow[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(b.dir, 'bench/lib/statements-cli.ts'), dbDir, b.label], { cwd: b.dir, maxBuffer: 16 << 20 });
  return JSON.parse(stdout);
}
