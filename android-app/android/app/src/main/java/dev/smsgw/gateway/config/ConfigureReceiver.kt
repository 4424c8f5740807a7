package dev.smsgw.gateway.config

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.util.Log
import dev.smsgw.gateway.background.SmsgwTaskService
import dev.smsgw.gateway.background.TaskReason
import dev.smsgw.gateway.background.WorkScheduler
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * Configures the gateway without the UI, for the harness and for scripts:
 *
 * ```
 * adb shell am broadcast -a dev.smsgw.gateway.action.CONFIGURE \
 *   -n dev.smsgw.gateway/.config.ConfigureReceiver --include-stopped-packages \
 *   --es webhook 'http://127.0.0.1:8787/webhook' --es secret 's3cret'
 * ```
 *
 * Without `--es secret` the app keeps its secret; `--es secret ''` removes it. The manifest guards
 * the receiver with `android.permission.DUMP`, a signature|privileged|development permission: the
 * adb shell holds it, and Android grants it to no app installed from a store, so only someone with
 * adb access to the phone, who could configure it by hand anyway, gets here. That is why it applies
 * with no prompt, where a `smsgw://configure` link (which any web page can open) asks first.
 *
 * It stores the configuration ([PendingConfiguration]) and wakes the app's task, which applies it
 * before its drain; a starting app applies it too. The broadcast's result says what happened
 * (`am broadcast` prints it: `Broadcast completed: result=1, data="stored"`); 0 means no receiver ran
 * (an older APK, or the sender lacked the permission).
 */
class ConfigureReceiver : BroadcastReceiver() {

  override fun onReceive(context: Context, intent: Intent) {
    val webhook = intent.getStringExtra(EXTRA_WEBHOOK)
    val problem = problemWith(intent.action, webhook)
    if (problem != null || webhook == null) {
      Log.w(TAG, "configuration refused: $problem")
      setResult(RESULT_REFUSED, problem, null)
      return
    }
    // An absent extra keeps the secret; an empty one removes it.
    val secret = if (intent.hasExtra(EXTRA_SECRET)) intent.getStringExtra(EXTRA_SECRET) ?: "" else null
    val pendingResult = goAsync()
    val app = context.applicationContext
    writer.execute {
      try {
        PendingConfiguration.store(app, webhook, secret)
        // Never the secret in the log: only whether one came.
        Log.i(TAG, "configuration stored: webhook $webhook, secret ${if (secret == null) "kept" else "set"}")
        wake(app)
        pendingResult.setResult(RESULT_STORED, "stored", null)
      } catch (e: RuntimeException) {
        Log.e(TAG, "could not store a configuration", e)
        pendingResult.setResult(RESULT_FAILED, "could not store it: ${e.message}", null)
      } finally {
        pendingResult.finish()
      }
    }
  }

  /** Runs the app's task now, in the running app if there is one; WorkManager if Android refuses the start. */
  private fun wake(context: Context) {
    if (!SmsgwTaskService.start(context, TaskReason.CONFIGURE)) WorkScheduler.kick(context, TaskReason.CONFIGURE)
  }

  companion object {
    const val ACTION = "dev.smsgw.gateway.action.CONFIGURE"
    const val EXTRA_WEBHOOK = "webhook"
    const val EXTRA_SECRET = "secret"
    const val RESULT_STORED = 1
    const val RESULT_REFUSED = 2
    const val RESULT_FAILED = 3
    private const val TAG = "ConfigureReceiver"

    /** One writer thread: two broadcasts are stored in the order they came. */
    private val writer: ExecutorService = Executors.newSingleThreadExecutor()

    private val HTTP_URL = Regex("^https?://[^\\s/?#]+\\S*$", RegexOption.IGNORE_CASE)

    /** Why a broadcast cannot be stored, or null. The app checks the URL fully when it applies it. */
    fun problemWith(action: String?, webhook: String?): String? =
        when {
          action != ACTION -> "expected the action $ACTION (-a), got ${action ?: "none"}"
          webhook.isNullOrBlank() -> "expected the webhook URL as --es $EXTRA_WEBHOOK <url>"
          !HTTP_URL.matches(webhook) -> "expected an http(s) webhook URL, got $webhook"
          else -> null
        }
  }
}
