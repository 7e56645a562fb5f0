/**
 * React 19 TSX with the generated JSX types (`cb-2fa/jsx`): the bare tags type-check with their
 * documented attributes and typed event handlers, and wrong ones do not. `@ts-expect-error` makes the
 * negative cases part of the proof: if the types let one through, tsc reports the unused directive.
 * Checked by scripts/check-manifest.mjs (tsc -p test/components/jsx/tsconfig.react.json).
 */
import type {} from 'cb-2fa/jsx';
import type { CbLogin } from 'cb-2fa/components/classes';
import type { CbUserDto } from 'cb-2fa/protocol';

const signedIn = (user: CbUserDto) => user.email;

export const login = (
  <cb-login reset-href="/account/reset" api-base="/2fa" default-country="CA" countries="US,CA" no-web-otp lang="en"
    oncb-authenticated={(e) => signedIn(e.detail.user)}
    oncb-code-sent={(e) => e.detail.resendAt.toUpperCase()}
    oncb-error={(e) => e.detail.code.length + (e.detail.retryAfter ?? 0)}
  >
    <img slot="logo" src="/logo.svg" alt="Acme Portal" />
  </cb-login>
);

export const everyElement = (
  <>
    <cb-enroll-phone can-skip default-country="CA" oncb-skipped={(e) => signedIn(e.detail.user)} />
    <cb-verify-code mode="confirm" masked-phone="xxx-xxx-9443" length={6} oncb-enrolled={(e) => e.detail.maskedPhone} />
    <cb-2fa-optin-dialog open oncb-logged-out={(e) => e.detail.reason === 'opt-in'} />
    <cb-admin-reset contact-id="c1" organization-id="org1" oncb-two-factor-reset={(e) => e.detail.contact.id} />
    <cb-2fa-settings oncb-settings-changed={(e) => e.detail.settings.enabled} />
  </>
);

// The handler's event is the element's: its target is the element.
export const target = <cb-login oncb-authenticated={(e) => { const el: CbLogin = e.target; return el.step; }} />;

// @ts-expect-error reset-href is a string (the URL of the reset page), not a number
export const wrongAttributeType = <cb-login reset-href={42} />;

// @ts-expect-error mode is 'verify' or 'confirm'
export const wrongMode = <cb-verify-code mode="login" />;

// @ts-expect-error resetHref is a property of cb-login; resetHrf is not
export const unknownProperty = <cb-login resetHrf="/account/reset" />;

// @ts-expect-error cb-authenticated's detail carries the user, not an error code
export const wrongDetail = <cb-login oncb-authenticated={(e) => e.detail.code} />;

// @ts-expect-error the handler gets the event, not a string
export const wrongHandler = <cb-login oncb-error={(code: string) => code} />;
