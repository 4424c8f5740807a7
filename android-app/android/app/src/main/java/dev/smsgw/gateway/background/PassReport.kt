package dev.smsgw.gateway.background

/**
 * What the JS task reported at the end of a background pass (`SmsgwSystem.reportPass`): how many
 * messages it left queued, whether work that was due stayed undelivered, and when the next pass is
 * scheduled (null when none is). Plain Kotlin, so native-check runs it.
 */
data class PassReport(val backlog: Int, val undelivered: Boolean, val retryAtMs: Long?) {
  companion object {
    /** From the bridge's numbers (JS numbers arrive as doubles): NaN, negatives and fractions made sane. */
    fun fromJs(backlog: Double, undelivered: Boolean, retryAt: Double?): PassReport =
        PassReport(
            backlog = if (backlog.isNaN() || backlog < 0) 0 else backlog.coerceAtMost(Int.MAX_VALUE.toDouble()).toInt(),
            undelivered = undelivered,
            retryAtMs = retryAt?.takeIf { !it.isNaN() && !it.isInfinite() }?.toLong(),
        )
  }
}

/** Whether the WorkManager run that started a JS task succeeded. */
enum class RunVerdict {
  SUCCESS,
  RETRY;

  companion object {
    /**
     * [finished]: the JS task ran to its end within the worker's budget; [report]: what a pass
     * reported since the worker started it, if any. A task that never reported (it threw, or an old
     * bundle) or left due work undelivered is a failed run: WorkManager's backoff then applies.
     */
    fun of(finished: Boolean, report: PassReport?): RunVerdict =
        if (finished && report != null && !report.undelivered) SUCCESS else RETRY
  }
}

/**
 * The last pass report of the process, numbered, so a worker can tell whether a report came after
 * it started its task. Passes in one process share it: a later report describes the queue later.
 */
open class PassLedger {
  private var sequence = 0L
  private var last: PassReport? = null
  private var lastSequence = 0L

  /** The number of the last report so far; pass it to [since] once the task has finished. */
  @Synchronized fun mark(): Long = sequence

  @Synchronized
  fun record(report: PassReport) {
    sequence++
    last = report
    lastSequence = sequence
  }

  /** The last report made after [mark] was taken, or null when none was. */
  @Synchronized fun since(mark: Long): PassReport? = last.takeIf { lastSequence > mark }
}

/** The process's own ledger: the bridge records into it, [DispatchWorker] reads it. */
object PassReports : PassLedger()
