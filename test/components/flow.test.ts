import { expect } from '@open-wc/testing';
import { initialFlow, transition, type FlowState } from '../../components/internal/flow.js';
import { user } from './support/fake-server.js';

const sent = { maskedPhone: 'xxx-xxx-9443', resendAt: '2025-01-01T12:00:30.000Z' };

describe('flow (the sign-in state machine)', () => {
  it('starts at the password', () => {
    expect(initialFlow).to.deep.equal({ step: 'login', notice: null });
  });

  it('follows each answer of /login', () => {
    expect(transition(initialFlow, { type: 'response', response: { step: 'authenticated', user } })).to.deep.equal({ step: 'authenticated', user });
    expect(transition(initialFlow, { type: 'response', response: { step: 'enroll', canSkip: true } })).to.deep.equal({ step: 'enroll', canSkip: true });
    expect(transition(initialFlow, { type: 'response', response: { step: 'verify', ...sent } })).to.deep.equal({ step: 'verify', ...sent });
  });

  it('enroll → confirm on a sent code, keeping canSkip', () => {
    const enroll: FlowState = { step: 'enroll', canSkip: true };
    expect(transition(enroll, { type: 'code-sent', ...sent })).to.deep.equal({ step: 'confirm', canSkip: true, ...sent });
    expect(transition(enroll, { type: 'response', response: { step: 'confirm', ...sent } })).to.deep.equal({ step: 'confirm', canSkip: true, ...sent });
  });

  it("carries the deadline's skipUntil from enroll to confirm", () => {
    const enroll = transition(initialFlow, { type: 'response', response: { step: 'enroll', canSkip: true, skipUntil: '2027-01-15' } });
    expect(enroll).to.deep.equal({ step: 'enroll', canSkip: true, skipUntil: '2027-01-15' });
    expect(transition(enroll, { type: 'code-sent', ...sent })).to.deep.equal({ step: 'confirm', canSkip: true, skipUntil: '2027-01-15', ...sent });
    expect(transition(enroll, { type: 'response', response: { step: 'confirm', ...sent } })).to.deep.equal({ step: 'confirm', canSkip: true, skipUntil: '2027-01-15', ...sent });
  });

  it('confirm → login with the "enrolled" notice (the user signs in again)', () => {
    const confirm: FlowState = { step: 'confirm', canSkip: false, ...sent };
    expect(transition(confirm, { type: 'enrolled' })).to.deep.equal({ step: 'login', notice: 'enrolled' });
    expect(transition(confirm, { type: 'response', response: { step: 'login' } })).to.deep.equal({ step: 'login', notice: 'enrolled' });
  });

  it('a resend in verify updates the phone and the countdown only', () => {
    const verify: FlowState = { step: 'verify', ...sent };
    const next = transition(verify, { type: 'code-sent', maskedPhone: 'xxx-xxx-0000', resendAt: 'later' });
    expect(next).to.deep.equal({ step: 'verify', maskedPhone: 'xxx-xxx-0000', resendAt: 'later' });
  });

  it('ignores events that do not apply', () => {
    expect(transition(initialFlow, { type: 'code-sent', ...sent })).to.equal(initialFlow);
    expect(transition(initialFlow, { type: 'enrolled' })).to.equal(initialFlow);
    const auth: FlowState = { step: 'authenticated', user };
    expect(transition(auth, { type: 'code-sent', ...sent })).to.equal(auth);
  });

  it('restarts, saying why when the login expired', () => {
    const verify: FlowState = { step: 'verify', ...sent };
    expect(transition(verify, { type: 'restart' })).to.deep.equal({ step: 'login', notice: null });
    expect(transition(verify, { type: 'restart', expired: true })).to.deep.equal({ step: 'login', notice: 'expired' });
    expect(transition(verify, { type: 'response', response: { step: 'login' } })).to.deep.equal({ step: 'login', notice: null });
  });
});
