import { css } from 'lit';
import { styles as dialogStyles } from '../2fa-optin-dialog/2fa-optin-dialog.styles.js';

// The opt-in dialog's frame; the code form inside is <cb-verify-code>'s light-DOM form.
export const styles = [
  ...dialogStyles,
  css`
    dialog {
      width: min(100% - 2rem, var(--cb-dialog-width, 32rem));
    }
    h2,
    p {
      margin-bottom: 1em;
    }
    .actions {
      margin-top: 0.5em;
    }
  `,
];
