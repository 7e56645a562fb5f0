/**
 * docs/api.md's curl walk-through, run as written against `npm start`'s server: the seed's
 * scenarios must stay walkable with the documented commands.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let server: ChildProcess;
let port: number;
const dir = mkdtempSync(join(tmpdir(), 'cb2fa-walk-'));

beforeAll(async () => {
  port = 3400 + Math.floor(Math.random() * 500);
  server = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${join(dir, 'demo.db')}`, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo server did not start')), 60_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Demo portal:')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
  });
}, 70_000);

afterAll(() => {
  server?.kill();
});

describe('docs/api.md walk-through', () => {
  it('runs as documented and every scenario answers as its comment says', async () => {
    const doc = readFileSync('docs/api.md', 'utf8');
    const script = /## Walk-through with curl[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)![1]!.replaceAll('localhost:3000', `localhost:${port}`);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script.replace(/curl -s /g, 'curl -s -w "\\n" ')], { cwd: dir, timeout: 60_000 });
    const lines = stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const steps = lines.map(
      (l) =>
        (l.step && (l.skipUntil ? `${l.step}:until:${l.skipUntil}` : l.step)) ??
        (l.error
          ? `error:${l.error.code}`
          : l.enabled !== undefined
            ? `settings:${l.enabled}:${l.allowOptOut}:${l.generation}`
            : l.willEnroll !== undefined
              ? `preview:${l.willEnroll}`
              : l.totals
                ? `report:${l.totals.contacts}:${l.totals.toEnroll}:${l.totals.inGrace}`
                : l.contacts
                  ? 'contacts'
                  : l.twoFactor?.state
                    ? `contact:${l.twoFactor.state}`
                    : l.user
                      ? 'session'
                      : '?'),
    );
    expect(steps).toEqual([
      'authenticated', 'settings:true:false:1',
      'authenticated', 'error:forbidden',
      'enroll', 'confirm', 'login',
      'verify', 'error:invalid_code', 'authenticated', 'session',
      'settings:true:true:1', 'enroll', 'authenticated', 'authenticated',
      'login', 'enroll',
      'contacts', 'contact:none', 'enroll',
      'settings:false:true:1', 'settings:true:true:2', 'enroll',
      'preview:4', 'settings:true:false:2', 'enroll:until:2099-01-15',
      'report:4:4:4',
      'login',
    ]);
    // The CSV download (`curl -OJ`) saved the file under the name the server gave it.
    expect(readdirSync(dir).filter((f) => /^2fa-report-demo-\d{4}-\d{2}-\d{2}\.csv$/.test(f))).toHaveLength(1);
  }, 90_000);
});
