import { css } from 'lit';
import { hostStyles } from '../styles/tokens.js';
import { lightStyles } from '../styles/light.styles.js';

/** Shadow frame of `<cb-change-phone>`. */
export const styles = [hostStyles, css``];

/** Its light-DOM form. */
export const changePhoneLightStyles = [
  lightStyles,
  css`
    /* Above a page's own \`.card h2\` and the like: the heading is the element's. */
    cb-change-phone h2.cb-change-phone__title {
      margin: 0;
      font-size: var(--cb-heading-size, 1.25em);
      line-height: 1.25;
      text-transform: none;
      color: inherit;
    }
  `,
];
