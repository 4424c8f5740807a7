package dev.smsgw.gateway.background

import android.content.Context
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.OutOfQuotaPolicy
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.workDataOf
import java.util.concurrent.TimeUnit

/** Every WorkManager request of the app; unique names so repeated calls never pile up work. */
object WorkScheduler {
  const val PERIODIC_WORK = "smsgw-periodic"
  const val CONNECTIVITY_WORK = "smsgw-connectivity"
  const val RETRY_NOW_WORK = "smsgw-retry-now"
  const val FOLLOW_UP_WORK = "smsgw-follow-up"
  const val KICK_WORK_PREFIX = "smsgw-kick-"

  /** 15 min is the shortest period WorkManager (JobScheduler) allows. */
  private const val PERIOD_MINUTES = 15L
  private const val BACKOFF_MINUTES = 1L

  private val online = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build()

  /** Periodic dispatch; KEEP so that calling it on every start does not reset the period. */
  fun schedulePeriodic(context: Context) {
    val request =
        PeriodicWorkRequestBuilder<DispatchWorker>(PERIOD_MINUTES, TimeUnit.MINUTES)
            .setConstraints(online)
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, BACKOFF_MINUTES, TimeUnit.MINUTES)
            .setInputData(workDataOf(TaskReason.KEY to TaskReason.PERIODIC))
            .build()
    WorkManager.getInstance(context)
        .enqueueUniquePeriodicWork(PERIODIC_WORK, ExistingPeriodicWorkPolicy.KEEP, request)
  }

  /**
   * Dispatch as soon as the network is back: a one-time work with the CONNECTED constraint.
   * This replaces the CONNECTIVITY_ACTION broadcast, which manifest receivers no longer get
   * (Android 7+) and which is deprecated. Enqueued natively when an SMS or a boot finds the
   * phone offline, and by JS (SmsgwSystem.scheduleWhenOnline) when a run ends offline.
   */
  fun scheduleWhenOnline(context: Context) =
      enqueueOnce(context, CONNECTIVITY_WORK, TaskReason.CONNECTIVITY, online, RunPlan.NOW)

  /**
   * The next pass at [atMs] (epoch ms), the engine's next due moment, which JS learns at the end of
   * each pass: without it a failed webhook waited for the periodic job, 15 min or more. One unique
   * request, REPLACE: each pass knows the whole queue, so the latest word wins. It waits for a
   * network, since a pass without one could only fail.
   */
  fun scheduleRetryAt(context: Context, atMs: Long) =
      enqueueOnce(context, FOLLOW_UP_WORK, TaskReason.FOLLOW_UP, online, RunPlan.at(atMs, System.currentTimeMillis()))

  /** The user's "retry now": no constraint, so an offline phone shows its network error at once. */
  fun scheduleRetryNow(context: Context) =
      enqueueOnce(context, RETRY_NOW_WORK, TaskReason.RETRY_NOW, Constraints.NONE, RunPlan.NOW)

  /** One run for [reason] with no constraint (boot, or an SMS whose service start was refused). */
  fun kick(context: Context, reason: String) =
      enqueueOnce(context, KICK_WORK_PREFIX + reason, reason, Constraints.NONE, RunPlan.NOW)

  // REPLACE: a newer trigger supersedes a pending one; cancelling a running worker only stops
  // its wait, the JS task it started runs to its end.
  private fun enqueueOnce(context: Context, name: String, reason: String, constraints: Constraints, plan: RunPlan) {
    val builder =
        OneTimeWorkRequestBuilder<DispatchWorker>()
            .setConstraints(constraints)
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, BACKOFF_MINUTES, TimeUnit.MINUTES)
            .setInputData(workDataOf(TaskReason.KEY to reason))
    if (plan.delayMs > 0) builder.setInitialDelay(plan.delayMs, TimeUnit.MILLISECONDS)
    // Over quota it runs as ordinary work rather than being dropped: a pass must never be lost.
    if (plan.expedited) builder.setExpedited(OutOfQuotaPolicy.RUN_AS_NON_EXPEDITED_WORK_REQUEST)
    WorkManager.getInstance(context).enqueueUniqueWork(name, ExistingWorkPolicy.REPLACE, builder.build())
  }
}
