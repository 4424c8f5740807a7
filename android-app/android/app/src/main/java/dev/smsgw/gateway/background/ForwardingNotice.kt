package dev.smsgw.gateway.background

/**
 * When the foreground notice "Forwarding N SMS to your server" is up, and its words. It keeps the
 * process alive while a backlog drains: up while SMS are queued and the next pass is near, down
 * when the queue is empty, or when the next pass waits on a long backoff or the network (holding a
 * process for that would only spend the battery, and Android 15 allows dataSync 6 h a day). Plain
 * Kotlin, so native-check runs it.
 */
object ForwardingNotice {
  /** The next pass is at most this far away: the backlog is still draining. */
  const val NEAR_MS = 60_000L

  const val TITLE = "SMS gateway"

  /** The notice a WorkManager run shows where it must run in the foreground (expedited, Android 11 and older). */
  const val WORKER_TEXT = "Forwarding SMS to your server"

  fun shouldShow(report: PassReport, nowMs: Long): Boolean {
    val retryAt = report.retryAtMs ?: return false
    return report.backlog > 0 && retryAt - nowMs <= NEAR_MS
  }

  fun text(backlog: Int): String = "Forwarding $backlog SMS to your server"
}
