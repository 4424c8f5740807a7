// What `smsgw selftest` plants into the virtual device, and which verdict must catch it. Data, not
// code: adding a defect to the selftest is one line here (and a scenario under scenarios/selftest/).
import { join } from 'node:path';
import { packageFiles } from '../package-files';
import { SmsgwError } from '../errors';
import type { Fault } from '../scenario/index';

export interface SelftestCase {
  /** Short name for `--only` and the table. */
  readonly name: string;
  /** The planted defect, written as for `smsgw run --defect`; with `serverFault`, a description of it. */
  readonly defect: string;
  /**
   * A fault planted in the stub instead of the device (put first in the scenario's `server.faults`):
   * what only the server side sees, which the harness must still measure.
   */
  readonly serverFault?: Fault;
  /** A scenario under scenarios/selftest/, without `.yaml`; cases may share one. */
  readonly scenario: string;
  /** The `expect` key that must fail with the defect, and pass in the clean run of the same scenario. */
  readonly verdict: string;
  /** Judges the Health screen through Appium (`--metrics appium`). */
  readonly appium?: boolean;
  /**
   * The verdict carries `abort_on_fail`: caught only when it also stopped the planted run, before
   * half its planned load had run.
   */
  readonly abortsEarly?: boolean;
  /** The scenario is a fleet (`devices:`): the defect goes into this device alone (from 1), the others run clean. */
  readonly device?: number;
}

export const selftestCases: readonly SelftestCase[] = [
  { name: 'drop', defect: 'drop:0.1%', scenario: 'burst-1000', verdict: 'lost' },
  { name: 'duplicate', defect: 'duplicate:0.1%', scenario: 'burst-1000', verdict: 'duplicates' },
  { name: 'mangle', defect: 'mangle:0.1%', scenario: 'burst-1000', verdict: 'content_intact' },
  { name: 'leak', defect: 'leak', scenario: 'burst-1000', verdict: 'device_rss' },
  { name: 'hang', defect: 'hang:1%', scenario: 'repeats-200', verdict: 'unanswered' },
  { name: 'refuse', defect: 'refuse:1%', scenario: 'repeats-200', verdict: 'refused' },
  { name: 'dedupe-content', defect: 'dedupe-content', scenario: 'repeats-200', verdict: 'lost' },
  { name: 'no-recovery', defect: 'no-recovery', scenario: 'app-kills', verdict: 'lost' },
  { name: 'ack-before-commit', defect: 'ack-before-commit', scenario: 'app-kills-no-read-sms', verdict: 'lost' },
  { name: 'retry-budget', defect: 'retry-budget:2', scenario: 'short-outage', verdict: 'gave_up' },
  { name: 'give-up-abort', defect: 'retry-budget:2', scenario: 'give-up-abort', verdict: 'lost', abortsEarly: true },
  { name: 'follow-redirects', defect: 'follow-redirects', scenario: 'redirect-window', verdict: 'lost' },
  { name: 'ignore-tls', defect: 'ignore-tls', scenario: 'untrusted-tls', verdict: 'tls_refused' },
  { name: 'latency', defect: 'latency:500ms', scenario: 'trickle-30', verdict: 'p95_latency' },
  { name: 'latency-p99', defect: 'latency:1s', scenario: 'trickle-30', verdict: 'p99_latency' },
  { name: 'latency-max', defect: 'latency:2s', scenario: 'trickle-30', verdict: 'max_latency' },
  {
    name: 'server-delay',
    defect: 'server delay:600ms',
    serverFault: { kind: 'delay', delayMs: 600, rate: 1, window: null },
    scenario: 'trickle-30',
    verdict: 'p95_latency',
  },
  { name: 'spike', defect: 'spike:300MB', scenario: 'trickle-30', verdict: 'device_rss' },
  { name: 'skip-signature', defect: 'skip-signature', scenario: 'trickle-30', verdict: 'signatures_valid' },
  {
    name: 'wrong-dashboard',
    defect: 'wrong-dashboard',
    scenario: 'health-screen',
    verdict: 'dashboard_matches_server',
    appium: true,
  },
  // A defect on one device of a fleet: the fleet's own verdict must catch it, not only that device's.
  { name: 'fleet-drop', defect: 'drop:1%', scenario: 'fleet-2', verdict: 'lost', device: 2 },
];

/** Where a case's scenario file lives; resolved from this file, so it works from any working directory. */
export function selftestScenarioPath(scenario: string): string {
  return join(packageFiles.scenarios, 'selftest', `${scenario}.yaml`);
}

/** The cases `--only drop,latency` names (all of them for an empty list); an unknown name is bad input. */
export function pickCases(names: readonly string[]): SelftestCase[] {
  if (names.length === 0) return [...selftestCases];
  const known = selftestCases.map((selftestCase) => selftestCase.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new SmsgwError(
      'bad-option',
      `Expected \`--only\` to name defects of the selftest, got ${unknown.map((name) => `"${name}"`).join(', ')}`,
      {
        hint: `defects: ${known.join(', ')}`,
      },
    );
  }
  return selftestCases.filter((selftestCase) => names.includes(selftestCase.name));
}
