/**
 * "Trust this device" (product spec §10): a right login code with the box ticked leaves a device
 * cookie (256-bit random; only its HMAC is stored, keyed like the session id and naming the
 * portal); the next password login of that account on that portal from that browser skips the
 * SMS. The cookie alone is no session and proves nothing without the password. A device is bound
 * to the enrollment it was trusted under (phone, generation) and to the portal's present policy:
 * a reset, an opt-in, 2FA off and on, a phone change, the policy turned off or shortened, and the
 * user's "Forget trusted devices" all end it.
 * @module
 */
import type { TrustedDeviceDto } from '../../protocol/dto.js';
import { randomToken } from '../crypto/random.js';
import { CbError } from '../errors.js';
import type { CbUser } from '../identity/identity.js';
import type { Session } from '../store/store.js';
import type { Deps, RequestFacts } from './deps.js';
import { hashScope } from './hash-scope.js';
import type { Outcome } from './login.js';
import { requireAdmin } from './admin.js';
import { trustMaxAgeMs } from './trust-days.js';
import { settingsAndState } from './settings-and-state.js';

const DAY_MS = 86_400_000;

/** The cookie holds the token; the store holds this. Keyed like the session id, under its own prefix. */
const deviceHash = (d: Pick<Deps, 'hmac' | 'store'>, token: string) => d.hmac.sign(`device:${hashScope(d.store.portalId)}${token}`);

/** What the router must do with the device cookie after a service ran. */
export type DeviceCookie = { set: string; maxAgeSeconds: number } | { clear: true } | null;

const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  // HeadlessChrome (automation, kiosks) has no word boundary before "Chrome".
  [/\b(?:Headless)?Chrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * "Chrome on macOS": a label for the lists, from a fixed vocabulary, so that the raw User-Agent
 * (a fingerprint, and any text a client cares to send) is never stored or shown.
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = (userAgent ?? '').slice(0, 512);
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : 'A browser');
}

/**
 * After a right login code with `trustDevice`: remembers this browser under the enrollment the
 * code was sent to. With the policy off the wish is ignored (the box is not shown then), and the
 * sign-in stands either way.
 */
export async function trustThisDevice(d: Deps, req: RequestFacts, userId: string, userAgent: string | undefined): Promise<DeviceCookie> {
  const maxAge = await trustMaxAgeMs(d);
  if (maxAge <= 0) return null;
  const days = maxAge / DAY_MS;
  const { settings, state } = await settingsAndState(d, userId);
  const enrollment = state.enrollment;
  if (!settings.enabled || !enrollment || enrollment.generation !== settings.generation) return null;
  const token = randomToken(d.random);
  const now = d.clock();
  const label = deviceLabel(userAgent);
  await d.store.createTrustedDevice({ idHash: await deviceHash(d, token), userId, phone: enrollment.phone, generation: enrollment.generation, label, createdAt: now, lastUsedAt: now, expiresAt: now + days * DAY_MS });
  await d.store.audit({ at: now, type: 'trusted_device.created', actorId: userId, subjectId: userId, ip: req.ip, detail: { days, label } });
  return { set: token, maxAgeSeconds: days * 86_400 };
}

/**
 * At a password login that would send the SMS: true when this browser's device cookie is a usable
 * trusted device of this user (the store checks the binding and the age in one statement, and
 * touches its last use). Another account's or another portal's cookie names nothing here.
 */
export async function usableDevice(d: Deps, userId: string, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 128) return false;
  const maxAge = await trustMaxAgeMs(d);
  if (maxAge <= 0) return false;
  return d.store.useTrustedDevice(await deviceHash(d, token), userId, d.clock(), maxAge);
}

/** For `GET /session`: whether this browser is one of the user's trusted devices, without touching it. */
export async function isTrustedDevice(d: Deps, userId: string, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 128) return false;
  const maxAge = await trustMaxAgeMs(d);
  if (maxAge <= 0) return false;
  const hash = await deviceHash(d, token);
  return (await d.store.listTrustedDevices(userId, d.clock(), maxAge)).some((x) => x.idHash === hash);
}

/** `GET /devices`: the user's trusted devices, this browser's marked `current`. */
export async function listDevices(d: Deps, user: CbUser, token: string | undefined): Promise<{ devices: TrustedDeviceDto[] }> {
  const hash = token && token.length <= 128 ? await deviceHash(d, token) : null;
  const devices = await d.store.listTrustedDevices(user.id, d.clock(), await trustMaxAgeMs(d));
  return {
    devices: devices.map((x) => ({
      label: x.label,
      firstUsedAt: new Date(x.createdAt).toISOString(),
      lastUsedAt: new Date(x.lastUsedAt).toISOString(),
      current: x.idHash === hash,
    })),
  };
}

/** `POST /devices/forget`: the user's "Forget trusted devices"; clears this browser's cookie too. */
export async function forgetOwnDevices(d: Deps, req: RequestFacts, session: Session): Promise<{ body: { forgotten: number }; device: DeviceCookie }> {
  const forgotten = await d.store.forgetTrustedDevices(session.userId);
  await d.store.audit({ at: d.clock(), type: 'trusted_devices.forgotten', actorId: session.userId, subjectId: session.userId, ip: req.ip, detail: { forgotten, by: 'user' } });
  return { body: { forgotten }, device: { clear: true } };
}

/** `POST /admin/contacts/:id/devices/forget`: an admin (reset right) forgets a contact's devices. */
export async function forgetContactDevices(d: Deps, req: RequestFacts, admin: CbUser, contactId: string): Promise<{ forgotten: number }> {
  await requireAdmin(d, admin, 'reset');
  const contact = await d.identity.getUser(contactId);
  if (!contact || contact.role !== 'contact') throw new CbError('not_found', 'No such contact.');
  const forgotten = await d.store.forgetTrustedDevices(contact.id);
  await d.store.audit({ at: d.clock(), type: 'trusted_devices.forgotten', actorId: admin.id, subjectId: contact.id, ip: req.ip, detail: { forgotten, by: 'admin' } });
  return { forgotten };
}

/** The login's outcome plus the device cookie to set or clear. */
export type DeviceOutcome = Outcome & { device?: DeviceCookie };
