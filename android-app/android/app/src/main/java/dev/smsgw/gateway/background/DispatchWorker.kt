package dev.smsgw.gateway.background

import android.content.Context
import android.util.Log
import androidx.work.CoroutineWorker
import androidx.work.ForegroundInfo
import androidx.work.WorkerParameters
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.withTimeoutOrNull

/**
 * The WorkManager side of background work: periodic, connectivity regained, retry now, the
 * follow-up at the engine's next due moment and boot all run the same JS task as an SMS does, with
 * their own reason.
 */
class DispatchWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {

  override suspend fun doWork(): Result {
    val reason = inputData.getString(TaskReason.KEY) ?: TaskReason.PERIODIC
    val mark = PassReports.mark()
    val finished =
        try {
          withTimeoutOrNull(RUN_BUDGET_MS) { HeadlessTaskRunner.run(applicationContext, reason) }
        } catch (e: CancellationException) {
          throw e // WorkManager stopped us (constraint lost, REPLACE): not a failure to report.
        } catch (e: RuntimeException) {
          Log.e(TAG, "headless task failed to start (reason=$reason)", e)
          false
        }
    // The JS task reports how its pass left the queue: a run that did not start, never reported
    // (it threw) or left due work undelivered failed, and WorkManager's backoff applies to it.
    val verdict = RunVerdict.of(finished == true, PassReports.since(mark))
    if (verdict == RunVerdict.RETRY) Log.i(TAG, "run failed, retrying with backoff (reason=$reason)")
    return if (verdict == RunVerdict.SUCCESS) Result.success() else Result.retry()
  }

  /**
   * Up to Android 11 WorkManager runs an expedited request as a foreground service and needs its
   * notification; from Android 12 it asks only when the quota is spent and then runs the request
   * as ordinary work (RUN_AS_NON_EXPEDITED_WORK_REQUEST), without it.
   */
  override suspend fun getForegroundInfo(): ForegroundInfo =
      ForegroundInfo(
          ForwardingNotification.WORKER_ID,
          ForwardingNotification.build(applicationContext, ForwardingNotice.WORKER_TEXT),
      )

  companion object {
    private const val TAG = "DispatchWorker"
    /** Cold start of the JS runtime plus the task's own timeout; WorkManager stops us at 10 min. */
    private const val RUN_BUDGET_MS = SmsgwTaskService.TASK_TIMEOUT_MS + 60_000L
  }
}
