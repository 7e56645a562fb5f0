import { css } from 'lit';
import { hostStyles } from '../styles/tokens.js';
import { lightStyles } from '../styles/light.styles.js';

/** Shadow frame of `<cb-verify-code>`. */
export const styles = [hostStyles, css``];

/** Its light-DOM form (shared form styles plus the code-specific ones). */
export const verifyCodeLightStyles = [
  lightStyles,
  css`
    :is(cb-verify-code, cb-step-up) .cb-verify-code__sent {
      display: grid;
      gap: 0.1em;
    }
    :is(cb-verify-code, cb-step-up) .cb-verify-code__help {
      display: grid;
      justify-items: start;
      gap: 0.5em;
      margin: 0;
      padding: 0.75em;
      border-inline-start: 3px solid var(--cb-color-accent, light-dark(#0a58ca, #79b0ff));
      background: var(--cb-verify-code-help-background, transparent);
    }
    :is(cb-verify-code, cb-step-up) .cb-verify-code__help[hidden] {
      display: none;
    }
    :is(cb-verify-code, cb-step-up) .cb-verify-code__help > p {
      margin: 0;
    }
  `,
];
