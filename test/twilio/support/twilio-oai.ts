/**
 * Twilio's official OpenAPI specs (twilio/twilio-oai) for the four operations we call, and a
 * small check of a request and its answer against them: the form fields must be parameters the
 * operation defines, under their exact names and types, and a JSON answer must carry every field
 * of the response schema (and no other), each of its type.
 *
 * The specs are 2.3 MB; `twilio-oai-slice.json` keeps what the check needs (no descriptions or
 * examples), so the test runs on any clone. `sliceSpecs` rebuilds it from the full files, and the
 * test compares the two wherever those files are present.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from './fake-twilio.js';

export interface Schema {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

export interface Operation {
  file: string;
  server: string;
  method: string;
  path: string;
  pathParams: Record<string, Schema>;
  form: { properties: Record<string, Schema>; required: string[] };
  responses: Record<string, Schema | null>;
}

export interface SpecSlice {
  source: string;
  operations: Operation[];
  /** Twilio's error body, as the spec gives it for Verify's documented 429. */
  error: Schema;
}

export const SOURCE = 'twilio/twilio-oai d50069b44ea8cd23141385bdb6db48f16ff75bb5: spec/json/twilio_api_v2010.json, spec/json/twilio_verify_v2.json';

const OPERATIONS = [
  { file: 'twilio_api_v2010.json', method: 'post', path: '/2010-04-01/Accounts/{AccountSid}/Messages.json' },
  { file: 'twilio_api_v2010.json', method: 'post', path: '/2010-04-01/Accounts/{AccountSid}/Calls.json' },
  { file: 'twilio_verify_v2.json', method: 'post', path: '/v2/Services/{ServiceSid}/Verifications' },
  { file: 'twilio_verify_v2.json', method: 'post', path: '/v2/Services/{ServiceSid}/VerificationCheck' },
];

const KEPT = ['type', 'nullable', 'enum', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'required'] as const;

/** A schema with its `$ref`s resolved and only what a check reads. */
function normalize(node: any, root: any): Schema {
  if (node?.$ref) {
    const target = (node.$ref as string).replace(/^#\//, '').split('/').reduce((at: any, key: string) => at?.[key], root);
    return normalize(target, root);
  }
  const out: Schema = {};
  for (const key of KEPT) if (node?.[key] !== undefined) (out as any)[key] = node[key];
  if (node?.items) out.items = normalize(node.items, root);
  if (node?.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, normalize(v, root)]));
  return out;
}

/** The slice of the full spec files in `dir` that the check needs. */
export function sliceSpecs(dir: string): SpecSlice {
  const specs = new Map<string, any>();
  const spec = (file: string) => specs.get(file) ?? specs.set(file, JSON.parse(readFileSync(join(dir, file), 'utf8'))).get(file);
  const operations = OPERATIONS.map(({ file, method, path }): Operation => {
    const root = spec(file);
    const item = root.paths[path];
    const op = item[method];
    const form = op.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
    const normalized = form ? normalize(form, root) : { properties: {}, required: [] };
    return {
      file,
      server: (item.servers ?? root.servers)[0].url,
      method,
      path,
      pathParams: Object.fromEntries((op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => [p.name, normalize(p.schema, root)])),
      form: { properties: normalized.properties ?? {}, required: normalized.required ?? [] },
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]: [string, any]) => {
        const schema = r.content?.['application/json']?.schema;
        return [status, schema ? normalize(schema, root) : null];
      })),
    };
  });
  const verify = spec('twilio_verify_v2.json');
  const error = normalize(verify.paths['/v2/Services/{ServiceSid}/Verifications'].post.responses['429'].content['application/json'].schema, verify);
  return { source: SOURCE, operations, error };
}

export const SLICE_PATH = new URL('./twilio-oai-slice.json', import.meta.url);
export const loadSlice = (): SpecSlice => JSON.parse(readFileSync(SLICE_PATH, 'utf8'));

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/** What is wrong with a JSON value against a schema, as `where: what` lines. */
function valueErrors(value: unknown, schema: Schema, where: string): string[] {
  if (value === null) return schema.nullable ? [] : [`${where}: null, but not nullable`];
  if (value === undefined) return [`${where}: missing`];
  const errors: string[] = [];
  const t = typeOf(value);
  if (schema.type) {
    const fits = schema.type === t || (schema.type === 'number' && (t === 'integer' || t === 'number'));
    if (!fits) errors.push(`${where}: a ${t}, the spec says ${schema.type}`);
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) errors.push(`${where}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (schema.items && Array.isArray(value)) value.forEach((v, i) => errors.push(...valueErrors(v, schema.items!, `${where}[${i}]`)));
  return errors;
}

/** The body must have exactly the schema's fields. */
function objectErrors(body: unknown, schema: Schema, where: string): string[] {
  if (typeOf(body) !== 'object') return [`${where}: not a JSON object`];
  const properties = schema.properties ?? {};
  const given = body as Record<string, unknown>;
  const errors = Object.keys(given).filter((k) => !(k in properties)).map((k) => `${where}.${k}: not in the response schema`);
  for (const [name, prop] of Object.entries(properties)) {
    errors.push(...(name in given ? valueErrors(given[name], prop, `${where}.${name}`) : [`${where}.${name}: missing`]));
  }
  return errors;
}

/** A form field's text against its schema: form encoding carries every value as a string. */
function fieldErrors(name: string, values: string[], schema: Schema): string[] {
  if (values.length > 1 && schema.type !== 'array') return [`${name}: sent ${values.length} times, not an array`];
  const one = schema.type === 'array' ? (schema.items ?? {}) : schema;
  const errors: string[] = [];
  for (const v of values) {
    if (one.type === 'integer' && !/^-?\d+$/.test(v)) errors.push(`${name}: ${JSON.stringify(v)} is not an integer`);
    if (one.type === 'integer' && /^-?\d+$/.test(v)) {
      if (one.minimum !== undefined && Number(v) < one.minimum) errors.push(`${name}: below ${one.minimum}`);
      if (one.maximum !== undefined && Number(v) > one.maximum) errors.push(`${name}: above ${one.maximum}`);
    }
    if (one.type === 'number' && !Number.isFinite(Number(v))) errors.push(`${name}: ${JSON.stringify(v)} is not a number`);
    if (one.type === 'boolean' && v !== 'true' && v !== 'false') errors.push(`${name}: ${JSON.stringify(v)} is not a boolean`);
    if (one.enum && !one.enum.includes(v)) errors.push(`${name}: ${JSON.stringify(v)} is not one of ${JSON.stringify(one.enum)}`);
    if (one.pattern && !new RegExp(one.pattern).test(v)) errors.push(`${name}: ${JSON.stringify(v)} does not match ${one.pattern}`);
  }
  return errors;
}

const templateRegex = (path: string) => new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);

/** Every way the exchange departs from the spec; empty when it conforms. */
export function specViolations(slice: SpecSlice, exchange: Exchange): string[] {
  const label = `${exchange.method} ${exchange.path}`;
  const match = slice.operations
    .map((op) => ({ op, m: op.method.toUpperCase() === exchange.method ? templateRegex(op.path).exec(exchange.path) : null }))
    .find((x) => x.m);
  if (!match) return [`${label}: no such operation in the spec`];
  const { op, m } = match;
  const errors: string[] = [];
  for (const [name, schema] of Object.entries(op.pathParams)) errors.push(...valueErrors(decodeURIComponent(m!.groups![name]!), schema, `path ${name}`));

  const byName = new Map<string, string[]>();
  for (const [name, value] of exchange.fields) byName.set(name, [...(byName.get(name) ?? []), value]);
  for (const [name, values] of byName) {
    const schema = op.form.properties[name];
    if (!schema) errors.push(`${name}: not a parameter of this operation`);
    else errors.push(...fieldErrors(name, values, schema));
  }
  for (const name of op.form.required) if (!byName.has(name)) errors.push(`${name}: required, not sent`);

  // No answer (a dropped connection), or one a test injected to model something else: only the
  // request is Twilio's to judge.
  if (exchange.status !== null && !exchange.injected) {
    const documented = op.responses[String(exchange.status)];
    if (documented !== undefined) {
      if (documented) errors.push(...objectErrors(exchange.body, documented, `${exchange.status}`));
    } else if (exchange.status >= 400) {
      errors.push(...objectErrors(exchange.body, slice.error, `${exchange.status} error`));
    } else {
      errors.push(`${exchange.status}: not a documented answer of this operation`);
    }
  }
  return errors.map((e) => `${label}: ${e}`);
}
