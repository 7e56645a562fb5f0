/**
 * Solid TSX with the generated JSX types (`cb-2fa/jsx`): Solid's own prefixes, `attr:`, `prop:`,
 * `bool:` and `on:`; see react.tsx for what the `@ts-expect-error` lines prove. Checked by
 * scripts/check-manifest.mjs.
 */
import type {} from 'cb-2fa/jsx';

export const login = (
  <cb-login attr:reset-href="/account/reset" prop:apiBase="/2fa" bool:no-web-otp={true} on:cb-authenticated={(e) => e.detail.user.email}>
    <img slot="logo" src="/logo.svg" alt="Acme Portal" />
  </cb-login>
);

export const code = <cb-verify-code prop:mode="confirm" on:cb-enrolled={(e) => e.detail.maskedPhone} />;

// @ts-expect-error mode is 'verify' or 'confirm'
export const wrongMode = <cb-verify-code prop:mode="login" />;

// @ts-expect-error cb-authenticated's detail carries the user, not an error code
export const wrongDetail = <cb-login on:cb-authenticated={(e) => e.detail.code} />;
