// `smsgw run` warns when a scenario asks more of the stub than half of what it was measured to
// answer: past that, a run may measure the harness rather than the gateway. The measured capacity is
// the stub-capacity figure of the newest `npm run bench` report (reports/bench/<stamp>.json): webhooks
// per wall-clock second of the stub on its own thread, as a run starts it, and for a scenario with a
// secret the figure with signatures checked (stub-capacity-signed); with no such report the check is
// skipped, as `smsgw run --help` says. No probe before the run: a few seconds
// of autocannon would slow every run, and on a shared machine a short probe is mostly noise.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadStep } from '../scenario/load-schema';

/** Where `npm run bench` writes its reports, relative to the working directory. */
export const benchReportsDir = join('reports', 'bench');

/** Warn above this share of the measured capacity. */
export const capacityShareLimit = 0.5;

export interface StubCapacity {
  /** Webhook requests per second the stub answered in the bench. */
  readonly perSec: number;
  /** The same with X-Signature checked, when the report has it. */
  readonly signedPerSec?: number;
  /** The bench report it was read from. */
  readonly file: string;
}

/**
 * The highest arrival rate of any step, SMS per second. A burst counts as spread over its `over`,
 * but at least one second: a burst "at once" is queued by the device, which then delivers as fast as
 * it can, so the stub sees it as `count` within about a second.
 */
export function peakRatePerSec(steps: readonly LoadStep[]): number {
  const rateOf = (step: LoadStep): number => {
    switch (step.kind) {
      case 'burst':
        return step.count / (Math.max(step.overMs, 1000) / 1000);
      case 'constant':
      case 'soak':
        return step.ratePerSec;
      case 'ramp':
        return Math.max(step.fromPerSec, step.toPerSec);
    }
  };
  return steps.reduce((peak, step) => Math.max(peak, rateOf(step)), 0);
}

/** The stub-capacity figure of the newest bench report in `dir`, or null when there is none. */
export function newestStubCapacity(dir: string = benchReportsDir): StubCapacity | null {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^\d{8}-\d{6}\.json$/.test(name));
  } catch {
    return null;
  }
  // Stamps sort as times; an unreadable or older-format report is passed over for the one before.
  for (const name of names.sort().reverse()) {
    const file = join(dir, name);
    try {
      const report = JSON.parse(readFileSync(file, 'utf8')) as { figures?: { id?: string; value?: unknown }[] };
      const figure = (id: string): number | null => {
        const value = report.figures?.find((each) => each.id === id)?.value;
        return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
      };
      const value = figure('stub-capacity');
      const signed = figure('stub-capacity-signed');
      if (value !== null) return { perSec: value, file, ...(signed === null ? {} : { signedPerSec: signed }) };
    } catch {
      continue;
    }
  }
  return null;
}

const perSec = (value: number): string => `${Math.round(value).toLocaleString('en-US')}/s`;

/**
 * The warning line for a scenario, or null when it stays within half the capacity (or none is known).
 * A scenario with a secret is held to the capacity with signatures checked, when the report has it.
 */
export function capacityWarning(
  scenario: {
    readonly name: string;
    readonly load: readonly LoadStep[];
    readonly server?: { readonly secret: string | null };
  },
  capacity: StubCapacity | null,
): string | null {
  if (capacity === null) return null;
  const signed = scenario.server?.secret != null && capacity.signedPerSec !== undefined;
  const limit = signed ? capacity.signedPerSec! : capacity.perSec;
  const peak = peakRatePerSec(scenario.load);
  if (peak <= limit * capacityShareLimit) return null;
  return (
    `smsgw: warning: ${scenario.name} peaks at ${perSec(peak)}, more than half the stub's measured capacity ` +
    `(${perSec(limit)}${signed ? ' with signatures checked' : ''}, ${capacity.file}); the stub may limit this run rather than the gateway`
  );
}
