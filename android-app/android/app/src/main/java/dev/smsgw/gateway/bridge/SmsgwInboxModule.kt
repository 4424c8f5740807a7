package dev.smsgw.gateway.bridge

import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReactContextBaseJavaModule
import com.facebook.react.bridge.ReactMethod
import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.WritableMap
import dev.smsgw.gateway.inbox.InboxDatabase
import dev.smsgw.gateway.inbox.InboxRow

/**
 * `NativeModules.SmsgwInbox`: JS drains the native inbox into the engine, then acknowledges.
 * Draining twice before acknowledging is harmless: the row id is the engine's captureSeq.
 * @ReactMethod calls run on the native-modules thread, so the disk access here is off the UI.
 */
class SmsgwInboxModule(context: ReactApplicationContext) : ReactContextBaseJavaModule(context) {

  override fun getName(): String = NAME

  /** Resolves the oldest `limit` rows as `{ id, sender, body, parts, smscTimestamp, simSlot, receivedAt }[]`. */
  @ReactMethod
  fun pending(limit: Int, promise: Promise) {
    try {
      val rows = Arguments.createArray()
      for (row in InboxDatabase.get(reactApplicationContext).pending(limit)) rows.pushMap(row.toMap())
      promise.resolve(rows)
    } catch (e: RuntimeException) {
      promise.reject(ERROR_CODE, "could not read the SMS inbox: ${e.message}", e)
    }
  }

  /** Deletes the rows whose ids JS has committed to the engine; unknown ids are ignored. */
  @ReactMethod
  fun acknowledge(ids: ReadableArray, promise: Promise) {
    try {
      // JS numbers arrive as doubles; ids are far below 2^53, so the conversion is exact.
      val rowIds = (0 until ids.size()).map { ids.getDouble(it).toLong() }
      InboxDatabase.get(reactApplicationContext).acknowledge(rowIds)
      promise.resolve(null)
    } catch (e: RuntimeException) {
      promise.reject(ERROR_CODE, "could not acknowledge SMS inbox rows: ${e.message}", e)
    }
  }

  // Numbers go to JS as Double: the bridge has no 64-bit integer, and epoch ms overflow Int.
  private fun InboxRow.toMap(): WritableMap =
      Arguments.createMap().apply {
        putDouble("id", id.toDouble())
        putString("sender", sms.sender)
        putString("body", sms.body)
        putDouble("parts", sms.parts.toDouble())
        putDouble("smscTimestamp", sms.smscTimestamp.toDouble())
        putDouble("simSlot", sms.simSlot.toDouble())
        putDouble("receivedAt", sms.receivedAt.toDouble())
      }

  companion object {
    const val NAME = "SmsgwInbox"
    private const val ERROR_CODE = "E_SMSGW_INBOX"
  }
}
