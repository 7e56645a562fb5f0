import { css } from 'lit';
import { hostStyles } from '../styles/tokens.js';
import { lightStyles } from '../styles/light.styles.js';

/** Shadow frame of `<cb-change-phone>`. */
export const styles = [hostStyles, css``];

/** Its light-DOM form. */
export const changePhoneLightStyles = [
  lightStyles,
  css`
    cb-change-phone .cb-change-phone__title {
      margin: 0;
      font-size: var(--cb-heading-size, 1.25em);
      line-height: 1.25;
    }
  `,
];
