import { css } from 'lit';
import { hostStyles, muted, surface, border, radius } from '../styles/tokens.js';
import { lightStyles } from '../styles/light.styles.js';

/** Shadow frame of `<cb-login>`: the card and the logo area. */
export const styles = [
  hostStyles,
  css`
    :host {
      max-width: var(--cb-login-width, 24rem);
    }
    .base {
      padding: var(--cb-login-padding, 2rem);
      background: ${surface};
      border: var(--cb-border-width, 1px) solid var(--cb-login-border-color, ${border});
      border-radius: ${radius};
      box-shadow: var(--cb-login-shadow, none);
    }
    .logo {
      display: flex;
      justify-content: center;
      align-items: center;
      min-height: var(--cb-login-logo-height, 3rem);
      text-align: center;
    }
    .name {
      font-size: var(--cb-heading-size, 1.25em);
      font-weight: 700;
    }
    .placeholder {
      font-weight: 700;
      letter-spacing: 0.05em;
      color: ${muted};
    }
    img {
      max-height: var(--cb-login-logo-height, 3rem);
      max-width: 100%;
    }
    ::slotted([slot='logo']) {
      max-height: var(--cb-login-logo-height, 3rem);
      max-width: 100%;
    }
  `,
];

/** Its light-DOM form. */
export const loginLightStyles = [
  lightStyles,
  css`
    cb-login .cb-login__links {
      text-align: center;
    }
  `,
];
