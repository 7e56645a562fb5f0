/**
 * Phone helpers over libphonenumber-js. The library and its metadata (about 40 KB gzipped) load
 * lazily, through a dynamic import made only when the enrollment step shows, so the sign-in and
 * code screens never pay for them.
 */
export type PhoneLib = typeof import('libphonenumber-js/min');

let pending: Promise<PhoneLib> | undefined;

/** Loads libphonenumber-js once; later calls share the same promise. */
export const loadPhoneLib = (): Promise<PhoneLib> => (pending ??= import('libphonenumber-js/min'));

/** Whether anything has asked for the library yet (tests use it to prove the load is lazy). */
export const phoneLibRequested = (): boolean => pending !== undefined;

export interface ParsedPhone {
  /** E.164, what the server receives: `+12025550143`. */
  e164: string;
  /** The national format for display: `(202) 555-0143`. */
  national: string;
}

/** Parses a number typed in any common format for `country`; null when it is not a valid number. */
export const parsePhone = (lib: PhoneLib, input: string, country: string): ParsedPhone | null => {
  const parsed = lib.parsePhoneNumberFromString(input.trim(), country.toUpperCase() as Parameters<PhoneLib['getCountryCallingCode']>[0]);
  if (!parsed || !parsed.isValid()) return null;
  return { e164: parsed.number, national: parsed.country === country.toUpperCase() ? parsed.formatNational() : parsed.formatInternational() };
};

export interface CountryOption {
  code: string;
  name: string;
  dial: string;
}

/** Countries (all the library knows, or `only`) with localized names, sorted by name. */
export const countryOptions = (lib: PhoneLib, lang: string, only?: readonly string[]): CountryOption[] => {
  const known = new Set<string>(lib.getCountries());
  const codes = only?.length ? only.map((c) => c.toUpperCase()).filter((c) => known.has(c)) : [...known];
  return codes
    .map((code) => ({
      code,
      name: countryName(code, lang),
      dial: `+${lib.getCountryCallingCode(code as Parameters<PhoneLib['getCountryCallingCode']>[0])}`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
};

/** A region's name in `lang` (falls back to the code where Intl.DisplayNames is missing). */
export const countryName = (code: string, lang: string): string => {
  try {
    return new Intl.DisplayNames([lang, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};
