package dev.smsgw.gateway.background

/**
 * Why the JS task `SmsgwTask` runs; passed to it as `{ reason }`. The JS side drains the native
 * inbox and dispatches on every run whatever the reason, so a missed trigger is caught up by the
 * next one.
 */
object TaskReason {
  const val SMS = "sms"
  const val PERIODIC = "periodic"
  const val CONNECTIVITY = "connectivity"
  const val RETRY_NOW = "retry-now"
  const val BOOT = "boot"
  /** The JS task asked for this run at the engine's next due moment (SmsgwSystem.scheduleRetryAt). */
  const val FOLLOW_UP = "follow-up"
  /** ConfigureReceiver stored a configuration sent over adb: the pass applies it first. */
  const val CONFIGURE = "configure"

  /** The key of the reason, in service intent extras, worker input data and the JS task data. */
  const val KEY = "reason"
}
