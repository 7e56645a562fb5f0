/**
 * The portal's part of a keyed hash's input (session ids, code MACs).
 * @module
 */

/**
 * `''` for the `default` portal, `<portal>:` for every other. The default portal hashes as the
 * single-portal release did, so a database upgraded into it keeps its signed-in sessions; every
 * other portal's hashes name their portal, so one portal's cookie or code names nothing in another
 * even before the store's portal filter. Portal ids hold no `:` and tokens are base64url, so the
 * two forms never meet.
 */
export const hashScope = (portalId: string): string => (portalId === 'default' ? '' : `${portalId}:`);
