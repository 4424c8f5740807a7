/** Defaults of the run orchestrator, with their units in their names. */
export const runDefaults = {
  /** Listeners on a run's stop signal besides one per SMS in flight (`injectionDefaults.maxInFlight`): the schedule, the drain, chaos. */
  stopListenersBesideSends: 8,
  /** How often the orchestrator samples device health and stub stats. */
  sampleIntervalMs: 1_000,
  /** Drain timeout when the scenario sets no `drained_within`; otherwise that value plus the grace. */
  drainTimeoutMs: 120_000,
  drainGraceMs: 30_000,
  /** How often the drain checks whether the queue is empty. */
  drainPollMs: 250,
  /** The drain gives up on a queue paused (for its configuration) this long: it cannot drain by itself. */
  pausedGiveUpMs: 5_000,
  /** A plain progress line every this often when stdout is not a TTY… */
  progressIntervalMs: 1_000,
  /** …for this long into the run; then one every `progressSlowIntervalMs`. */
  progressSlowAfterMs: 30_000,
  progressSlowIntervalMs: 5_000,
  /** Redraws of the dashboard per second, at most (`--fps`). */
  dashboardFps: 4,
  /** How often report.json, junit.xml and report.html are rewritten during a run (status `running`), so a killed soak leaves a report. */
  checkpointEveryMs: 120_000,
  /** A checkpoint that held the thread for T waits at least T × this before the next (checkpoints.ts): at most 2% of the run. */
  checkpointDutyFactor: 50,
  /** The same for the trace `abort_on_fail` takes on a sample (abort-watch.ts), for duplicates, latency and texts. */
  abortTraceDutyFactor: 50,
  /** The same for the trace behind `--metrics-port`'s delivered, duplicates and latency (live-metrics.ts). */
  liveMetricsTraceDutyFactor: 50,
  reportsDir: 'reports',
  /**
   * Room held back in the run's folder from its start to its teardown, bytes: when the disk fills up,
   * the run stops and writes what it still buffers and its report.json into it (disk-reserve.ts).
   */
  diskReserveBytes: 256 * 1024,
  /** The file that holds it; a run killed with SIGKILL leaves it behind. */
  diskReserveFile: '.disk-reserve',
  /**
   * Free space in the run's folder under which the disk counts as full, bytes: less than one SQLite
   * page. Read with every sample, so a run stops within a second of it even when the device, not the
   * harness, was the one that could no longer write.
   */
  diskFullBelowBytes: 4_096,
} as const;
