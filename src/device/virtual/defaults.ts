/** Defaults of the virtual device, with their units in their names. */
export const virtualDeviceDefaults = {
  /** How long the harness waits for a spawned device to print its ready line. */
  readyTimeoutMs: 30_000,
  healthTimeoutMs: 5_000,
  /** After SIGTERM, how long in-flight sends may take before the device is killed. */
  stopTimeoutMs: 15_000,
  /** The emulator's first console port; adb finds emulators on 5554..5584. */
  consolePort: 5554,
  healthPort: 8554,
  avdName: 'smsgw_virtual',
  /** How often a harness-spawned device checks that the harness is still alive, ms. */
  parentPollMs: 1_000,
  /** `disk: full` fills free pages with blobs, halving down to this size; a smaller gap cannot hold an SMS anyway. */
  diskFillMinBlobBytes: 64,
  /** Backstop on the filler's insert rounds (about 30 are needed for a 1 GB free list). */
  diskFillMaxRounds: 200,
  /**
   * SQLite page cache of the device's connection, KiB: SQLite's own default. better-sqlite3 builds
   * with 16,000 KiB, which a queue that only grows fills by its own size, ~230 bytes an SMS: that was
   * an RSS creep under a flat JS heap (SQLite alone: malloc heap +2.3 MB per 10,000 SMS up
   * to 19 MB, 3.6 MB with this cap). A miss reads from the OS page cache, not the disk; device CPU
   * per SMS did not change.
   */
  sqlitePageCacheKib: 2_000,
  /**
   * V8 flags of a harness-spawned device, which a long soak judges by its memory. With 100,000 SMS queued by pipelined ingest,
   * Node's default 16 MB semi-spaces had grown the new space to 32 MB, and the old generation, allowed
   * to grow to several times its live ~11 MB before the next mark-compact, held ~10 MB of promoted
   * garbage. A 4 MB semi-space and a 1.5× growing factor took the JS heap from 57 to 28 MB and the
   * device from 145–151 to 119–127 MB at the same CPU per SMS; --optimize-for-size reached
   * 100–111 MB but cost ~15% of the console ingest rate.
   */
  nodeFlags: ['--max-semi-space-size=4', '--heap-growing-percent=50'],
  /** `spike` strikes on this stored SMS: early in any load, yet after the device has settled. */
  spikeAtStoredSms: 5,
  /** `dedupe-content` drops an SMS whose sender and text were stored less than this long ago, ms. */
  dedupeContentWindowMs: 60_000,
  /** Bound on the contents `dedupe-content` remembers: a minute at over 300 SMS/s, a few MB at most. */
  dedupeContentMaxEntries: 20_000,
  /**
   * Bound on the contents `refuse` remembers having struck, so their retries are refused too. The
   * harness retries a KO within seconds; forgetting the oldest of this many strikes loses nothing.
   */
  refusedContentsMax: 10_000,
  /**
   * `ack-before-commit`: how long the app's receiver lets an acknowledged SMS wait before committing it
   * to its inbox. Wide enough that a `kill: app` in a load of a few SMS a second strikes one.
   */
  ackBeforeCommitLagMs: 500,
  /** SMS the app reads from the SMS store per recovery query. */
  recoveryPageSize: 500,
  /**
   * How often a drain of the inbox also scans the SMS store, ms, besides the scan at every start: it
   * pairs the receiver's captures with their store rows, so the unpaired list stays short.
   */
  recoveryIntervalMs: 2_000,
  /** Most unpaired captures one recovery page is matched against: far more than arrive between scans. */
  recoveryMaxUnpaired: 20_000,
  /** After a drain of the inbox failed (a full disk, a locked database), the next try, ms. */
  drainRetryMs: 1_000,
  /** Inbox rows one drain moves into the engine per round. */
  drainBatchSize: 256,
  /** How long the radio waits for a started app to say it is ready (its recovery scan included). */
  appReadyTimeoutMs: 30_000,
  /** `kill: app` without `restart`: the app is started again after this long, if no SMS started it first. */
  appRestartAfterMs: 1_000,
  /**
   * Doze: a maintenance window opens this long after the last one opened (the first this long after
   * Doze began). Android's first idle period is about an hour and grows to six; here the scale is
   * seconds, so a 60 s `doze: on` shows five windows.
   */
  dozeWindowEveryMs: 10_000,
  /** …and lasts this long: the app's queued sends and due retries go out, then it waits again. */
  dozeWindowMs: 2_000,
} as const;
