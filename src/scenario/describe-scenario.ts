// One-line descriptions, k6 style: what a dashboard header and a report title show.
import { formatDuration, formatPercent, formatRate } from '../units';
import type { ChaosStep } from './chaos-schema';
import type { Fault, Window } from './fault-schema';
import type { LoadStep } from './load-schema';

/** "100 SMS over 10s", "5/s for 10m", "ramp 1/s to 50/s over 5m", "soak 2/s for 8h". */
export function describeLoadStep(step: LoadStep): string {
  switch (step.kind) {
    case 'burst':
      return step.overMs === 0 ? `${step.count} SMS at once` : `${step.count} SMS over ${formatDuration(step.overMs)}`;
    case 'constant':
      return `${formatRate(step.ratePerSec)} for ${formatDuration(step.forMs)}`;
    case 'ramp':
      return `ramp ${formatRate(step.fromPerSec)} to ${formatRate(step.toPerSec)} over ${formatDuration(step.overMs)}`;
    case 'soak':
      return `soak ${formatRate(step.ratePerSec)} for ${formatDuration(step.forMs)}`;
  }
}

function describeWindow(window: Window | null): string {
  return window === null ? '' : ` at ${formatDuration(window.atMs)} for ${formatDuration(window.forMs)}`;
}

function share(rate: number): string {
  return rate === 1 ? '' : `${formatPercent(rate)} `;
}

/** "20% 503 (Retry-After 1s)", "10% 300ms delay", "5% reset", "outage at 3s for 15s", "10% 301 to /new", "TLS self-signed". */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'status': {
      const retry = fault.retryAfterMs === null ? '' : ` (Retry-After ${formatDuration(fault.retryAfterMs)})`;
      return `${share(fault.rate)}${fault.status}${retry}${describeWindow(fault.window)}`;
    }
    case 'delay':
      return `${share(fault.rate)}${formatDuration(fault.delayMs)} delay${describeWindow(fault.window)}`;
    case 'reset':
    case 'hang':
      return `${share(fault.rate)}${fault.kind}${describeWindow(fault.window)}`;
    case 'outage':
      return `outage${describeWindow(fault.window)}`;
    case 'redirect':
      return `${share(fault.rate)}${fault.status} to ${fault.to}${describeWindow(fault.window)}`;
    case 'tls':
      return `TLS ${fault.certificate}`;
  }
}

/** "kill device at 50%", "kill app at 50% (restart after 2s)", "network off at 30s for 20s", "network delay umts at 30% for 20s". */
export function describeChaosStep(step: ChaosStep): string {
  const described = describeAction(step);
  return step.device === undefined ? described : `${described} on device ${step.device}`;
}

function describeAction(step: ChaosStep): string {
  const at = step.at.kind === 'time' ? formatDuration(step.at.ms) : formatPercent(step.at.fraction);
  const { action } = step;
  switch (action.kind) {
    case 'kill':
      return action.target === 'app'
        ? `kill app at ${at} (restart after ${formatDuration(action.restartAfterMs)})`
        : `kill device at ${at}`;
    case 'force-stop':
      return `force-stop ${action.target} at ${at} for ${formatDuration(action.forMs)}`;
    case 'link':
      return `network ${action.setting} ${action.value} at ${at} for ${formatDuration(action.forMs)}`;
    case 'gsm':
      return `gsm data ${action.data} at ${at} for ${formatDuration(action.forMs)}`;
    default:
      return `${action.kind} ${action.state} at ${at} for ${formatDuration(action.forMs)}`;
  }
}

/** The parts of a scenario its one-liner is made of. */
export interface DescribedParts {
  readonly load: readonly LoadStep[];
  readonly server: { readonly faults: readonly Fault[] };
  readonly chaos: readonly ChaosStep[];
  /** `repeats` is a share 0..1; absent, none. */
  readonly messages: { readonly text: string; readonly repeats?: number };
}

/** "100 SMS over 10s; 20% repeated SMS; faults: 20% 503 (Retry-After 1s), 5% reset; chaos: kill device at 50%". */
export function describeScenario(scenario: DescribedParts): string {
  const parts = [scenario.load.map(describeLoadStep).join(', then ')];
  if (scenario.messages.text !== 'ascii') parts.push(`${scenario.messages.text} texts`);
  const repeats = scenario.messages.repeats ?? 0;
  if (repeats > 0) parts.push(`${formatPercent(repeats)} repeated SMS`);
  if (scenario.server.faults.length > 0) parts.push(`faults: ${scenario.server.faults.map(describeFault).join(', ')}`);
  if (scenario.chaos.length > 0) parts.push(`chaos: ${scenario.chaos.map(describeChaosStep).join(', ')}`);
  return parts.join('; ');
}
