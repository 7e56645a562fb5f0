/**
 * Who the users are. The built-in identity keeps accounts in our tables; a host with its own user
 * store implements `Identity` instead and passes it to `createTwoFactor({ identity })`.
 * @module
 */
import type { CbUserDto } from '../../protocol/dto.js';

export type CbUser = CbUserDto;

/** A password check's finding: the user, or the account a failure was aimed at (null when none). */
export type PasswordCheck = { user: CbUser } | { user: null; subjectId: string | null };

export interface Identity {
  /**
   * The user for this email and password, or null. Must take the same time for an unknown email
   * as for a wrong password (hash a dummy), so that timing does not reveal which emails exist.
   */
  verifyPassword(email: string, password: string): Promise<CbUser | null>;
  /**
   * Optional, and used instead of `verifyPassword` when present: the same check, but a failure
   * also names the account the email belongs to, so the audit log records whom it was aimed at.
   * The same rules of time apply; the client's answer does not change.
   */
  checkPassword?(email: string, password: string): Promise<PasswordCheck>;
  getUser(id: string): Promise<CbUser | null>;
  /** Organization contacts, for the admin pages; all of them when `organizationId` is absent. */
  listContacts(organizationId?: string): Promise<CbUser[]>;
}

/** Trimmed, Unicode-normalised, lower-case: the key of the per-account password limit. */
export const normalizeEmail = (email: string): string => email.normalize('NFKC').trim().toLowerCase();
