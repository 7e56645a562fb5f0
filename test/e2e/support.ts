/**
 * End-to-end support: a demo server started as `npm start` would (its own process, a fresh
 * database), Debian's Chromium driven by playwright-core, the dev SMS outbox for codes, and
 * screenshots. The demo portal is at `url` (127.0.0.1), Northwind's at `northwindUrl`
 * (`northwind.localhost`, which Chromium resolves to the loopback address itself).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const PASSWORD = 'demo-password';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** One portal of the demo, by the origin it is served on. */
export interface Site {
  url: string;
}

export interface Demo extends Site {
  /** The Northwind portal of the same server. */
  northwindUrl: string;
  northwind: Site;
  stop(): void;
  /** The newest code texted to `phone` (E.164). */
  code(phone: string): Promise<string>;
  outboxCount(phone?: string): Promise<number>;
  /** The text of the newest SMS to `phone`. */
  lastSms(phone: string): Promise<string>;
}

export async function startDemo(policy: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<Demo> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cb2fa-e2e-'));
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:${join(dir, 'demo.db')}`,
      NODE_ENV: 'development',
      // The demo hashes at OWASP strength by default; these tests are about the flow, not the hash.
      DEMO_PBKDF2_ITERATIONS: '1000',
      DEMO_POLICY: JSON.stringify(policy),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stderr!.on('data', (d) => (log += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${log}`)), 60_000);
    server.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Demo portal:')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${log}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const northwindUrl = `http://northwind.localhost:${port}`;
  const outbox = async () => (await (await fetch(`${url}/dev/sms-outbox`)).json()) as Array<{ to: string; body: string }>;
  return {
    url,
    northwindUrl,
    northwind: { url: northwindUrl },
    stop: () => server.kill(),
    async code(phone) {
      const last = (await outbox()).filter((m) => m.to === phone).at(-1);
      const code = last && /#(\d{6})$/.exec(last.body)?.[1];
      if (!code) throw new Error(`no SMS to ${phone}`);
      return code;
    },
    outboxCount: async (phone) => (await outbox()).filter((m) => !phone || m.to === phone).length,
    async lastSms(phone) {
      const last = (await outbox()).filter((m) => m.to === phone).at(-1);
      if (!last) throw new Error(`no SMS to ${phone}`);
      return last.body;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
    console.warn(`Chromium is missing at ${CHROMIUM}; end-to-end tests cannot run here.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

const SHOTS = 'test-results/e2e';
/** Saves a screenshot; `doc` ones also go to docs/screenshots for the README. */
export async function screenshot(page: Page, name: string, options: { doc?: boolean } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  if (options.doc) {
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: join('docs/screenshots', `${name}.png`) });
  }
}

/** Polls until `check` is true (the elements render after their data loads). */
export async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function signIn(page: Page, site: Site, email: string, password = PASSWORD) {
  await page.goto(`${site.url}/`);
  await page.getByLabel('Enter Email').fill(email);
  await page.getByLabel('Enter Password').fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
}

/** The Master Admin (the demo portal's unless told) sets the Two Factor Authentication section, through the settings page. */
/** The ways back in (§10), as the Master Admin sets them in <cb-2fa-settings>; a policy left out is left as it is. */
export interface Policies {
  voiceFallback?: boolean;
  /** 0 turns "Trust this device" off. */
  trustDeviceDays?: number;
  recoveryCodes?: boolean;
  selfServicePhoneChange?: boolean;
}

/** Sets §10 policies through the settings page, as a portal's Master Admin does, and saves. */
export async function setPolicies(browser: Browser, site: Site, policies: Policies, admin = 'admin@example.com') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, site, admin);
  await page.waitForURL('**/admin/configurations/client-users');
  const settings = page.locator('cb-2fa-settings');
  await until(() => settings.getByLabel('Enable Two Factor Authentication').isEnabled());
  if (policies.voiceFallback !== undefined) await settings.getByLabel('Offer "Call me instead"').setChecked(policies.voiceFallback);
  if (policies.recoveryCodes !== undefined) await settings.getByLabel('Offer recovery codes').setChecked(policies.recoveryCodes);
  if (policies.selfServicePhoneChange !== undefined) await settings.getByLabel('Let users change their own phone number').setChecked(policies.selfServicePhoneChange);
  if (policies.trustDeviceDays !== undefined) {
    await settings.getByLabel('Offer "Trust this device"').setChecked(policies.trustDeviceDays > 0);
    if (policies.trustDeviceDays > 0) await settings.getByLabel('Days a trusted device skips the code').fill(String(policies.trustDeviceDays));
  }
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.getByText('Your changes have been saved.').waitFor();
  await context.close();
}

export async function setSettings(browser: Browser, site: Site, enabled: boolean, allowOptOut: boolean, admin = 'admin@example.com') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, site, admin);
  await page.waitForURL('**/admin/configurations/client-users');
  const enable = page.getByLabel('Enable Two Factor Authentication');
  await until(() => enable.isEnabled());
  await enable.setChecked(enabled);
  const optOut = page.getByLabel('Allow organizations to opt out');
  if (await optOut.isEnabled()) await optOut.setChecked(allowOptOut);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Your changes have been saved.').waitFor();
  await context.close();
}

/** A contact's first login: phone, the first code, back to the sign-in form. */
export async function enrollViaUi(page: Page, demo: Demo, email: string, national: string, e164: string, site: Site = demo) {
  await signIn(page, site, email);
  await page.getByLabel('Mobile Phone Number').fill(national);
  await page.getByRole('button', { name: 'Send Code' }).click();
  await page.getByText('An authentication code has been sent to:').waitFor();
  await page.getByLabel('Verification Code').fill(await demo.code(e164));
  await page.getByRole('button', { name: 'Verify Code' }).click();
  await page.getByText('Your phone number is confirmed. Please sign in again to finish.').waitFor();
}

/** A contact enrolls (enrollViaUi), then signs in again with the password, up to the SMS code step. */
export async function enrollAndReachCode(page: Page, demo: Demo, email: string, national: string, e164: string) {
  await enrollViaUi(page, demo, email, national, e164);
  await page.getByLabel('Enter Email').fill(email);
  await page.getByLabel('Enter Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.getByLabel('Enter SMS Code').waitFor();
}
