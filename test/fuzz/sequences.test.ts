/**
 * Fuzzing sequences of steps (spec §3–§5): login → enroll/phone → confirm → verify → resend →
 * skip → logout → opt-in → admin routes, by several actors at once, with right and wrong values,
 * hostile requests in between and the clock moving. After every step: no 5xx, no internal detail,
 * the error shape, and a refused step changed nothing beyond what `refusal-rule.ts` allows, in
 * whatever state the earlier steps left the portal.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAndCheck } from './support/check.js';
import { fuzzParameters, fuzzTimeout } from './support/runs.js';
import { callOf, Jars, stepArbitrary, type Step } from './support/steps.js';
import { Tally } from './support/tally.js';
import { createWorld, type World } from './support/world.js';

describe('sequences of steps', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world.h.close());

  const run = async (steps: Step[], tally: Tally) => {
    await world.reset();
    const jars = new Jars(world);
    for (const step of steps) {
      if ('wait' in step) {
        world.h.clock.advance(step.wait);
        continue;
      }
      const answer = await sendAndCheck(world, callOf(step, jars, world), await world.current(), tally);
      jars.update(step.by, answer);
    }
  };

  it(
    'every step of every sequence keeps the contract, and refused steps change nothing',
    async () => {
      const tally = new Tally();
      const steps = stepArbitrary({ codes: Object.values(world.codes), tokens: world.tokens });
      await fc.assert(
        fc.asyncProperty(fc.array(steps, { minLength: 1, maxLength: 8 }), (list) => run(list, tally)),
        fuzzParameters(800),
      );
      // The sequences reached the states that matter: sign-ins completed both ways, codes refused, locks.
      expect(tally.missing(['200', '400 invalid_code', '400 code_expired', '409 wrong_step', '429 rate_limited', '403 forbidden', '401 unauthorized']), tally.toString()).toEqual([]);
    },
    fuzzTimeout(90_000),
  );
});
