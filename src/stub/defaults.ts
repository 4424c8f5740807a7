/** Defaults of the stub webhook server, in one place, with their units in the name. */
export const stubDefaults = {
  /** Loopback only: the stub is a test double, never a public server. */
  host: '127.0.0.1',
  /** 0 asks the OS for a free port. */
  port: 0,
  path: '/webhook',
  ledgerPath: ':memory:',
  seed: 1,
  /** A hanging request is dropped after this long, so a forgotten client cannot leak a socket forever. */
  hangCapMs: 5 * 60_000,
  /** The gateway posts one SMS (at most a few KB); anything this big is a bug, answered 413. */
  maxBodyBytes: 1024 * 1024,
  /** Prefix of the control endpoints (stats, health); never faulted, never recorded. */
  controlPrefix: '/_smsgw',
  /** How long to wait before trying to listen again when the port is briefly taken after an outage. */
  relistenRetryMs: 50,
  /** How far X-Timestamp may be from the stub's clock, either way (Stripe's default tolerance). */
  signatureWindowMs: 5 * 60_000,
  /**
   * SQLite page cache of the ledger, KiB. better-sqlite3 builds with 16 MB, which the ledger, written
   * and seldom read, would fill over a soak: the harness's RSS would creep by that much.
   */
  ledgerCacheKiB: 2_048,
  /** Rows read per page when iterating the ledger, to keep memory flat on a soak. */
  ledgerPageRows: 500,
  /**
   * Recorded rows wait at most this long to be written, in one transaction: a commit per event-loop
   * tick cost the stub a few % of its CPU under load. Readers flush first, so none waits.
   */
  ledgerFlushMs: 20,
  /** …or until this many are waiting, to bound memory in a burst. */
  ledgerBatchRows: 1000,
  /**
   * How long the harness waits for the stub's thread to answer a call (stats, a ledger read). It
   * answers within one turn of its event loop; a thread that takes this long is stuck (a handler in a
   * loop), and the run stops on it.
   */
  threadCallTimeoutMs: 10_000,
  /** Loading msw, SQLite and the user's handlers on a fresh thread: seconds on a busy machine, never a minute. */
  threadStartTimeoutMs: 60_000,
  /** Closing ends every request at once and writes the ledger's last batch; a thread still there after this is stopped. */
  threadCloseTimeoutMs: 30_000,
  /** Bits of each filter that spares most accepted-key and used-signature look-ups (2^23 = 1 MiB; ~2% false "maybe" at 1M keys). */
  acceptedFilterBits: 2 ** 23,
} as const;
