/**
 * A real nginx terminating TLS in front of the router, with the exact `server` block that
 * docs/deploy.md ("Behind a proxy") shows: only its port, certificate and upstream are swapped
 * for the test's. Through it a browser signs in, and the cookie is `__Host-` and `Secure`. The
 * same block in front of a router that does not declare the proxy changes nothing.
 * nginx is required in CI (`.ci/run` installs it); elsewhere the suite is skipped with the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRuntime, probe } from '../runtimes/support.js';
import { PASSWORD, serveBackend } from './backend.js';
import { freePort, HttpClient, type Served } from './http.js';

const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
const HOST = 'portal.example.com';

/** The first ```nginx block of the "Behind a proxy" section, as a reader would copy it. */
function documentedServerBlock(): string {
  const doc = readFileSync('docs/deploy.md', 'utf8');
  const section = doc.slice(doc.indexOf('## Behind a proxy'));
  const block = /```nginx\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('docs/deploy.md has no ```nginx block under "Behind a proxy"');
  return block;
}

/** The documented block with the test's port, certificate and upstream; fails if the doc's lines moved. */
function serverBlock(port: number, upstream: string, cert: { crt: string; key: string }): string {
  const swaps: Array<[string, string]> = [
    ['listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`],
    ['ssl_certificate     /etc/ssl/certs/portal.example.com.pem;', `ssl_certificate ${cert.crt};`],
    ['ssl_certificate_key /etc/ssl/private/portal.example.com.key;', `ssl_certificate_key ${cert.key};`],
    ['proxy_pass http://127.0.0.1:3000;', `proxy_pass ${upstream};`],
  ];
  let block = documentedServerBlock();
  for (const [from, to] of swaps) {
    if (!block.includes(from)) throw new Error(`the nginx block in docs/deploy.md no longer has \`${from}\``);
    block = block.replace(from, to);
  }
  return block;
}

const available = (() => {
  const nginx = probe(NGINX, ['-v']);
  if (!nginx.ok) return nginx;
  return probe('openssl', ['version']);
})();

describeRuntime('nginx terminating TLS (docs/deploy.md)', available, () => {
  let dir: string;
  let errorLog: string;
  let nginx: ChildProcess | undefined;
  let declared: Served;
  let undeclared: Served;
  let ca: string;
  let declaredPort: number;
  let undeclaredPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb2fa-nginx-'));
    errorLog = join(dir, 'error.log');
    // Workers may run as another user (`nobody`): they need to enter the directory.
    chmodSync(dir, 0o755);
    const cert = { crt: join(dir, 'portal.crt'), key: join(dir, 'portal.key') };
    const made = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`, '-keyout', cert.key, '-out', cert.crt,
    ], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    ca = readFileSync(cert.crt, 'utf8');

    declared = await serveBackend({ policy: { trustProxy: { header: 'x-forwarded-for', hops: 1 } } });
    undeclared = await serveBackend();
    declaredPort = await freePort();
    undeclaredPort = await freePort();
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${errorLog} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
${serverBlock(declaredPort, declared.url, cert)}
${serverBlock(undeclaredPort, undeclared.url, cert)}
}
`,
    );
    nginx = spawn(NGINX, ['-p', dir, '-e', errorLog, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    nginx.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    nginx.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<never>((_, reject) =>
      nginx!.once('exit', (code) => reject(new Error(`nginx exited with ${code}: ${output}${existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''}`))),
    );
    await Promise.race([Promise.all([listening(declaredPort), listening(undeclaredPort)]), exited]);
  }, 30_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const gone = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await gone;
    }
    await declared?.close();
    await undeclared?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A browser on https://portal.example.com:PORT; the connection goes to 127.0.0.1. */
  const browser = (port: number, sendsOrigin = true) =>
    new HttpClient(`https://127.0.0.1:${port}`, {
      ca,
      headers: { host: `${HOST}:${port}`, ...(sendsOrigin ? { origin: `https://${HOST}:${port}`, 'sec-fetch-site': 'same-origin' } : {}) },
    });

  it('a browser POST /login works, the cookie is __Host-cb_session with Secure, and the session holds', async () => {
    const b = browser(declaredPort);
    const res = await b.post('/api/2fa/login', { email: 'demo@example.com', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.step).toBe('authenticated');
    expect(res.setCookies).toHaveLength(1);
    expect(res.setCookies[0]).toMatch(/^__Host-cb_session=[^;]+;.*; Secure(;|$)/);
    expect(res.setCookies[0]).toMatch(/; Path=\//);
    expect((await b.get('/api/2fa/session')).status).toBe(200);
    expect((await b.post('/api/2fa/logout', {})).status).toBe(200);
    expect((await b.get('/api/2fa/session')).status).toBe(401);
  });

  it('a foreign Origin is still refused through the proxy', async () => {
    const b = browser(declaredPort);
    expect((await b.post('/api/2fa/login', { email: 'demo@example.com', password: PASSWORD }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('without trustProxy the forwarded headers are ignored: 403 for the browser, and a plain cookie', async () => {
    const b = browser(undeclaredPort);
    const refused = await b.post('/api/2fa/login', { email: 'demo@example.com', password: PASSWORD });
    expect(refused.status).toBe(403);
    // A client without Origin passes the guard; its cookie shows what the router made of the scheme.
    const noOrigin = await browser(undeclaredPort, false).post('/api/2fa/login', { email: 'demo@example.com', password: PASSWORD });
    expect(noOrigin.status).toBe(200);
    expect(noOrigin.setCookies[0]).toMatch(/^cb_session=/);
    expect(noOrigin.setCookies[0]).not.toMatch(/Secure/i);
  });
});

/** Resolves once something accepts connections on 127.0.0.1:port. */
async function listening(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}
