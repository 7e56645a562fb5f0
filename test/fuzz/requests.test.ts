/**
 * Fuzzing single requests (spec §4, §5 "Inputs"): any body, content type, origin, cookie,
 * forwarded header, method and path, sent by any actor of a prepared portal. Whatever arrives:
 * no 5xx, no internal detail, errors in the `{ error: { code, message } }` shape with a fitting
 * 4xx, and a refused request changes no state beyond what `refusal-rule.ts` allows.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyCall, wildCall, type Targets } from './support/arbitraries.js';
import { sendAndCheck } from './support/check.js';
import { fuzzParameters, fuzzTimeout } from './support/runs.js';
import { Tally } from './support/tally.js';
import { createWorld, type World } from './support/world.js';

const targetsOf = (w: World): Targets => ({ codes: Object.values(w.codes), tokens: w.tokens });

/** Outcomes the cases must reach, or the generators stopped reaching the steps behind validation. */
const STEP_OUTCOMES = ['200', '400 bad_request', '413 bad_request', '400 invalid_code', '400 invalid_phone', '401 invalid_credentials', '401 unauthorized', '403 forbidden', '404 not_found', '409 wrong_step', '429 rate_limited'];

describe('one request, anything in it', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world.h.close());

  it(
    'any body on any route of the contract, with any session',
    async () => {
      const tally = new Tally();
      await fc.assert(
        fc.asyncProperty(bodyCall(targetsOf(world)), async (call) => {
          await sendAndCheck(world, call, await world.reset(), tally);
        }),
        fuzzParameters(3_750),
      );
      expect(tally.missing(STEP_OUTCOMES), tally.toString()).toEqual([]);
    },
    fuzzTimeout(60_000),
  );

  it(
    'any method, path, content type, origin, cookie and forwarded header',
    async () => {
      const tally = new Tally();
      await fc.assert(
        fc.asyncProperty(wildCall(targetsOf(world)), async (call) => {
          await sendAndCheck(world, call, await world.reset(), tally);
        }),
        fuzzParameters(3_250),
      );
      expect(tally.missing(['200', '415 bad_request', '403 forbidden', '404 not_found', '401 unauthorized']), tally.toString()).toEqual([]);
    },
    fuzzTimeout(60_000),
  );
});

// Behind a declared proxy the forwarded headers are believed: the client IP, the public scheme
// and host then come from what the fuzzer writes in them.
describe.each([
  ['X-Forwarded-*', { header: 'x-forwarded-for', hops: 1, forwarded: 'x-forwarded' as const }],
  ['Forwarded (RFC 7239)', { header: 'x-forwarded-for', hops: 2, forwarded: 'forwarded' as const }],
])('one request behind a trusted proxy, %s', (_name, trustProxy) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ policy: { trustProxy } });
  });
  afterAll(() => world.h.close());

  it(
    'any forwarded headers on any route',
    async () => {
      const tally = new Tally();
      await fc.assert(
        fc.asyncProperty(wildCall(targetsOf(world)), async (call) => {
          await sendAndCheck(world, call, await world.reset(), tally);
        }),
        fuzzParameters(1_000),
      );
      expect(tally.missing(['200', '403 forbidden', '401 unauthorized']), tally.toString()).toEqual([]);
    },
    fuzzTimeout(60_000),
  );
});
