// What `smsgw selftest` plants into the virtual device, and which verdict must catch it. Data, not
// code: adding a defect to the selftest is one line here (and a scenario under scenarios/selftest/).
import { fileURLToPath } from 'node:url';
import { SmsgwError } from '../errors';

export interface SelftestCase {
  /** Short name for `--only` and the table. */
  readonly name: string;
  /** The planted defect, written as for `smsgw run --defect`. */
  readonly defect: string;
  /** A scenario under scenarios/selftest/, without `.yaml`; cases may share one. */
  readonly scenario: string;
  /** The `expect` key that must fail with the defect, and pass in the clean run of the same scenario. */
  readonly verdict: string;
  /** Judges the Health screen through Appium (`--metrics appium`). */
  readonly appium?: boolean;
}

export const selftestCases: readonly SelftestCase[] = [
  { name: 'drop', defect: 'drop:0.1%', scenario: 'burst-1000', verdict: 'lost' },
  { name: 'duplicate', defect: 'duplicate:0.1%', scenario: 'burst-1000', verdict: 'duplicates' },
  { name: 'mangle', defect: 'mangle:0.1%', scenario: 'burst-1000', verdict: 'content_intact' },
  { name: 'latency', defect: 'latency:500ms', scenario: 'trickle-30', verdict: 'p95_latency' },
  { name: 'leak', defect: 'leak:10MB', scenario: 'trickle-30', verdict: 'device_rss' },
  { name: 'wrong-dashboard', defect: 'wrong-dashboard', scenario: 'health-screen', verdict: 'dashboard_matches_server', appium: true },
  { name: 'skip-signature', defect: 'skip-signature', scenario: 'trickle-30', verdict: 'signatures_valid' },
];

/** Where a case's scenario file lives; resolved from this file, so it works from any working directory. */
export function selftestScenarioPath(scenario: string): string {
  return fileURLToPath(new URL(`../../scenarios/selftest/${scenario}.yaml`, import.meta.url));
}

/** The cases `--only drop,latency` names (all of them for an empty list); an unknown name is bad input. */
export function pickCases(names: readonly string[]): SelftestCase[] {
  if (names.length === 0) return [...selftestCases];
  const known = selftestCases.map((selftestCase) => selftestCase.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new SmsgwError('bad-option', `Expected \`--only\` to name defects of the selftest, got ${unknown.map((name) => `"${name}"`).join(', ')}`, {
      hint: `defects: ${known.join(', ')}`,
    });
  }
  return selftestCases.filter((selftestCase) => names.includes(selftestCase.name));
}
