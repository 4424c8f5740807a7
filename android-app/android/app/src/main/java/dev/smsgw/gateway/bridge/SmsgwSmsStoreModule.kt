package dev.smsgw.gateway.bridge

import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReactContextBaseJavaModule
import com.facebook.react.bridge.ReactMethod
import com.facebook.react.bridge.WritableMap
import dev.smsgw.gateway.sms.ReadSmsDeniedException
import dev.smsgw.gateway.sms.SmsStoreQuery
import dev.smsgw.gateway.sms.StoreSms

/**
 * `NativeModules.SmsgwSmsStore`: the phone's SMS inbox, read for the recovery scan (READ_SMS, which
 * the user may deny: then every call rejects with [DENIED_CODE] and the app works as before, without
 * recovery). @ReactMethod calls run on the native-modules thread, so the provider query is off the UI.
 */
class SmsgwSmsStoreModule(context: ReactApplicationContext) : ReactContextBaseJavaModule(context) {

  override fun getName(): String = NAME

  /**
   * Resolves up to `limit` SMS with an id above `afterId`, oldest first, as
   * `{ storeId, sender, body, smscTimestamp, simSlot, receivedAt }[]`.
   */
  @ReactMethod
  fun after(afterId: Double, limit: Int, promise: Promise) {
    read(promise, "could not read the SMS store") {
      val rows = Arguments.createArray()
      // JS numbers arrive as doubles; store ids are far below 2^53, so the conversion is exact.
      for (sms in SmsStoreQuery(reactApplicationContext).after(afterId.toLong(), limit)) rows.pushMap(sms.toMap())
      rows
    }
  }

  /** Resolves the highest id in the SMS inbox, 0 when it is empty. */
  @ReactMethod
  fun newestId(promise: Promise) {
    read(promise, "could not read the newest SMS-store id") {
      SmsStoreQuery(reactApplicationContext).newestId().toDouble()
    }
  }

  private fun read(promise: Promise, what: String, block: () -> Any) {
    try {
      promise.resolve(block())
    } catch (e: SecurityException) {
      // ReadSmsDeniedException, or the provider's own refusal when READ_SMS was revoked meanwhile.
      val message = if (e is ReadSmsDeniedException) e.message else "READ_SMS is not granted: ${e.message}"
      promise.reject(DENIED_CODE, message, e)
    } catch (e: RuntimeException) {
      promise.reject(ERROR_CODE, "$what: ${e.message}", e)
    }
  }

  // Numbers go to JS as Double: the bridge has no 64-bit integer, and epoch ms overflow Int.
  private fun StoreSms.toMap(): WritableMap =
      Arguments.createMap().apply {
        putDouble("storeId", storeId.toDouble())
        putString("sender", sender)
        putString("body", body)
        putDouble("smscTimestamp", smscTimestamp.toDouble())
        putDouble("simSlot", simSlot.toDouble())
        putDouble("receivedAt", receivedAt.toDouble())
      }

  companion object {
    const val NAME = "SmsgwSmsStore"
    /** The code JS sees when READ_SMS is missing. */
    const val DENIED_CODE = "E_SMSGW_READ_SMS_DENIED"
    private const val ERROR_CODE = "E_SMSGW_SMS_STORE"
  }
}
