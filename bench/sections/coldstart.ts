/**
 * Cold start: from spawning `node --import tsx <server>` to its first 200, for the demo server
 * (demo/server.ts, first start on a fresh database and warm start on the database it left) and
 * for the bare floor app, interleaved (floor, first, warm per round), medians.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/cannon.js';
import { freePort } from '../lib/proc.js';
import { argon2Hasher } from '../../server/node/index.js';
import type { Config, Report } from '../run.js';

/** Hashes the demo's first start makes: one, shared by every seeded account (demo/app.ts). */
export const SEED_HASHES = 1;

const tsx = import.meta.resolve('tsx');

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

async function timeToFirst200(script: string, env: Record<string, string>, cwd: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', tsx, script], { cwd, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${script} exited ${child.exitCode}: ${stderr.slice(0, 500)}`);
      if (await ping(port)) return performance.now() - t0;
      if (performance.now() - t0 > 60_000) throw new Error(`${script}: no response within 60 s`);
      await new Promise((r) => setTimeout(r, 3));
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

export async function coldStart(cfg: Config, report: Report) {
  const floorScript = fileURLToPath(new URL('../servers/floor-app.ts', import.meta.url));
  const demoScript = join(cfg.root, 'demo/server.ts');
  const floor: number[] = [];
  const first: number[] = [];
  const warm: number[] = [];
  // One unrecorded pass warms the OS file cache and tsx's transform cache for both.
  const warmup = cfg.quick ? 0 : 1;
  const rounds = cfg.coldRounds + warmup;
  for (let i = 0; i < rounds; i++) {
    const cwd = mkdtempSync(join(cfg.dir, 'cold-'));
    const f = await timeToFirst200(floorScript, { DATABASE_URL: `file:${join(cwd, 'floor.db')}` }, cwd);
    const env = { DATABASE_URL: `file:${join(cwd, 'demo.db')}`, CB_SECRET: 'cold-start-secret-cold-start-secret-0123' };
    const d1 = await timeToFirst200(demoScript, env, cwd);
    const d2 = await timeToFirst200(demoScript, env, cwd);
    if (cfg.verbose) console.error(`  cold start round ${i}: floor ${f.toFixed(0)} ms, first ${d1.toFixed(0)} ms, warm ${d2.toFixed(0)} ms`);
    if (i < warmup) continue;
    floor.push(f);
    first.push(d1);
    warm.push(d2);
  }
  // What the demo's first start hashes: one argon2id hash for every seeded account (the demo
  // portal's, Northwind's, the operator), as demo/app.ts does.
  const hasher = argon2Hasher();
  const t = performance.now();
  for (let i = 0; i < SEED_HASHES; i++) await hasher.hash('demo-password');
  const hashMs = performance.now() - t;
  const pair = (xs: number[]) => median(xs.map((v, i) => v / floor[i]!));
  report.coldStart = { rounds: cfg.coldRounds, floor: median(floor), first: median(first), warm: median(warm), firstRatio: pair(first), warmRatio: pair(warm), hashMs, samples: { floor, first, warm } };
}
