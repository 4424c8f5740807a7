package dev.smsgw.gateway.background

import android.content.Context
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.workDataOf
import java.util.concurrent.TimeUnit

/** Every WorkManager request of the app; unique names so repeated calls never pile up work. */
object WorkScheduler {
  const val PERIODIC_WORK = "smsgw-periodic"
  const val CONNECTIVITY_WORK = "smsgw-connectivity"
  const val RETRY_NOW_WORK = "smsgw-retry-now"
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
      enqueueOnce(context, CONNECTIVITY_WORK, TaskReason.CONNECTIVITY, online)

  /** The user's "retry now": no constraint, so an offline phone shows its network error at once. */
  fun scheduleRetryNow(context: Context) =
      enqueueOnce(context, RETRY_NOW_WORK, TaskReason.RETRY_NOW, Constraints.NONE)

  /** One run for [reason] with no constraint (boot, or an SMS whose service start was refused). */
  fun kick(context: Context, reason: String) =
      enqueueOnce(context, KICK_WORK_PREFIX + reason, reason, Constraints.NONE)

  // REPLACE: a newer trigger supersedes a pending one; cancelling a running worker only stops
  // its wait, the JS task it started runs to its end.
  private fun enqueueOnce(context: Context, name: String, reason: String, constraints: Constraints) {
    val request =
        OneTimeWorkRequestBuilder<DispatchWorker>()
            .setConstraints(constraints)
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, BACKOFF_MINUTES, TimeUnit.MINUTES)
            .setInputData(workDataOf(TaskReason.KEY to reason))
            .build()
    WorkManager.getInstance(context).enqueueUniqueWork(name, ExistingWorkPolicy.REPLACE, request)
  }
}
