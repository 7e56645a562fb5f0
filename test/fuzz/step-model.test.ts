/**
 * The sign-in state machine against a model (spec §3, §5): random commands by three browsers
 * (login right or wrong, phone, confirm and verify with right, wrong and malformed codes, resend,
 * skip, logout, opt-in, session) mixed with the Master Admin's settings changes and resets and
 * the clock moving. Each answer must be the one the model predicts, and in particular no session
 * becomes complete without the right code while 2FA is on and the user is enrolled.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters, fuzzTimeout } from './support/runs.js';
import {
  AdminReset,
  BROWSERS,
  Confirm,
  EnrollPhone,
  initialModel,
  Login,
  Logout,
  OptIn,
  PHONE_INPUTS,
  Resend,
  SessionInfo,
  Settings,
  Skip,
  Verify,
  Wait,
  type CodeKind,
  type Real,
  type Target,
  type UserKey,
} from './support/step-model.js';
import { Tally } from './support/tally.js';
import { createWorld, type World } from './support/world.js';

const OUT_OF_REACH = { limit: 1_000_000, windowSeconds: 60 };

describe('the step state machine', () => {
  let world: World;
  let generation: number;
  beforeAll(async () => {
    // Send, password and lock limits have their own tests; here they would only hide the steps.
    world = await createWorld({
      policy: {
        sendsPerPhone: OUT_OF_REACH,
        sendsPerAccount: OUT_OF_REACH,
        sendsPerIp: OUT_OF_REACH,
        passwordFailuresPerAccount: OUT_OF_REACH,
        passwordFailuresPerIp: OUT_OF_REACH,
        codeLockAfter: 1_000_000,
      },
    });
    generation = (await world.h.store.getSettings()).generation;
  });
  afterAll(() => world.h.close());

  it(
    'follows the model, and nothing completes a sign-in of an enrolled user but the right code',
    async () => {
      const browser = fc.integer({ min: 0, max: BROWSERS - 1 });
      const b = fc.oneof({ weight: 3, arbitrary: fc.constant<Target>('latest') }, { weight: 1, arbitrary: browser });
      const user = fc.constantFrom<UserKey>('demo', 'pat', 'lee', 'admin');
      const code = fc.oneof(
        { weight: 6, arbitrary: fc.constant<CodeKind>('right') },
        { weight: 3, arbitrary: fc.constant<CodeKind>('wrong') },
        { weight: 1, arbitrary: fc.constantFrom<CodeKind>('padded', 'number', 'short') },
      );
      const login = fc.tuple(browser, user, fc.boolean(), fc.boolean()).map(([i, u, p, q]) => new Login(i, u, p || q));
      const phone = fc.tuple(b, fc.nat(PHONE_INPUTS.length - 1)).map(([i, p]) => new EnrollPhone(i, p));
      const confirm = fc.tuple(b, code).map(([i, c]) => new Confirm(i, c));
      const verify = fc.tuple(b, code).map(([i, c]) => new Verify(i, c));
      // One weighted choice: the steps that move a login forward come up most, so that runs get
      // past the password into the code steps, and logouts do not end every login at once.
      const command = fc.oneof(
        { weight: 4, arbitrary: login },
        { weight: 3, arbitrary: phone },
        { weight: 4, arbitrary: confirm },
        { weight: 5, arbitrary: verify },
        { weight: 2, arbitrary: b.map((i) => new Resend(i)) },
        { weight: 2, arbitrary: b.map((i) => new Skip(i)) },
        { weight: 1, arbitrary: browser.map((i) => new Logout(i)) },
        { weight: 1, arbitrary: b.map((i) => new OptIn(i)) },
        { weight: 2, arbitrary: b.map((i) => new SessionInfo(i)) },
        { weight: 1, arbitrary: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()).map(([e, f, o]) => new Settings(e || f, o)) },
        { weight: 1, arbitrary: user.map((u) => new AdminReset(u)) },
        { weight: 2, arbitrary: fc.constantFrom(7, 31, 301, 601, 1_801).map((s) => new Wait(s)) },
      );
      const commands = fc.commands(
        [command],
        { maxCommands: 20, size: 'medium' },
      );
      const tally = new Tally();
      await fc.assert(
        fc.asyncProperty(fc.boolean(), commands, async (optOut, cmds) => {
          await world.reset();
          const real: Real = { world, cookies: Array.from({ length: BROWSERS }, () => null), admin: world.tokens.admin, tally };
          // Every run starts with the opt-out on or off, and a login in each browser: one at
          // verify, one at enroll, and Pat signed in (skipped) or at enroll (opt-out now off).
          const start = [new Settings(true, optOut), new Login(2, 'pat', true), new Login(1, 'lee', true), new Login(0, 'demo', true)];
          await fc.asyncModelRun(() => ({ model: initialModel(world, generation), real }), [...start, ...cmds]);
        }),
        fuzzParameters(300),
      );
      // Every kind of step was reached, accepted and refused.
      expect(tally.missing(['200', '400 invalid_code', '400 code_expired', '400 invalid_phone', '401 unauthorized', '403 forbidden', '409 wrong_step', '429 rate_limited']), tally.toString()).toEqual([]);
    },
    fuzzTimeout(90_000),
  );
});
