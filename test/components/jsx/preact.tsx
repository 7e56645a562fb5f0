/**
 * Preact TSX with the generated JSX types (`cb-2fa/jsx`); see react.tsx for what the
 * `@ts-expect-error` lines prove. Checked by scripts/check-manifest.mjs.
 */
import type {} from 'cb-2fa/jsx';

export const login = (
  <cb-login reset-href="/account/reset" api-base="/2fa" oncb-authenticated={(e) => e.detail.user.email}>
    <img slot="logo" src="/logo.svg" alt="Acme Portal" />
  </cb-login>
);

export const code = <cb-verify-code mode="verify" no-web-otp oncb-error={(e) => e.detail.status} />;

// @ts-expect-error reset-href is a string
export const wrongAttributeType = <cb-login reset-href={42} />;

// @ts-expect-error cb-authenticated's detail carries the user, not an error code
export const wrongDetail = <cb-login oncb-authenticated={(e) => e.detail.code} />;
