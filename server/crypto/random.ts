/**
 * Randomness from the platform CSPRNG (`crypto.getRandomValues`), never `Math.random`.
 * Tests inject their own `RandomSource` to make codes predictable.
 * @module
 */
import { toBase64Url } from './encoding.js';

export interface RandomSource {
  /** Fills and returns `bytes` with cryptographically strong random values. */
  fill(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
}

export const webCryptoRandom: RandomSource = { fill: (bytes) => crypto.getRandomValues(bytes) };

/**
 * A uniform decimal code of `digits` digits, leading zeros kept. Rejection sampling removes the
 * modulo bias that `n % 10 ** digits` would have.
 */
export function generateCode(random: RandomSource, digits = 6): string {
  if (digits < 6 || digits > 9) throw new RangeError('codes have 6 to 9 digits');
  const range = 10 ** digits;
  const limit = Math.floor(0x1_0000_0000 / range) * range;
  const word = new Uint32Array(1);
  for (;;) {
    const bytes = random.fill(new Uint8Array(4));
    word[0] = (bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!;
    const n = word[0]!;
    if (n < limit) return String(n % range).padStart(digits, '0');
  }
}

/** A 256-bit random token, base64url: session ids. */
export const randomToken = (random: RandomSource, bytes = 32): string => toBase64Url(random.fill(new Uint8Array(bytes)));
