package dev.smsgw.gateway.bridge

import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.PowerManager
import android.provider.Settings
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReactContextBaseJavaModule
import com.facebook.react.bridge.ReactMethod
import dev.smsgw.gateway.background.WorkScheduler

/** `NativeModules.SmsgwSystem`: battery-optimisation exemption and WorkManager triggers. */
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

  private fun isExempt(): Boolean {
    val context = reactApplicationContext
    val power = context.getSystemService(Context.POWER_SERVICE) as PowerManager
    return power.isIgnoringBatteryOptimizations(context.packageName)
  }

  companion object {
    const val NAME = "SmsgwSystem"
  }
}
