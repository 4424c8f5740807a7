package dev.smsgw.gateway.bridge

import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReactContextBaseJavaModule
import com.facebook.react.bridge.ReactMethod
import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.bridge.WritableMap
import dev.smsgw.gateway.inbox.InboxDatabase
import dev.smsgw.gateway.inbox.InboxRow
import dev.smsgw.gateway.inbox.InboxSms
import dev.smsgw.gateway.inbox.UnpairedCapture

/**
 * `NativeModules.SmsgwInbox`: JS drains the native inbox into the engine, then acknowledges.
 * Draining twice before acknowledging is harmless: the row id is the engine's captureSeq.
 * The recovery scan (JS `recoverMissedSms`) keeps its ledger here too: `checkpoint`, `startAt`,
 * `unpaired` and `settle`.
 * @ReactMethod calls run on the native-modules thread, so the disk access here is off the UI.
 */
class SmsgwInboxModule(context: ReactApplicationContext) : ReactContextBaseJavaModule(context) {

  override fun getName(): String = NAME

  /**
   * Resolves the oldest `limit` rows as
   * `{ id, sender, body, parts, smscTimestamp, simSlot, receivedAt, subscriptionId, receivedOn }[]`
   * (the last two null when unknown).
   */
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

  /** Resolves the store id the next recovery scan starts after, or null before the first scan. */
  @ReactMethod
  fun checkpoint(promise: Promise) {
    ledger(promise, "could not read the recovery checkpoint") {
      InboxDatabase.get(reactApplicationContext).checkpoint()?.toDouble()
    }
  }

  /** Sets the recovery checkpoint without recovering anything (the first scan on this phone). */
  @ReactMethod
  fun startAt(storeId: Double, promise: Promise) {
    ledger(promise, "could not set the recovery checkpoint") {
      InboxDatabase.get(reactApplicationContext).startAt(storeId.toLong(), System.currentTimeMillis())
      null
    }
  }

  /** Resolves the oldest `limit` unpaired captures as `{ captureSeq, sender, body, smscTimestamp }[]`. */
  @ReactMethod
  fun unpaired(limit: Int, promise: Promise) {
    ledger(promise, "could not read the unpaired captures") {
      val captures = Arguments.createArray()
      for (capture in InboxDatabase.get(reactApplicationContext).unpaired(limit)) captures.pushMap(capture.toMap())
      captures
    }
  }

  /**
   * Settles one page of a recovery scan in one transaction: `paired` are capture sequences,
   * `missing` SMS-store rows (`{ sender, body, smscTimestamp, simSlot, parts? }`) that go into the
   * inbox as new captures, `checkpoint` the store id the next scan starts after.
   */
  @ReactMethod
  fun settle(paired: ReadableArray, missing: ReadableArray, checkpoint: Double, promise: Promise) {
    ledger(promise, "could not settle a recovery page") {
      val captureSeqs = (0 until paired.size()).map { paired.getDouble(it).toLong() }
      val now = System.currentTimeMillis()
      val rows = (0 until missing.size()).map { index -> missingSms(missing.getMap(index), now) }
      InboxDatabase.get(reactApplicationContext).settle(captureSeqs, rows, checkpoint.toLong(), now)
      null
    }
  }

  private fun ledger(promise: Promise, what: String, block: () -> Any?) {
    try {
      promise.resolve(block())
    } catch (e: RuntimeException) {
      promise.reject(ERROR_CODE, "$what: ${e.message}", e)
    }
  }

  private fun missingSms(row: ReadableMap?, now: Long): InboxSms {
    requireNotNull(row) { "a missing SMS must be an object" }
    return InboxSms(
        sender = requireNotNull(row.getString("sender")) { "a missing SMS has no sender" },
        body = requireNotNull(row.getString("body")) { "a missing SMS has no body" },
        // The provider keeps a multipart SMS as one row and not its part count.
        parts = if (row.hasKey("parts") && !row.isNull("parts")) row.getDouble("parts").toInt().coerceAtLeast(1) else 1,
        smscTimestamp = row.getDouble("smscTimestamp").toLong(),
        simSlot = row.getDouble("simSlot").toInt(),
        receivedAt = now,
    )
  }

  private fun UnpairedCapture.toMap(): WritableMap =
      Arguments.createMap().apply {
        putDouble("captureSeq", captureSeq.toDouble())
        putString("sender", sender)
        putString("body", body)
        putDouble("smscTimestamp", smscTimestamp.toDouble())
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
        val subscriptionId = sms.subscriptionId
        if (subscriptionId == null) putNull("subscriptionId") else putDouble("subscriptionId", subscriptionId.toDouble())
        putString("receivedOn", sms.receivedOn)
      }

  companion object {
    const val NAME = "SmsgwInbox"
    private const val ERROR_CODE = "E_SMSGW_INBOX"
  }
}
