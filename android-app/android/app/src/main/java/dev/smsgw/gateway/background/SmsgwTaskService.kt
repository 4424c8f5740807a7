package dev.smsgw.gateway.background

import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.util.Log
import com.facebook.react.HeadlessJsTaskService
import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.WritableMap
import com.facebook.react.jstasks.HeadlessJsTaskConfig

/**
 * Runs the JS task `SmsgwTask` (drain the native inbox into the engine, then dispatch) when the
 * app may have no UI. React Native starts the JS runtime if it is not running yet.
 */
class SmsgwTaskService : HeadlessJsTaskService() {

  override fun getTaskConfig(intent: Intent?): HeadlessJsTaskConfig? {
    // Only the reason goes to JS: Arguments.fromBundle throws on extra types it cannot convert.
    val data = Bundle()
    data.putString(TaskReason.KEY, intent?.getStringExtra(TaskReason.KEY) ?: TaskReason.SMS)
    return headlessTaskConfig(Arguments.fromBundle(data))
  }

  companion object {
    /** The name the JS side registers with `AppRegistry.registerHeadlessTask`. */
    const val TASK_KEY = "SmsgwTask"
    /** React Native ends the task (and releases its wake lock) after this long. */
    const val TASK_TIMEOUT_MS = 60_000L
    private const val TAG = "SmsgwTaskService"

    /**
     * The task may run while the app is open (allowedInForeground): an SMS arriving while the
     * user watches the Health screen must be drained too.
     */
    fun headlessTaskConfig(data: WritableMap): HeadlessJsTaskConfig =
        HeadlessJsTaskConfig(TASK_KEY, data, TASK_TIMEOUT_MS, true)

    /**
     * Starts the service; false when Android refuses. Since Android 8 a background app may not
     * start a service unless it is on the temporary allowlist, which receiving an SMS grants but
     * most other wake-ups (jobs, most broadcasts) do not — those go through [DispatchWorker].
     */
    fun start(context: Context, reason: String): Boolean {
      val intent = Intent(context, SmsgwTaskService::class.java).putExtra(TaskReason.KEY, reason)
      return try {
        context.startService(intent)
        // RN's docs: hold a wake lock until the service runs the task, or the CPU may sleep first.
        // Taken only after a successful start: the lock has no timeout and only the service's
        // onDestroy releases it.
        HeadlessJsTaskService.acquireWakeLockNow(context)
        true
      } catch (e: IllegalStateException) {
        Log.w(TAG, "background service start refused (reason=$reason)", e)
        false
      } catch (e: SecurityException) {
        Log.w(TAG, "service start denied (reason=$reason)", e)
        false
      }
    }
  }
}
