import type { CbUserDto, StepResponse } from '../../protocol/index.js';

/**
 * The sign-in state machine of `<cb-login>`, pure and DOM-free. The server decides each step;
 * this only records where the login stands and what the screen should say.
 */
export type FlowState =
  | { step: 'login'; notice: 'enrolled' | 'expired' | null }
  /** `skipUntil`: "Skip for Now" is offered only until that date (the portal's deadline). */
  | { step: 'enroll'; canSkip: boolean; skipUntil?: string }
  | { step: 'confirm'; canSkip: boolean; skipUntil?: string; maskedPhone: string; resendAt: string }
  | { step: 'verify'; maskedPhone: string; resendAt: string }
  | { step: 'authenticated'; user: CbUserDto };

export type FlowStep = FlowState['step'];

export type FlowEvent =
  /** Any step answer of the server (`/login`, `/enroll/*`, `/verify`). */
  | { type: 'response'; response: StepResponse }
  /** A code went out (phone entered, or resend). */
  | { type: 'code-sent'; maskedPhone: string; resendAt: string }
  /** The enrollment code was right; the server ended the half-open login. */
  | { type: 'enrolled' }
  /** The pending login is gone (expired session, wrong step, or "Back to sign in"). */
  | { type: 'restart'; expired?: boolean };

export const initialFlow: FlowState = { step: 'login', notice: null };

/** The deadline only when there is one: states compare equal with or without an absent field. */
const until = (skipUntil: string | undefined) => (skipUntil ? { skipUntil } : {});

export function transition(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'response': {
      const r = event.response;
      switch (r.step) {
        case 'authenticated':
          return { step: 'authenticated', user: r.user };
        case 'enroll':
          return { step: 'enroll', canSkip: r.canSkip, ...until(r.skipUntil) };
        case 'confirm':
          return {
            step: 'confirm',
            canSkip: 'canSkip' in state ? state.canSkip : false,
            ...until('skipUntil' in state ? state.skipUntil : undefined),
            maskedPhone: r.maskedPhone,
            resendAt: r.resendAt,
          };
        case 'verify':
          return { step: 'verify', maskedPhone: r.maskedPhone, resendAt: r.resendAt };
        case 'login':
          // After a confirmed enrollment the server sends the user back to the password (seed).
          return { step: 'login', notice: state.step === 'confirm' ? 'enrolled' : null };
      }
      return state;
    }
    case 'code-sent':
      if (state.step === 'enroll' || state.step === 'confirm')
        return { step: 'confirm', canSkip: state.canSkip, ...until(state.skipUntil), maskedPhone: event.maskedPhone, resendAt: event.resendAt };
      if (state.step === 'verify') return { ...state, maskedPhone: event.maskedPhone, resendAt: event.resendAt };
      return state;
    case 'enrolled':
      return state.step === 'confirm' || state.step === 'enroll' ? { step: 'login', notice: 'enrolled' } : state;
    case 'restart':
      return { step: 'login', notice: event.expired ? 'expired' : null };
  }
}
