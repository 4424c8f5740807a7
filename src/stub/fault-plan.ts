import { SmsgwError } from '../errors';
import type { Fault, Window } from '../scenario/fault-schema';
import { createRandom } from '../sms/random';

// A fault is one entry of a scenario's `server.faults`, as the scenario loader produces it; its window
// counts from the fault clock start (`startFaultClock()`, by default when the stub listens).

export type FaultKind = Fault['kind'];

/** A fault decided per request; each becomes one msw handler, in the scenario's order. */
export type RequestFault = Extract<Fault, { kind: 'status' | 'delay' | 'reset' | 'hang' | 'redirect' }>;

/** Which of the plan's per-request faults fired on one request, by their index in `perRequest`. */
export type FaultDice = ReadonlySet<number>;

export interface FaultPlan {
  /** The per-request faults, in the scenario's order. */
  readonly perRequest: readonly RequestFault[];
  /** Rolls the dice of every per-request fault for a request that arrived `elapsedMs` after the fault clock start. */
  decide(elapsedMs: number): FaultDice;
  /** The outage windows, scheduled by the server rather than decided per request. */
  readonly outages: readonly Window[];
  /** The certificate the whole stub serves HTTPS with; null: plain HTTP. */
  readonly tls: 'self-signed' | null;
}

const inWindow = (window: Window | null, elapsedMs: number): boolean =>
  window === null || (elapsedMs >= window.atMs && elapsedMs < window.atMs + window.forMs);

/** Kinds that answer the request themselves: no fault after one of them is rolled. */
const answers: ReadonlySet<FaultKind> = new Set(['status', 'reset', 'hang', 'redirect']);

/**
 * Builds the per-request fault evaluator. All faults of a request are decided in one synchronous pass
 * when the first fault handler sees it, so the PRNG is consumed in arrival order and a seed replays
 * the same decisions whatever the delays. Rolling stops at the first fault that fired and answers, as
 * its handler ends the request: the faults after it are never seen.
 */
export function createFaultPlan(faults: readonly Fault[], seed: number): FaultPlan {
  const issues = faultIssues(faults);
  if (issues.length > 0) {
    throw new SmsgwError('bad-option', `The fault plan has ${issues.length} problem(s)`, { issues });
  }
  const random = createRandom(seed).next;
  const perRequest = faults.filter((fault): fault is RequestFault => fault.kind !== 'outage' && fault.kind !== 'tls');
  const outages = faults.flatMap((fault) => (fault.kind === 'outage' ? [fault.window] : []));
  const decide = (elapsedMs: number): FaultDice => {
    const fired = new Set<number>();
    for (const [index, fault] of perRequest.entries()) {
      if (!inWindow(fault.window, elapsedMs)) continue;
      if (random() >= fault.rate) continue;
      fired.add(index);
      if (answers.has(fault.kind)) break;
    }
    return fired;
  };
  const tls = faults.some((fault) => fault.kind === 'tls') ? 'self-signed' : null;
  return { perRequest, decide, outages, tls };
}

const isNonNegative = (value: number): boolean => Number.isFinite(value) && value >= 0;

const redirectStatuses = new Set([301, 302, 307, 308]);

/** Every problem with a fault list, for faults that did not come through the scenario loader. */
export function faultIssues(faults: readonly Fault[]): string[] {
  const issues: string[] = [];
  faults.forEach((fault, index) => {
    const at = `faults[${index}] (${fault.kind})`;
    if (fault.kind === 'tls' || fault.kind === 'outage') {
      if (fault.kind === 'outage' && !(isNonNegative(fault.window.atMs) && isNonNegative(fault.window.forMs)))
        issues.push(`${at}: expected \`window\` to have non-negative \`atMs\` and \`forMs\``);
      return;
    }
    if (!(fault.rate >= 0 && fault.rate <= 1)) {
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
    if (fault.kind === 'redirect' && !redirectStatuses.has(fault.status)) {
      issues.push(`${at}: expected \`status\` to be 301, 302, 307 or 308, got ${fault.status}`);
    }
    if (fault.kind === 'redirect' && !fault.to.startsWith('/')) {
      issues.push(`${at}: expected \`to\` to be a path starting with "/", got ${JSON.stringify(fault.to)}`);
    }
  });
  return issues;
}
