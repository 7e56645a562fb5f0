/**
 * What a refused request (any 4xx) may change in the database. The rule is "bad input changes
 * nothing"; the only exceptions are the records whose purpose is to count and record refusals.
 *
 * - A malformed request (`bad_request`: 400 unreadable or invalid JSON, wrong types, missing or
 *   oversized fields; 413 too large; 415 not JSON) is refused before any step runs, so it changes
 *   nothing at all: not even the audit log or a counter. Counting or auditing it would let anyone,
 *   without a password, grow those tables without bound.
 * - Any other refusal may
 *   - append to `cb_audit_events` (failed logins, rejected codes, locks, limits are security
 *     events: spec §5), never alter or remove a row already there;
 *   - change `cb_rate_limits`: password failures per account and IP are counted, and a send
 *     refused by one limit counts and is taken back on the others;
 *   - on a code step (`/verify`, `/enroll/confirm`) refused as `invalid_code`, `code_expired` or
 *     `rate_limited`: add one try to one code in `cb_codes` (spec §5: a wrong or malformed code,
 *     even one that is not six digits, counts as a try) and count the failure in `cb_code_locks`
 *     (the account lock), never remove a lock row;
 *   - on a code step refused for another reason (a stale login, a used code): write the account's
 *     lock row, which the atomic try statement creates and rolls forward before it knows the
 *     outcome, but count no failure there: its failures (`window_failures` +
 *     `prev_window_failures`) and `consecutive_failures` do not grow, and no lock is set;
 *   - let rows that were already dead at that moment disappear: expired or idle sessions (a
 *     request that carries one deletes it), expired or used codes (the sweep on a login);
 *   - end the session the request itself carried, with its code: a step refused because the
 *     login can no longer succeed (begun before the settings or the enrollment changed, enrolled
 *     meanwhile by another sign-in) ends that login. Only the caller's own: never another's.
 *   - move a live complete session's `last_seen_at` forward (the idle clock of the session the
 *     request carried: it was used, even if the step was refused).
 *   Everything else (settings, accounts, enrollments, skips, live sessions, deliveries) stays.
 */
import type { DbState, Row, TableState } from './db-state.js';

export interface Refusal {
  method: string;
  /** Path relative to the router's mount point. */
  route: string;
  status: number;
  code: string;
  /** The clock at the request, for "already dead". */
  now: number;
  idleMs: number;
  /** `id_hash` of every session the request's cookies could name. */
  carried: ReadonlySet<string>;
}

/** Routes that check a submitted code, where a wrong one counts. */
const CODE_STEPS = new Set(['POST /verify', 'POST /enroll/confirm']);
const COUNTED_CODE_ERRORS = new Set(['invalid_code', 'code_expired', 'rate_limited']);

type Rule =
  | { kind: 'same' }
  | { kind: 'append' }
  | { kind: 'any' }
  /** Existing rows may change and new ones appear; none may go. */
  | { kind: 'upsert' }
  /** Lock rows may be written, created, never removed, and count no failure. */
  | { kind: 'uncounted' }
  /** Rows dead at `now` may go; `grow` columns may increase (by at most `step`, in at most `rows` rows); nothing else moves. */
  | { kind: 'live'; dead: (row: Row) => boolean; grow: string[]; step?: number; rows?: number; own?: (row: Row) => boolean };

function rulesFor(r: Refusal): (table: string) => Rule {
  if (r.code === 'bad_request') return () => ({ kind: 'same' });
  const codeStep = CODE_STEPS.has(`${r.method} ${r.route}`);
  const countsTry = codeStep && COUNTED_CODE_ERRORS.has(r.code);
  const deadSession = (s: Row) =>
    Number(s.expires_at) <= r.now || (s.status === 'complete' && r.now - Number(s.last_seen_at) > r.idleMs);
  const deadCode = (c: Row) => Number(c.expires_at) <= r.now || c.consumed_at !== null;
  const ownSession = (s: Row) => r.carried.has(String(s.id_hash));
  const ownCode = (c: Row) => r.carried.has(String(c.session_id_hash));
  return (table) => {
    switch (table) {
      case 'cb_audit_events':
        return { kind: 'append' };
      case 'cb_rate_limits':
        return { kind: 'any' };
      case 'cb_code_locks':
        return countsTry ? { kind: 'upsert' } : codeStep ? { kind: 'uncounted' } : { kind: 'same' };
      case 'cb_codes':
        return countsTry
          ? { kind: 'live', dead: deadCode, grow: ['attempts'], step: 1, rows: 1, own: ownCode }
          : { kind: 'live', dead: deadCode, grow: [], own: ownCode };
      case 'cb_sessions':
        return { kind: 'live', dead: deadSession, grow: ['last_seen_at'], own: ownSession };
      default:
        return { kind: 'same' };
    }
  };
}

const show = (row: Row | undefined) => (row === undefined ? '(none)' : JSON.stringify(row));

function tableViolations(rule: Rule, before: TableState | undefined, after: TableState | undefined): string[] {
  const name = (before ?? after)!.name;
  if (before?.fingerprint === after?.fingerprint) return [];
  const was = before?.rows ?? new Map<string, Row>();
  const is = after?.rows ?? new Map<string, Row>();
  const problems: string[] = [];
  const changedRows = () =>
    [...new Set([...was.keys(), ...is.keys()])].filter((id) => JSON.stringify(was.get(id)) !== JSON.stringify(is.get(id)));
  switch (rule.kind) {
    case 'any':
      return [];
    case 'same':
      for (const id of changedRows()) problems.push(`${name} ${id}: ${show(was.get(id))} → ${show(is.get(id))}`);
      break;
    case 'append':
      for (const [id, row] of was) {
        if (JSON.stringify(is.get(id)) !== JSON.stringify(row)) problems.push(`${name} ${id} altered: ${show(row)} → ${show(is.get(id))}`);
      }
      break;
    case 'upsert':
      for (const [id, row] of was) if (!is.has(id)) problems.push(`${name} ${id} removed: ${show(row)}`);
      break;
    case 'uncounted':
      for (const [id, row] of was) if (!is.has(id)) problems.push(`${name} ${id} removed: ${show(row)}`);
      for (const [id, row] of is) {
        const old = was.get(id);
        const failures = (r: Row | undefined) => Number(r?.window_failures ?? 0) + Number(r?.prev_window_failures ?? 0);
        const counted =
          failures(row) > failures(old) ||
          Number(row.consecutive_failures ?? 0) > Number(old?.consecutive_failures ?? 0) ||
          (row.locked_until ?? null) !== (old?.locked_until ?? null) ||
          Boolean(row.hard_locked) !== Boolean(old?.hard_locked ?? false);
        if (counted) problems.push(`${name} ${id} counted a failure or set a lock: ${show(old)} → ${show(row)}`);
      }
      break;
    case 'live': {
      let grown = 0;
      for (const [id, row] of is) if (!was.has(id)) problems.push(`${name} ${id} added: ${show(row)}`);
      for (const [id, row] of was) {
        const now = is.get(id);
        if (!now) {
          if (!rule.dead(row) && !rule.own?.(row)) problems.push(`${name} ${id} removed while live: ${show(row)}`);
          continue;
        }
        // The caller's own login, ended or consumed by the refusal.
        if (rule.own?.(row)) continue;
        let rowGrew = false;
        for (const column of Object.keys(row)) {
          const a = row[column];
          const b = now[column];
          if (a === b) continue;
          const growth = Number(b) - Number(a);
          if (rule.grow.includes(column) && growth > 0 && (rule.step === undefined || growth <= rule.step)) {
            rowGrew = true;
            continue;
          }
          problems.push(`${name} ${id}.${column}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
        }
        if (rowGrew) grown++;
      }
      if (rule.rows !== undefined && grown > rule.rows) problems.push(`${name}: ${grown} rows counted a try, at most ${rule.rows} may`);
      break;
    }
  }
  return problems;
}

/** Every change that the refusal was not allowed to make, one line each; empty when it kept to the rule. */
export function refusalViolations(before: DbState, after: DbState, refusal: Refusal): string[] {
  const ruleOf = rulesFor(refusal);
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.flatMap((name) => tableViolations(ruleOf(name), before.get(name), after.get(name)));
}
