// What a caller (`smsgw run`, the selftest) hands the orchestrator, and what it gets back.
import type { StubStats } from '../stub/index';
import type { MetricsSnapshot } from '../metrics/metrics-snapshot';
import type { LoadGate } from '../injection/load-gate';
import type { RunReport } from '../report/run-report';

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
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly dir: string;
}
