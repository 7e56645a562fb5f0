/**
 * Phone numbers: parsed and checked with libphonenumber-js (full metadata, so number types are
 * known), stored as E.164, shown masked.
 * @module
 */
import type { CountryCode } from 'libphonenumber-js/max';

/** Number types that can receive an SMS code. Premium-rate, toll-free, shared-cost, pager and
 * landline numbers cannot, and premium ranges are what SMS pumping sends to. */
const REFUSED_TYPES = new Set(['PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'PAGER', 'UAN', 'VOICEMAIL', 'FIXED_LINE']);

export type PhoneCheck =
  | { ok: true; e164: string; country: string }
  | { ok: false; reason: 'unparsable' | 'invalid' | 'country_not_allowed' | 'not_mobile' };

// The full metadata takes about a quarter of a second to load: only the enrollment step needs it,
// so it loads then, not at every server start.
let phoneLib: Promise<typeof import('libphonenumber-js/max')> | undefined;

export async function checkPhone(input: string, country: string | undefined, allowedCountries: readonly string[]): Promise<PhoneCheck> {
  const { parsePhoneNumberFromString } = await (phoneLib ??= import('libphonenumber-js/max'));
  const defaultCountry = country?.toUpperCase() as CountryCode | undefined;
  const parsed = parsePhoneNumberFromString(input, defaultCountry ? { defaultCountry } : undefined);
  if (!parsed) return { ok: false, reason: 'unparsable' };
  if (!parsed.isValid() || !parsed.country) return { ok: false, reason: 'invalid' };
  if (!allowedCountries.includes(parsed.country)) return { ok: false, reason: 'country_not_allowed' };
  const type = parsed.getType();
  if (type && REFUSED_TYPES.has(type)) return { ok: false, reason: 'not_mobile' };
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** `+12025559443` → `xxx-xxx-9443`, the seed's "Message sent to:" form. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const last = digits.slice(-4);
  const national = e164.startsWith('+1') ? digits.slice(1) : digits;
  if (national.length === 10) return `xxx-xxx-${last}`;
  return `${'x'.repeat(Math.max(0, national.length - 4))}${last}`;
}
