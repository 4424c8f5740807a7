package dev.smsgw.gateway.background

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/**
 * After a reboot or an app update: make sure the periodic work exists and run one dispatch, so
 * messages left in the queue when the phone went down are sent without waiting 15 min.
 */
class BootReceiver : BroadcastReceiver() {

  override fun onReceive(context: Context, intent: Intent) {
    if (intent.action !in HANDLED_ACTIONS) return
    // WorkManager reschedules its own jobs after a reboot; this covers the case where the periodic
    // work was never enqueued (or was cancelled) and adds the immediate run.
    WorkScheduler.schedulePeriodic(context)
    // Through WorkManager, not the service: BOOT_COMPLETED does not reliably allow a background
    // service start on Android 8+.
    WorkScheduler.kick(context, TaskReason.BOOT)
    // Networks often come up after BOOT_COMPLETED; then this one sends what the boot run queued.
    if (!NetworkState.isOnline(context)) WorkScheduler.scheduleWhenOnline(context)
  }

  private companion object {
    val HANDLED_ACTIONS = setOf(Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_MY_PACKAGE_REPLACED)
  }
}
