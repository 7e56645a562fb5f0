/**
 * How many SMS segments a text costs. A text whose characters are all in the GSM 03.38 default
 * alphabet (3GPP TS 23.038 §6.2.1) goes as GSM-7: 160 septets in one segment, 153 per segment of
 * a longer one, and a character of the extension table (`^ { } \ [ ~ ] | €` and form feed) takes
 * two septets (escape + character) that are never split across segments. Any other character
 * makes the whole text UCS-2: 70 UTF-16 units in one segment, 67 per segment of a longer one, a
 * surrogate pair never split. Carriers bill per segment, so this is what a text costs.
 *
 * National language shift tables (Spanish, Portuguese, Turkish…) are left out: Twilio does not
 * send with them, so an `á` makes a text UCS-2.
 * @module
 */

/** The default alphabet, in table order (0x00–0x7F, without the escape at 0x1B). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Reached through the escape: each costs two septets. */
const EXTENSION = '\f^{}\\[~]|€';

const basic = new Set([...BASIC].filter((c) => c !== '\u001b'));
const extension = new Set(EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/** GSM-7 when every character is in the default alphabet or its extension table. */
export function smsEncoding(text: string): SmsEncoding {
  for (const c of text) if (!basic.has(c) && !extension.has(c)) return 'ucs2';
  return 'gsm7';
}

/** The encoding, the length in that encoding's units, and the segments the text is sent in. */
export function smsSegments(text: string): SmsSegments {
  const encoding = smsEncoding(text);
  const sizes = [...text].map((c) => (encoding === 'gsm7' ? (extension.has(c) ? 2 : 1) : c.length));
  const units = sizes.reduce((a, b) => a + b, 0);
  const single = encoding === 'gsm7' ? 160 : 70;
  const part = encoding === 'gsm7' ? 153 : 67;
  if (units <= single) return { encoding, units, segments: 1 };
  // A character that does not fit in what is left of a segment starts the next one.
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments };
}
