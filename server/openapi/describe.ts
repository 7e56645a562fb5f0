/**
 * How one route of the router is described for OpenAPI: an `OperationDoc` (`operations.ts`)
 * becomes hono-openapi's `describeRoute`, its zod schemas converted by hono-openapi's resolver.
 * Used when the document is generated (`npm run openapi`), never while serving requests.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { z } from 'zod';
import type { CbErrorCode } from '../../protocol/errors.js';
import { errorSchema } from '../../protocol/schemas.js';
import { CbError } from '../errors.js';

type RouteSpec = Parameters<typeof describeRoute>[0];
type Parameter = Extract<NonNullable<RouteSpec['parameters']>[number], { in: string }>;

/** An error a route can answer: a code at its usual status, or at the status given. */
export type ErrorCase = CbErrorCode | readonly [CbErrorCode, number];

export interface OperationDoc {
  /** A stable `operationId` for generated clients. */
  id: string;
  tag: 'Portal' | 'Sign-in' | 'Session' | 'Admin' | 'Delivery';
  summary: string;
  description?: string;
  /** Which session cookie the route needs. */
  session?: 'pending' | 'complete';
  /** The schema the route validates its JSON body with; `optional` when an absent body is accepted. */
  body?: { schema: z.ZodType; optional?: boolean };
  /** The schema the route validates its query with. */
  query?: z.ZodObject;
  /** The success answer: JSON of `schema` (and the other media of `also`), or no body (`status: 204`). */
  ok: { description: string; schema?: z.ZodType; status?: 200 | 204; also?: Record<string, { schema: Record<string, unknown> }> };
  /** The errors of this route, besides those every route can answer (`commonErrors`). */
  errors?: readonly ErrorCase[];
  /** Extra OpenAPI for what the schemas cannot say (a form body, a signature header). */
  extra?: Partial<RouteSpec>;
}

/** What each error code means for a client, for the response descriptions (a code without one is named alone). */
const meaning: Partial<Record<CbErrorCode, string>> = {
  invalid_credentials: 'the email or password is not right (the same for an unknown email)',
  invalid_code: 'the code is wrong; `attemptsLeft` says how many tries the code has left',
  code_expired: 'the code expired, was used, or was burned by too many tries: request a new one',
  rate_limited: 'too many tries or sends; `Retry-After` and `retryAfter` say when to retry',
  invalid_phone: 'the phone cannot be parsed, is not a mobile, or is outside the allowed countries',
  sms_failed: 'the SMS provider refused or failed (422: this number is blocked; 503: try again, `retryAfter`)',
  unauthorized: 'no session, or a pending one where a complete one is needed',
  forbidden: 'the session may not do this, or the request came from another origin',
  not_found: 'no such record, or the request\'s portal is unknown',
  wrong_step: 'the step does not follow from where the sign-in is: sign in again',
  step_up_required: 'the route needs a fresher second factor: `POST /step-up`, then retry (`maxAgeSeconds`)',
  step_up_unavailable: 'a second factor is needed, but the user has no enrolled phone to receive a code',
  bad_request: 'malformed JSON, wrong types, missing or oversized fields (413: body too large; 415: not JSON)',
  internal: 'a fault on the server\'s side, never caused by input',
};

const statusOf = (e: ErrorCase): [CbErrorCode, number] => (typeof e === 'string' ? [e, new CbError(e, '').status] : [e[0], e[1]]);

/** Every route: an unknown portal (with a `portal` resolver) and our own faults. */
const everyRoute: readonly ErrorCase[] = ['not_found', 'internal'];
/** Every POST and PUT: the JSON content type, the same-origin check and the body limit. */
const everyWrite: readonly ErrorCase[] = ['bad_request', ['bad_request', 413], ['bad_request', 415], 'forbidden'];

/**
 * zod bounds every `.int()` by the safe-integer range, which says nothing to a reader of the
 * document; the bounds a schema sets itself stay.
 */
const dropSafeIntegerBounds = ({ jsonSchema }: { jsonSchema: { minimum?: number; maximum?: number } }) => {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
};
const toOpenApi = { options: { unrepresentable: 'any' as const, override: dropSafeIntegerBounds } };

const json = (schema: z.ZodType) => ({ 'application/json': { schema: resolver(schema, toOpenApi) } });

function errorResponses(cases: readonly ErrorCase[]): NonNullable<RouteSpec['responses']> {
  const byStatus = new Map<number, Set<CbErrorCode>>();
  for (const e of cases) {
    const [code, status] = statusOf(e);
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
  }
  const responses: NonNullable<RouteSpec['responses']> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const list = [...codes].sort();
    responses[String(status)] = {
      description: list.map((c) => (meaning[c] ? `\`${c}\`: ${meaning[c]}` : `\`${c}\``)).join('; ') + '.',
      ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds until a retry can succeed.', schema: { type: 'integer' } } } } : {}),
      content: json(errorSchema(list)),
    };
  }
  return responses;
}

/** The query schema's members as OpenAPI parameters, by zod's own JSON Schema conversion. */
function queryParameters(query: z.ZodObject): Parameter[] {
  const schema = z.toJSONSchema(query, { io: 'input', ...toOpenApi.options }) as { properties?: Record<string, Parameter['schema'] & { description?: string }>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, { description, ...rest }]) => ({
    in: 'query',
    name,
    ...(schema.required?.includes(name) ? { required: true } : {}),
    ...(description ? { description } : {}),
    schema: rest,
  }));
}

/** The describing middleware of one route (`method` as `app.routes` gives it: `GET`, `POST`, ...). */
export function describe(method: string, doc: OperationDoc): MiddlewareHandler {
  const errors = [...everyRoute, ...(method === 'GET' || method === 'HEAD' ? [] : everyWrite), ...(doc.errors ?? [])];
  const okStatus = doc.ok.status ?? 200;
  return describeRoute({
    operationId: doc.id,
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.session ? { security: [{ cbSession: [] }] } : {}),
    ...(doc.query ? { parameters: queryParameters(doc.query) } : {}),
    ...(doc.body ? { requestBody: { required: !doc.body.optional, content: json(doc.body.schema) } } : {}),
    responses: {
      [String(okStatus)]: { description: doc.ok.description, ...(doc.ok.schema ? { content: { ...json(doc.ok.schema), ...doc.ok.also } } : {}) },
      ...errorResponses(errors),
    },
    ...doc.extra,
  });
}
