// What a caller (`smsgw run`, the selftest) hands the orchestrator, and what it gets back.
import type { StubStats } from '../stub/index';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import type { LoadGate } from '../injection/load-gate';
import type { RunReport } from '../report/run-report';
import type { RunExporter } from '../metrics/run-exposition';
import type { Shard } from '../load/index';

/** What `--metrics appium` found on the device's Health screen, against /health and the stub. */
export interface HealthScreenCheck {
  matches: boolean;
  mismatches: string[];
}

export interface RunOptions {
  /** The scenario file, for the report. */
  readonly file: string;
  readonly reportsDir?: string;
  /** Planted defects for the virtual device (`drop:0.01`). */
  readonly defects?: readonly string[];
  /** In a fleet, plant `defects` in this device alone (from 1), as the selftest does; default every device. */
  readonly defectsOnDevice?: number;
  readonly signal?: AbortSignal;
  /** Called about once a second with everything the dashboard and the progress line show. */
  readonly onProgress?: (snapshot: MetricsSnapshot) => void;
  /** Lets the caller pause and resume the load (the dashboard's `p` key). */
  readonly gate?: LoadGate;
  /** How often the report is rewritten during the run (status `running`), ms; default `runDefaults.checkpointEveryMs`. */
  readonly checkpointEveryMs?: number;
  /** `--metrics appium`: judges the device's Health screen after the drain (passed in: this stage imports no webdriverio). */
  readonly measureHealthScreen?: (target: { healthUrl: string; stubStats: StubStats }) => Promise<HealthScreenCheck>;
  /** `--appium <url>`: the Appium server or grid for `device: remote` (required) and `device: emulator`. */
  readonly appiumUrl?: string;
  /** `--redact`: phone numbers masked and texts hashed in every report file. */
  readonly redact?: boolean;
  /** `--metrics-port`: shown the run's figures on every sample and the report's once it is written (live-metrics.ts). */
  readonly liveMetrics?: RunExporter;
  /**
   * `--shard k/n`: send only the k-th of n disjoint slices of the load, each SMS at the moment it has in
   * the unsharded run; chaos steps still run, on this run's own device. Absent: the whole load.
   */
  readonly shard?: Shard;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly dir: string;
}
