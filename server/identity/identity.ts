/**
 * Who the users are. The built-in identity keeps accounts in our tables; a host with its own user
 * store implements `Identity` instead and passes it to `createTwoFactor({ identity })`.
 * @module
 */
import type { CbUserDto } from '../../protocol/dto.js';

export type CbUser = CbUserDto;

export interface Identity {
  /**
   * The user for this email and password, or null. Must take the same time for an unknown email
   * as for a wrong password (hash a dummy), so that timing does not reveal which emails exist.
   */
  verifyPassword(email: string, password: string): Promise<CbUser | null>;
  getUser(id: string): Promise<CbUser | null>;
  /** Organization contacts, for the admin pages; all of them when `organizationId` is absent. */
  listContacts(organizationId?: string): Promise<CbUser[]>;
}

/** Trimmed, Unicode-normalised, lower-case: the key of the per-account password limit. */
export const normalizeEmail = (email: string): string => email.normalize('NFKC').trim().toLowerCase();
