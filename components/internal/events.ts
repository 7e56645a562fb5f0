import type { ContactDto, CbUserDto, SettingsDto } from '../../protocol/index.js';
import type { CbClientErrorCode } from './api-client.js';

/*
 * Every event bubbles and is composed, so a host can listen on any ancestor, across shadow roots.
 * They are Event subclasses with a `detail` field (the shape of CustomEvent, without its generics),
 * typed on GlobalEventHandlersEventMap so `addEventListener('cb-authenticated', e => e.detail.user)` checks.
 */
const init: EventInit = { bubbles: true, composed: true };

/** The login is complete: no 2FA needed, the code was right, or enrollment was skipped. */
export class CbAuthenticatedEvent extends Event {
  constructor(readonly detail: { user: CbUserDto }) {
    super('cb-authenticated', init);
  }
}
/** The phone was confirmed; the user now signs in again with the password. */
export class CbEnrolledEvent extends Event {
  constructor(readonly detail: { maskedPhone: string }) {
    super('cb-enrolled', init);
  }
}
/** The user chose "Skip for Now"; the login is complete (password only). */
export class CbSkippedEvent extends Event {
  constructor(readonly detail: { user: CbUserDto }) {
    super('cb-skipped', init);
  }
}
/** A code was sent (enrollment or resend). */
export class CbCodeSentEvent extends Event {
  constructor(readonly detail: { maskedPhone: string; resendAt: string }) {
    super('cb-code-sent', init);
  }
}
/** The session ended on the server (the opt-in dialog, or "Back to sign in"). */
export class CbLoggedOutEvent extends Event {
  constructor(readonly detail: { reason: 'opt-in' | 'logout' }) {
    super('cb-logged-out', init);
  }
}
/** An admin reset one contact's two-factor enrollment. */
export class CbTwoFactorResetEvent extends Event {
  constructor(readonly detail: { contact: ContactDto }) {
    super('cb-two-factor-reset', init);
  }
}
/** The portal settings were saved. */
export class CbSettingsChangedEvent extends Event {
  constructor(readonly detail: { settings: SettingsDto }) {
    super('cb-settings-changed', init);
  }
}
/** A fresh second factor was recorded on the session (`<cb-step-up>`); the guarded action may go on. */
export class CbSteppedUpEvent extends Event {
  constructor(readonly detail: { verifiedAt: string }) {
    super('cb-stepped-up', init);
  }
}
/** The user's own phone change is made (`<cb-change-phone>`); `detail.maskedPhone` is the new phone, masked. */
export class CbPhoneChangedEvent extends Event {
  constructor(readonly detail: { maskedPhone: string }) {
    super('cb-phone-changed', init);
  }
}
/** A call failed; the element already shows a localized message. For logging and analytics. */
export class CbErrorEvent extends Event {
  constructor(readonly detail: { code: CbClientErrorCode; status: number; attemptsLeft?: number; retryAfter?: number }) {
    super('cb-error', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-authenticated': CbAuthenticatedEvent;
    'cb-enrolled': CbEnrolledEvent;
    'cb-skipped': CbSkippedEvent;
    'cb-code-sent': CbCodeSentEvent;
    'cb-logged-out': CbLoggedOutEvent;
    'cb-two-factor-reset': CbTwoFactorResetEvent;
    'cb-settings-changed': CbSettingsChangedEvent;
    'cb-stepped-up': CbSteppedUpEvent;
    'cb-phone-changed': CbPhoneChangedEvent;
    'cb-error': CbErrorEvent;
  }
}
