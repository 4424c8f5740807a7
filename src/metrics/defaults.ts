/** Defaults of the metrics stage, with their units in their names. */
export const metricsDefaults = {
  /** Points a run's time series keeps before it drops every other one (time-series.ts), so memory stays flat in a soak. */
  maxSeriesPoints: 1_000,
  /** Most recent points a snapshot carries for the dashboard's sparklines. */
  historyPoints: 60,
  /** Timeline entries and errors a snapshot carries (the newest). */
  snapshotTimelineEntries: 12,
  snapshotErrorEntries: 20,
  /** The same error text is shown at most once this often, ms; repeats in between are counted. */
  errorRepeatMs: 10_000,
  /** Timeline entries a run keeps for its report; older ones are dropped and counted. */
  maxTimelineEntries: 500,
  /** How long the attached dashboard waits for a device or stub to answer, ms. */
  attachTimeoutMs: 2_000,
  /** How often the attached dashboard polls, ms. */
  attachIntervalMs: 1_000,
  /** Growth verdicts skip at least this long at the start of a run, ms (heaps and caches fill first)… */
  growthWarmUpMs: 30_000,
  /** …or this share of the run, whichever is longer, but never more than half of it. */
  growthWarmUpShare: 0.1,
  /** Samples a growth slope needs after the warm-up; fewer say nothing. */
  growthMinSamples: 5,
  /** The harness's RSS peaks are kept per slice of this width (peak-buckets.ts), ms… */
  peakBucketMs: 10_000,
  /** …and at most this many slices: beyond, they widen (an 8-hour soak keeps 10 s slices). */
  maxPeakBuckets: 4_000,
  /** How often the harness stats the device's database files for `db_growth`, ms. */
  dbSizeIntervalMs: 2_000,
} as const;
