// Progress of a selftest on stderr: a line when each run starts and ends; on a terminal, the
// running line is redrawn with the run's phase and counters about once a second.
import { formatDuration } from '../units/index';
import type { SelftestEvent, SelftestStep } from './run-selftest';

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const title = (step: SelftestStep, index: number, total: number): string =>
  `[${index + 1}/${total}] ${step.scenario} ${step.defect === null ? 'clean' : `with ${step.defect}`}`;

/** An `onEvent` for runSelftest that writes to `stream`. */
export function selftestProgress(stream: ProgressStream): (event: SelftestEvent) => void {
  const live = stream.isTTY === true;
  let current = '';
  return (event) => {
    if (event.kind === 'step-start') {
      current = title(event.step, event.index, event.total);
      stream.write(live ? `${current}…` : `smsgw selftest: ${current}…\n`);
    } else if (event.kind === 'step-progress') {
      if (!live) return;
      const { phase, injected, planned, accepted } = event.snapshot;
      stream.write(`\r\u001b[2K${current} — ${phase}, ${injected}/${planned} injected, ${accepted} delivered`);
    } else {
      const { status, failed, durationMs } = event.brief;
      const outcome = `${status}${failed.length ? `: ${failed.join(', ')}` : ''} (${formatDuration(Math.round(durationMs / 100) * 100)})`;
      stream.write(live ? `\r\u001b[2K${current} — ${outcome}\n` : `smsgw selftest: ${current} — ${outcome}\n`);
    }
  };
}
