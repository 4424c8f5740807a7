package dev.smsgw.gateway.background

import android.content.Context
import android.util.Log
import androidx.work.CoroutineWorker
import androidx.work.WorkerParameters
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.withTimeoutOrNull

/**
 * The WorkManager side of background work: periodic, connectivity regained, retry now and boot
 * all run the same JS task as an SMS does, with their own reason.
 */
class DispatchWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {

  override suspend fun doWork(): Result {
    val reason = inputData.getString(TaskReason.KEY) ?: TaskReason.PERIODIC
    val finished =
        try {
          withTimeoutOrNull(RUN_BUDGET_MS) { HeadlessTaskRunner.run(applicationContext, reason) }
        } catch (e: CancellationException) {
          throw e // WorkManager stopped us (constraint lost, REPLACE): not a failure to report.
        } catch (e: RuntimeException) {
          Log.e(TAG, "headless task failed to start (reason=$reason)", e)
          false
        }
    // The JS dispatcher keeps its own per-message backoff; retry() here only means "JS did not
    // run at all", and then WorkManager's exponential backoff applies.
    return if (finished == true) Result.success() else Result.retry()
  }

  companion object {
    private const val TAG = "DispatchWorker"
    /** Cold start of the JS runtime plus the task's own timeout; WorkManager stops us at 10 min. */
    private const val RUN_BUDGET_MS = SmsgwTaskService.TASK_TIMEOUT_MS + 60_000L
  }
}
