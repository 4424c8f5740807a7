package dev.smsgw.gateway.bridge

import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.PowerManager
import android.provider.Settings
import android.security.NetworkSecurityPolicy
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReactContextBaseJavaModule
import com.facebook.react.bridge.ReactMethod
import com.facebook.react.bridge.ReadableMap
import dev.smsgw.gateway.background.ForwardingNotice
import dev.smsgw.gateway.background.ForwardingService
import dev.smsgw.gateway.background.PassReport
import dev.smsgw.gateway.background.PassReports
import dev.smsgw.gateway.background.WorkScheduler

/**
 * `NativeModules.SmsgwSystem`: battery-optimisation exemption, WorkManager triggers, and the end of
 * each background pass (the follow-up run, the worker's verdict, the foreground notice).
 */
class SmsgwSystemModule(context: ReactApplicationContext) : ReactContextBaseJavaModule(context) {

  override fun getName(): String = NAME

  /** Resolves true when Doze and App Standby leave the app's background work alone. */
  @ReactMethod
  fun isIgnoringBatteryOptimizations(promise: Promise) {
    promise.resolve(isExempt())
  }

  /**
   * Shows the system dialog that exempts the app from battery optimisation. Resolves
   * `"exempt"` (already, no dialog), `"prompted"` (dialog shown; ask again later to learn the
   * answer) or `"unavailable"` (some OEM builds have no such screen).
   *
   * Play policy: ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS (and its manifest permission) is
   * allowed only for apps whose core function needs it; an SMS gateway that must forward every
   * SMS promptly is such a case, but a Play listing has to declare and justify it.
   */
  @ReactMethod
  fun requestIgnoreBatteryOptimizations(promise: Promise) {
    if (isExempt()) {
      promise.resolve("exempt")
      return
    }
    val context = reactApplicationContext
    val intent =
        Intent(
            Settings.ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS,
            Uri.parse("package:" + context.packageName))
    val activity = context.currentActivity
    try {
      if (activity != null) {
        activity.startActivity(intent)
      } else {
        // Started from the application context, Android requires a new task.
        context.startActivity(intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
      }
      promise.resolve("prompted")
    } catch (e: ActivityNotFoundException) {
      promise.resolve("unavailable")
    }
  }

  /** Runs the JS dispatcher now in the background (WorkManager), whatever the network says. */
  @ReactMethod
  fun scheduleRetryNow(promise: Promise) {
    WorkScheduler.scheduleRetryNow(reactApplicationContext)
    promise.resolve(null)
  }

  /** Ensures the 15 min periodic dispatch exists (idempotent). */
  @ReactMethod
  fun schedulePeriodic(promise: Promise) {
    WorkScheduler.schedulePeriodic(reactApplicationContext)
    promise.resolve(null)
  }

  /** Runs the dispatcher once the network is back; JS calls it when a run ended offline. */
  @ReactMethod
  fun scheduleWhenOnline(promise: Promise) {
    WorkScheduler.scheduleWhenOnline(reactApplicationContext)
    promise.resolve(null)
  }

  /**
   * Runs the dispatcher at `epochMs` (the engine's next due moment; at once, expedited, when that is
   * not in the future), replacing the run asked for before.
   */
  @ReactMethod
  fun scheduleRetryAt(epochMs: Double, promise: Promise) {
    try {
      WorkScheduler.scheduleRetryAt(reactApplicationContext, if (epochMs.isNaN()) 0L else epochMs.toLong())
      promise.resolve(null)
    } catch (e: RuntimeException) {
      promise.reject(ERROR_CODE, "could not schedule the next run: ${e.message}", e)
    }
  }

  /**
   * The end of a background pass, `{ backlog, undelivered, retryAt }`: recorded for the worker that
   * started it (which retries with backoff when `undelivered`), and the foreground notice shown or
   * taken down. Resolves "shown", "hidden" or "refused".
   */
  @ReactMethod
  fun reportPass(report: ReadableMap, promise: Promise) {
    try {
      val retryAt = if (report.hasKey("retryAt") && !report.isNull("retryAt")) report.getDouble("retryAt") else null
      val pass = PassReport.fromJs(report.getDouble("backlog"), report.getBoolean("undelivered"), retryAt)
      PassReports.record(pass)
      val show = ForwardingNotice.shouldShow(pass, System.currentTimeMillis())
      promise.resolve(ForwardingService.update(reactApplicationContext, pass.backlog, show))
    } catch (e: RuntimeException) {
      promise.reject(ERROR_CODE, "could not record the pass: ${e.message}", e)
    }
  }

  /**
   * Whether this build's network security config lets plain http reach `host` (main's: 127.0.0.1,
   * localhost and 10.0.2.2 only; the LAN and debug builds: any host). React Native's fetch reports a
   * refusal only as "Network request failed", so JS asks first and shows a configuration error.
   */
  @ReactMethod
  fun isCleartextTrafficPermitted(host: String, promise: Promise) {
    promise.resolve(NetworkSecurityPolicy.getInstance().isCleartextTrafficPermitted(host))
  }

  private fun isExempt(): Boolean {
    val context = reactApplicationContext
    val power = context.getSystemService(Context.POWER_SERVICE) as PowerManager
    return power.isIgnoringBatteryOptimizations(context.packageName)
  }

  companion object {
    const val NAME = "SmsgwSystem"
    private const val ERROR_CODE = "E_SMSGW_SYSTEM"
  }
}
