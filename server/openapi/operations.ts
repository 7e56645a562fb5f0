/**
 * What the OpenAPI document says of each route of the router (product spec §4), keyed by its
 * method and path as `app.routes` lists them. The schemas are the ones the routes validate with
 * (`protocol/schemas.ts`). A route without an entry, or an entry without a route, fails the
 * document's generation (`generate.ts`), and so `npm run openapi` and its test.
 * @module
 */
import { z } from 'zod';
import { routes } from '../../protocol/routes.js';
import * as s from '../../protocol/schemas.js';
import { previewQuery, reportQuery, settingsWithDeadline } from '../create-two-factor.js';
import { DELIVERY_PATH, SMS_STATUS_PATH } from '../services/sending.js';
import type { ErrorCase, OperationDoc } from './describe.js';
import { OPENAPI_PATH } from './serve.js';

/** Any route that sends a code: the send limits and the provider's refusals. */
const sends: readonly ErrorCase[] = ['rate_limited', 'invalid_phone', ['sms_failed', 422], ['sms_failed', 503]];
/** Any route that checks a code. */
const checks: readonly ErrorCase[] = ['invalid_code', 'code_expired', 'rate_limited', ['sms_failed', 503]];
const pending = ['unauthorized', 'wrong_step'] as const;
const admin = ['unauthorized', 'forbidden'] as const;

export const operations: Record<string, OperationDoc> = {
  [`GET ${routes.portal}`]: {
    id: 'getPortal',
    tag: 'Portal',
    summary: 'The portal\'s public face: name, logo, accent, locale, allowed countries',
    ok: { description: 'What the portal\'s sign-in page shows; nothing in it is secret.', schema: s.portalFaceSchema },
  },
  [`POST ${routes.login}`]: {
    id: 'login',
    tag: 'Sign-in',
    summary: 'Email and password: starts a sign-in',
    description: 'Answers the next step and sets the session cookie: `authenticated`, `enroll` (2FA applies, no phone yet), or `verify` (a code went to the enrolled phone).',
    body: { schema: s.loginBody },
    ok: { description: 'The next step.', schema: s.stepSchema },
    errors: ['invalid_credentials', ...sends],
  },
  [`POST ${routes.enrollPhone}`]: {
    id: 'enrollPhone',
    tag: 'Sign-in',
    summary: 'A phone to enroll: sends it a code',
    session: 'pending',
    body: { schema: s.phoneBody },
    ok: { description: 'Step `confirm`.', schema: s.confirmStepSchema },
    errors: [...pending, ...sends],
  },
  [`POST ${routes.enrollConfirm}`]: {
    id: 'enrollConfirm',
    tag: 'Sign-in',
    summary: 'The first code: enrolls the phone',
    description: 'The sign-in ends; the user signs in again with the password (step `login`).',
    session: 'pending',
    body: { schema: s.codeBody },
    ok: { description: 'Step `login`.', schema: s.stepSchema },
    errors: [...pending, ...checks],
  },
  [`POST ${routes.enrollSkip}`]: {
    id: 'enrollSkip',
    tag: 'Sign-in',
    summary: '"Skip for Now": signs in without 2FA, where the portal allows it',
    session: 'pending',
    body: { schema: s.emptyBody, optional: true },
    ok: { description: 'Step `authenticated`.', schema: s.stepSchema },
    errors: [...pending, 'forbidden'],
  },
  [`POST ${routes.verify}`]: {
    id: 'verify',
    tag: 'Sign-in',
    summary: 'The code of an enrolled user\'s sign-in, or one of their recovery codes',
    description: 'With `recoveryCode` instead of `code` (when the portal offers recovery codes; else 403 `forbidden`): the code is spent, and a wrong or malformed one counts toward the same lock as a wrong SMS code.',
    session: 'pending',
    body: { schema: s.verifyBody },
    ok: { description: 'Step `authenticated`; the session is complete.', schema: s.stepSchema },
    errors: [...pending, ...checks],
  },
  [`POST ${routes.resend}`]: {
    id: 'resend',
    tag: 'Sign-in',
    summary: 'A new code to the same phone; the old one stops working',
    description: 'With `{channel:"voice"}` ("Call me instead", where the portal\'s `voiceFallback` allows it, else 403 `forbidden`) the new code is read out in a phone call. A call counts toward the cooldown, every send limit and the daily budget like an SMS, and at most 3 calls go to one phone a day (429 `rate_limited`); numbers outside the country allowlist or of a premium-rate or other high-cost type get 422 `invalid_phone`.',
    session: 'pending',
    body: { schema: s.resendBody, optional: true },
    ok: { description: 'The code went out, by text or by call.', schema: s.resentSchema },
    errors: [...pending, ...sends],
  },
  [`GET ${DELIVERY_PATH}`]: {
    id: 'getDelivery',
    tag: 'Delivery',
    summary: 'What the SMS provider reported about this sign-in\'s newest code',
    session: 'pending',
    ok: { description: 'The delivery status, when tracked (`deliveryStatus`).', schema: s.deliverySchema },
    errors: ['unauthorized'],
  },
  [`POST ${SMS_STATUS_PATH}`]: {
    id: 'smsStatusCallback',
    tag: 'Delivery',
    summary: 'Twilio\'s status callback (with `deliveryStatus` only)',
    description: 'Form-encoded, as Twilio sends it, and authenticated by `X-Twilio-Signature` over the public URL configured in `deliveryStatus.url`; not JSON, and exempt from the same-origin check.',
    ok: { description: 'Taken (or ignored, when it is not about a code SMS).', status: 204 },
    errors: [['not_found', 404], ['forbidden', 403]],
    extra: {
      parameters: [{ in: 'header', name: 'X-Twilio-Signature', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } } } },
    },
  },
  [`GET ${routes.session}`]: {
    id: 'getSession',
    tag: 'Session',
    summary: 'The signed-in user and their 2FA state',
    session: 'complete',
    ok: { description: 'The complete session.', schema: s.sessionSchema },
    errors: ['unauthorized'],
  },
  [`POST ${routes.logout}`]: {
    id: 'logout',
    tag: 'Session',
    summary: 'Ends the session (if any) and clears the cookie',
    body: { schema: s.emptyBody, optional: true },
    ok: { description: 'Step `login`.', schema: s.stepSchema },
  },
  [`POST ${routes.optIn}`]: {
    id: 'optIn',
    tag: 'Session',
    summary: '"Enable 2FA SMS": forgets a skip and signs the user out everywhere',
    description: 'The next sign-in enrolls a phone.',
    session: 'complete',
    body: { schema: s.emptyBody, optional: true },
    ok: { description: 'Step `login`.', schema: s.stepSchema },
    errors: ['unauthorized'],
  },
  [`POST ${routes.stepUp}`]: {
    id: 'stepUp',
    tag: 'Session',
    summary: 'A code to the enrolled phone, for a fresh second factor before a sensitive action',
    description: 'A host route behind `tf.requireSecondFactor()` answered 403 `step_up_required`; this sends the code. Sending again is a resend, with its countdown.',
    session: 'complete',
    body: { schema: s.emptyBody, optional: true },
    ok: { description: 'The code went out.', schema: s.codeSentSchema },
    errors: ['unauthorized', 'step_up_unavailable', ...sends],
  },
  [`POST ${routes.stepUpVerify}`]: {
    id: 'stepUpVerify',
    tag: 'Session',
    summary: 'The step-up code: records a fresh second factor and rotates the session cookie',
    session: 'complete',
    body: { schema: s.codeBody },
    ok: { description: 'The second factor is fresh; retry the host\'s route.', schema: s.stepUpVerifiedSchema },
    errors: ['unauthorized', 'wrong_step', ...checks],
  },
  [`POST ${routes.recoveryCodes}`]: {
    id: 'generateRecoveryCodes',
    tag: 'Session',
    summary: 'Ten new recovery codes, shown once; the old set stops working',
    description: 'Needs a second factor at most 10 minutes old (the sign-in\'s code or a step-up), else 403 `step_up_required`; a user without an enrolled phone gets 403 `step_up_unavailable`; 403 `forbidden` when the portal does not offer recovery codes.',
    session: 'complete',
    body: { schema: s.emptyBody, optional: true },
    ok: { description: 'The codes (`xxxxx-xxxxx-xxxxx`); the server keeps only their HMACs.', schema: s.recoveryCodesSchema },
    errors: ['unauthorized', 'forbidden', 'step_up_required', 'step_up_unavailable'],
  },
  [`POST ${routes.phone}`]: {
    id: 'requestPhoneChange',
    tag: 'Session',
    summary: '"Change my phone": a code to the new number',
    description: 'The new number is checked as at enrollment (E.164, the country allowlist, no premium-rate or landline numbers) and must differ from the enrolled one. Needs a second factor at most 10 minutes old, else 403 `step_up_required`; a user without an enrolled phone gets 403 `step_up_unavailable`; 403 `forbidden` when the portal\'s `selfServicePhoneChange` is off. Posting again is a resend, with its countdown.',
    session: 'complete',
    body: { schema: s.phoneBody },
    ok: { description: 'The code went to the new number.', schema: s.confirmStepSchema },
    errors: ['unauthorized', 'forbidden', 'step_up_required', 'step_up_unavailable', ...sends],
  },
  [`POST ${routes.phoneConfirm}`]: {
    id: 'confirmPhoneChange',
    tag: 'Session',
    summary: 'The new number\'s code: replaces the enrolled phone',
    description: 'Ends the user\'s other sessions and trusted devices, sends a notice to the old number, and moves this session to a new cookie. A wrong code counts toward every code lock.',
    session: 'complete',
    body: { schema: s.codeBody },
    ok: { description: 'The phone is changed.', schema: s.phoneChangedSchema },
    errors: ['unauthorized', 'forbidden', 'step_up_unavailable', ...checks],
  },
  [`GET ${routes.adminSettings}`]: {
    id: 'getSettings',
    tag: 'Admin',
    summary: 'The portal\'s 2FA settings',
    session: 'complete',
    ok: { description: 'The settings.', schema: s.settingsSchema },
    errors: admin,
  },
  [`PUT ${routes.adminSettings}`]: {
    id: 'putSettings',
    tag: 'Admin',
    summary: 'Turns 2FA on or off, allows or forbids "Skip for Now", sets the deadline (Master Admin)',
    description: '`enforceFrom` left out keeps the deadline as it is; null removes it.',
    session: 'complete',
    body: { schema: settingsWithDeadline },
    ok: { description: 'The settings as saved.', schema: s.settingsSchema },
    errors: admin,
  },
  [`GET ${routes.adminSettingsPreview}`]: {
    id: 'previewSettings',
    tag: 'Admin',
    summary: 'Who settings not saved yet would ask to enroll, per organization',
    description: 'Each query member left out keeps the saved setting; `enforceFrom` empty means no deadline.',
    session: 'complete',
    query: previewQuery,
    ok: { description: 'The preview.', schema: s.settingsPreviewSchema },
    errors: [...admin, 'bad_request'],
  },
  [`GET ${routes.adminReport}`]: {
    id: 'getReport',
    tag: 'Admin',
    summary: 'The portal\'s 2FA state per organization and per contact; `?format=csv` for a spreadsheet',
    session: 'complete',
    query: reportQuery,
    ok: {
      description: 'The report: JSON, or with `format=csv` a CSV file (RFC 4180, a row a contact) as an attachment.',
      schema: s.reportSchema,
      also: { 'text/csv': { schema: { type: 'string' } } },
    },
    errors: [...admin, 'bad_request'],
  },
  [`GET ${routes.adminContacts}`]: {
    id: 'listContacts',
    tag: 'Admin',
    summary: 'Organization contacts with their 2FA state (masked phones only)',
    session: 'complete',
    query: s.contactsQuery,
    ok: { description: 'The contacts.', schema: s.contactsSchema },
    errors: [...admin, 'bad_request'],
  },
  [`POST ${routes.adminContactReset}`]: {
    id: 'resetContactTwoFactor',
    tag: 'Admin',
    summary: 'Resets a contact\'s 2FA: forgets the phone and any skip, lifts a lock',
    session: 'complete',
    body: { schema: s.emptyBody, optional: true },
    ok: { description: 'The contact\'s new state.', schema: s.contactSchema },
    errors: [...admin, 'not_found'],
  },
  [`PUT ${routes.adminOrganizationPolicy}`]: {
    id: 'putOrganizationPolicy',
    tag: 'Admin',
    summary: 'An organization\'s 2FA policy: the portal\'s settings, required, or exempt',
    session: 'complete',
    body: { schema: s.organizationPolicyBody },
    ok: { description: 'The organization with its policy.', schema: s.organizationSchema },
    errors: [...admin, 'not_found'],
  },
  [`GET ${routes.adminAudit}`]: {
    id: 'listAudit',
    tag: 'Admin',
    summary: 'The security events of the portal, newest first',
    session: 'complete',
    query: s.auditQuery,
    ok: { description: 'The events.', schema: s.auditSchema },
    errors: [...admin, 'bad_request'],
  },
  [`GET ${OPENAPI_PATH}`]: {
    id: 'getOpenApi',
    tag: 'Portal',
    summary: 'This document (with `openapi: true` only)',
    ok: {
      description: 'The OpenAPI 3.1 document of the router, its `servers` set to where the router is mounted.',
      schema: z.object({ openapi: z.string() }).passthrough(),
    },
  },
};
