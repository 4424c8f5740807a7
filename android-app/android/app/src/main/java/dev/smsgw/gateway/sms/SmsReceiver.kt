package dev.smsgw.gateway.sms

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.provider.Telephony
import android.util.Log
import dev.smsgw.gateway.background.NetworkState
import dev.smsgw.gateway.background.SmsgwTaskService
import dev.smsgw.gateway.background.TaskReason
import dev.smsgw.gateway.background.WorkScheduler
import dev.smsgw.gateway.inbox.InboxDatabase
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * Captures every incoming SMS into the native inbox before the broadcast is finished.
 *
 * Android delivers SMS_RECEIVED once and never again: if the process dies before the SMS is on
 * disk, it is lost. So the insert is committed before `pendingResult.finish()`, and only then is
 * JS woken up. goAsync() moves the disk write off the main thread while keeping the broadcast
 * (and the process) alive until finish().
 */
class SmsReceiver : BroadcastReceiver() {

  override fun onReceive(context: Context, intent: Intent) {
    if (intent.action != Telephony.Sms.Intents.SMS_RECEIVED_ACTION) return
    val receivedAt = System.currentTimeMillis()
    val pendingResult = goAsync()
    val app = context.applicationContext
    writer.execute {
      try {
        capture(app, intent, receivedAt)
      } catch (e: RuntimeException) {
        // Nothing else can be done: the SMS is still in the phone's own SMS store.
        Log.e(TAG, "could not store an incoming SMS", e)
      } finally {
        pendingResult.finish()
      }
    }
  }

  private fun capture(context: Context, intent: Intent, receivedAt: Long) {
    // Entries are null for PDUs Android could not parse; they carry no text to forward.
    val parts = Telephony.Sms.Intents.getMessagesFromIntent(intent)?.filterNotNull().orEmpty()
    if (parts.isEmpty()) return
    val messages = SmsJoiner.join(parts, SmsJoiner.simSlotOf(intent), receivedAt, SimDetails.of(context, intent))
    InboxDatabase.get(context).insert(messages)
    // Receiving an SMS puts the app on Android's temporary allowlist, so this start is allowed;
    // if an OEM refuses it anyway, WorkManager runs the same task a moment later.
    if (!SmsgwTaskService.start(context, TaskReason.SMS)) {
      WorkScheduler.kick(context, TaskReason.SMS)
    }
    // Offline now: this run can only queue the SMS, so arrange one for when the network returns
    // rather than waiting up to 15 min for the periodic work.
    if (!NetworkState.isOnline(context)) WorkScheduler.scheduleWhenOnline(context)
  }

  private companion object {
    const val TAG = "SmsReceiver"

    /** One writer thread: rows get ids in the order the broadcasts arrived. */
    val writer: ExecutorService = Executors.newSingleThreadExecutor()
  }
}
