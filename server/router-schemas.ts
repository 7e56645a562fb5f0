/**
 * The schemas the router validates requests with: the protocol's bodies and queries, and the
 * deadline, preview and report ones (product spec §11) that only the router has. The OpenAPI
 * document (server/openapi/operations.ts) describes those routes by these same schemas.
 *
 * `createTwoFactor` imports this module at the first request that reads a body or a query, not at
 * start: zod is most of the modules a start would otherwise load.
 * @module
 */
import { z } from 'zod';
import { parseDate } from './services/deadline.js';
import { settingsBody } from '../protocol/schemas.js';

export { auditQuery, codeBody, contactsQuery, emptyBody, loginBody, organizationPolicyBody, phoneBody, resendBody, resetRequestBody, verifyBody } from '../protocol/schemas.js';

const deadline = z.string().max(10).refine((v) => parseDate(v) !== null, 'a date such as 2027-01-15');
export const settingsWithDeadline = settingsBody.extend({ enforceFrom: deadline.nullable().optional() });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const previewQuery = z.object({ enabled: flag.optional(), allowOptOut: flag.optional(), enforceFrom: z.union([z.literal(''), deadline]).optional() });
export const reportQuery = z.object({ format: z.enum(['json', 'csv']).optional() });
