package dev.smsgw.gateway.config

import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReactContextBaseJavaModule
import com.facebook.react.bridge.ReactMethod

/**
 * `NativeModules.SmsgwConfig`: JS reads the configuration [ConfigureReceiver] stored, applies it to
 * the settings, then clears it by id. @ReactMethod calls run on the native-modules thread, off the UI.
 */
class SmsgwConfigModule(context: ReactApplicationContext) : ReactContextBaseJavaModule(context) {

  override fun getName(): String = NAME

  /** Resolves `{ id, webhookUrl, secret }` (secret null: keep the current one), or null when nothing is pending. */
  @ReactMethod
  fun pending(promise: Promise) {
    try {
      val stored = PendingConfiguration.read(reactApplicationContext)
      promise.resolve(
          stored?.let {
            Arguments.createMap().apply {
              // The bridge has no 64-bit integer; ids stay far below 2^53.
              putDouble("id", it.id.toDouble())
              putString("webhookUrl", it.webhookUrl)
              putString("secret", it.secret)
            }
          })
    } catch (e: RuntimeException) {
      promise.reject(ERROR_CODE, "could not read the pending configuration: ${e.message}", e)
    }
  }

  /** Forgets the configuration with this id, once JS has applied (or refused) it; a newer one stays. */
  @ReactMethod
  fun clear(id: Double, promise: Promise) {
    try {
      PendingConfiguration.clear(reactApplicationContext, id.toLong())
      promise.resolve(null)
    } catch (e: RuntimeException) {
      promise.reject(ERROR_CODE, "could not clear the pending configuration: ${e.message}", e)
    }
  }

  companion object {
    const val NAME = "SmsgwConfig"
    private const val ERROR_CODE = "E_SMSGW_CONFIG"
  }
}
