package dev.smsgw.gateway.background

/**
 * One WorkManager run of the JS task as [WorkScheduler] builds it: how long it waits, and whether it
 * is expedited. WorkManager refuses an expedited request that has an initial delay, so only a run
 * with no delay is expedited (and runs as ordinary work once the app's expedited quota is spent).
 * Plain Kotlin, so native-check runs it.
 */
data class RunPlan(val delayMs: Long, val expedited: Boolean) {
  companion object {
    /**
     * Longest wait: a later due moment (a server's Retry-After of days) is left to the periodic
     * job, which looks every 15 min anyway; a bogus epoch must not park the run for years.
     */
    const val MAX_DELAY_MS = 24L * 60 * 60 * 1000

    /** A run at once: the user's "Retry now", a kick, the network back. */
    val NOW = RunPlan(0L, expedited = true)

    /** A run at [atMs] (epoch ms), planned at [nowMs]; a moment not in the future means at once. */
    fun at(atMs: Long, nowMs: Long): RunPlan {
      // Compared before subtracting: a moment far in the past must not overflow into the future.
      val delay = if (atMs <= nowMs) 0L else (atMs - nowMs).coerceAtMost(MAX_DELAY_MS)
      return RunPlan(delay, expedited = delay == 0L)
    }
  }
}
