import { SmsgwError } from '../errors';
import type { Fault, Window } from '../scenario/fault-schema';
import { createRandom } from '../sms/random';

// A fault is one entry of a scenario's `server.faults`, as the scenario loader produces it; its window
// counts from the fault clock start (`startFaultClock()`, by default when the stub listens).

export type FaultKind = Fault['kind'];

/** What the fault plan decided for one request, before normal handling. */
export interface FaultDecision {
  /** Sum of the delay faults that fired, in ms. */
  readonly delayMs: number;
  /** The fault that answers instead of the webhook, or null to carry on to normal handling. */
  readonly answer:
    | { readonly kind: 'status'; readonly status: number; readonly retryAfterMs: number | null }
    | { readonly kind: 'reset' }
    | { readonly kind: 'hang' }
    | null;
  /** What fired, for the ledger: `delay:300`, `status:503`, `reset`, `hang`. */
  readonly applied: readonly string[];
}

export interface FaultPlan {
  /** Evaluates the faults, in order, for a request that arrived `elapsedMs` after the fault clock start. */
  decide(elapsedMs: number): FaultDecision;
  /** The outage windows, scheduled by the server rather than decided per request. */
  readonly outages: readonly Window[];
}

const inWindow = (window: Window | null, elapsedMs: number): boolean =>
  window === null || (elapsedMs >= window.atMs && elapsedMs < window.atMs + window.forMs);

/**
 * Builds the per-request fault evaluator. All faults are decided at arrival, in one synchronous pass,
 * so the PRNG is consumed in arrival order and a seed replays the same decisions whatever the delays.
 */
export function createFaultPlan(faults: readonly Fault[], seed: number): FaultPlan {
  const issues = faultIssues(faults);
  if (issues.length > 0) {
    throw new SmsgwError('bad-option', `The fault plan has ${issues.length} problem(s)`, { issues });
  }
  const random = createRandom(seed).next;
  const perRequest = faults.filter((fault): fault is Exclude<Fault, { kind: 'outage' }> => fault.kind !== 'outage');
  const outages = faults.flatMap((fault) => (fault.kind === 'outage' ? [fault.window] : []));

  const decide = (elapsedMs: number): FaultDecision => {
    let delayMs = 0;
    const applied: string[] = [];
    for (const fault of perRequest) {
      if (!inWindow(fault.window, elapsedMs)) continue;
      if (random() >= fault.rate) continue;
      switch (fault.kind) {
        case 'delay':
          delayMs += fault.delayMs;
          applied.push(`delay:${fault.delayMs}`);
          break;
        case 'status':
          applied.push(`status:${fault.status}`);
          return {
            delayMs,
            applied,
            answer: { kind: 'status', status: fault.status, retryAfterMs: fault.retryAfterMs },
          };
        case 'reset':
        case 'hang':
          applied.push(fault.kind);
          return { delayMs, applied, answer: { kind: fault.kind } };
      }
    }
    return { delayMs, applied, answer: null };
  };
  return { decide, outages };
}

const isNonNegative = (value: number): boolean => Number.isFinite(value) && value >= 0;

/** Every problem with a fault list, for faults that did not come through the scenario loader. */
export function faultIssues(faults: readonly Fault[]): string[] {
  const issues: string[] = [];
  faults.forEach((fault, index) => {
    const at = `faults[${index}] (${fault.kind})`;
    if (fault.kind !== 'outage' && !(fault.rate >= 0 && fault.rate <= 1)) {
      issues.push(`${at}: expected \`rate\` to be from 0 to 1, got ${fault.rate}`);
    }
    if (fault.window && !(isNonNegative(fault.window.atMs) && isNonNegative(fault.window.forMs))) {
      issues.push(`${at}: expected \`window\` to have non-negative \`atMs\` and \`forMs\``);
    }
    if (fault.kind === 'status' && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
      issues.push(`${at}: expected \`status\` to be an integer from 200 to 599, got ${fault.status}`);
    }
    if (fault.kind === 'status' && fault.retryAfterMs !== null && !isNonNegative(fault.retryAfterMs)) {
      issues.push(`${at}: expected \`retryAfterMs\` to be a non-negative number, got ${fault.retryAfterMs}`);
    }
    if (fault.kind === 'delay' && !isNonNegative(fault.delayMs)) {
      issues.push(`${at}: expected \`delayMs\` to be a non-negative number, got ${fault.delayMs}`);
    }
  });
  return issues;
}
