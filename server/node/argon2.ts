/**
 * Node and Bun: argon2id password hashing (OWASP's first choice) through the native
 * `@node-rs/argon2` binding, which hashes on its own thread pool, so a sign-in never blocks the
 * event loop (a WebAssembly argon2 would, on the main thread). Install it beside cb-2fa
 * (`npm install @node-rs/argon2`, an optional peer dependency) and pass
 * `hasher: argon2Hasher()` to `createTwoFactor`. PBKDF2 hashes stored before keep working and
 * move to argon2id at their next sign-in.
 * @module
 */
import { verifyPbkdf2Hash, type PasswordHasher } from '../crypto/password.js';

/** OWASP Password Storage cheat sheet, first recommendation: m = 19 MiB, t = 2, p = 1. */
export const OWASP_ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface Argon2Options {
  /** KiB. @default 19456 (19 MiB) */
  memoryCost?: number;
  /** Passes. @default 2 */
  timeCost?: number;
  /** Lanes. @default 1 */
  parallelism?: number;
}

type Binding = typeof import('@node-rs/argon2');

// Loaded at the first hash, not at import: a start that hashes nothing does not pay for it, and
// `cb-2fa/server/node` stays usable (openLibsql, migrations) without the optional binding.
let binding: Promise<Binding> | undefined;
const load = (): Promise<Binding> =>
  (binding ??= import('@node-rs/argon2').catch((err: unknown) => {
    binding = undefined;
    throw new Error(`cb-2fa: argon2Hasher() needs the optional dependency @node-rs/argon2: npm install @node-rs/argon2 (${err instanceof Error ? err.message : String(err)})`);
  }));

/** Argon2id from `@node-rs/argon2`'s `Algorithm` const enum (Argon2d 0, Argon2i 1, Argon2id 2). */
const ARGON2ID = 2;

export function argon2Hasher(options: Argon2Options = {}): PasswordHasher {
  const memoryCost = options.memoryCost ?? OWASP_ARGON2ID.memoryCost;
  const timeCost = options.timeCost ?? OWASP_ARGON2ID.timeCost;
  const parallelism = options.parallelism ?? OWASP_ARGON2ID.parallelism;
  const params = { algorithm: ARGON2ID, memoryCost, timeCost, parallelism } as const;
  const current = `$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`;
  const hash = async (password: string) => (await load()).hash(password, params);
  // Unknown emails and malformed hashes verify against a hash of the same algorithm and
  // parameters, so they cost what an account's sign-in costs. Made once, at the first need.
  let dummy: Promise<string> | undefined;
  const burn = async (password: string) => {
    const argon2 = await load();
    const against = await (dummy ??= hash('cb-2fa timing dummy'));
    await argon2.verify(against, password);
  };
  return {
    hash,
    async verify(password, stored) {
      if (stored.startsWith('$argon2id$')) {
        const argon2 = await load();
        let ok: boolean;
        try {
          ok = await argon2.verify(stored, password);
        } catch {
          await burn(password);
          return false;
        }
        // A hash with weaker parameters answers faster: pad it with a full one, so that an old
        // account never answers faster than an unknown email (it is rehashed at this sign-in).
        if (!stored.startsWith(current)) await burn(password);
        return ok;
      }
      // A PBKDF2 hash from before: checked at its own count, plus the argon2id cost, for the same reason.
      const legacy = await verifyPbkdf2Hash(password, stored);
      await burn(password);
      return legacy === true;
    },
    burn,
    needsRehash(stored) {
      return !stored.startsWith(current);
    },
  };
}
