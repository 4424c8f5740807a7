package dev.smsgw.gateway.sms

import android.Manifest
import android.content.Context
import android.content.pm.PackageManager
import android.database.Cursor
import android.os.Build
import android.provider.BaseColumns
import android.provider.Telephony
import android.telephony.SubscriptionManager

/** One SMS in the phone's SMS inbox provider, as the recovery scan reads it. */
data class StoreSms(
    /** The provider's `_id`: two identical SMS are two rows. */
    val storeId: Long,
    val sender: String,
    /** The whole text: the provider stores a multipart SMS as one row. */
    val body: String,
    /** `date_sent`: the SMSC's timestamp, as the receiver takes it from the PDU. */
    val smscTimestamp: Long,
    val simSlot: Int,
    /** `date`: when the phone stored it, epoch ms. */
    val receivedAt: Long,
)

/** Thrown when the app may not read the SMS store (READ_SMS is optional and may be denied). */
class ReadSmsDeniedException(message: String) : SecurityException(message)

/**
 * Reads the phone's SMS inbox (`content://sms/inbox`, READ_SMS) for the recovery scan, which finds
 * SMS that reached the phone while the app could not capture them (force-stopped, or killed before
 * its receiver committed). Read only; nothing in the store is changed.
 */
class SmsStoreQuery(private val context: Context) {

  /** Up to [limit] SMS with an id above [afterId], oldest first; [limit] is bounded to [MAX_PAGE]. */
  fun after(afterId: Long, limit: Int): List<StoreSms> {
    val bounded = limit.coerceIn(1, MAX_PAGE)
    val rows = mutableListOf<StoreSms>()
    query(PROJECTION, "${BaseColumns._ID} > ?", arrayOf(afterId.toString()), "${BaseColumns._ID} ASC", bounded)
        .use { cursor ->
          while (rows.size < bounded && cursor.moveToNext()) rows += cursor.toStoreSms()
        }
    return rows
  }

  /** The highest id in the SMS inbox; 0 when it is empty. */
  fun newestId(): Long =
      query(arrayOf(BaseColumns._ID), null, null, "${BaseColumns._ID} DESC", 1).use { cursor ->
        if (cursor.moveToFirst()) cursor.getLong(0) else 0L
      }

  /**
   * The provider has no limit argument before API 30's query bundles; "LIMIT n" in the sort order
   * is the long-standing way. Should a provider refuse it (strict SQL grammar), the same query runs
   * without it and the caller stops reading after [limit] rows.
   */
  private fun query(
      projection: Array<String>,
      selection: String?,
      args: Array<String>?,
      order: String,
      limit: Int,
  ): Cursor {
    requireReadSms()
    val resolver = context.contentResolver
    val uri = Telephony.Sms.Inbox.CONTENT_URI
    val cursor =
        try {
          resolver.query(uri, projection, selection, args, "$order LIMIT $limit")
        } catch (e: IllegalArgumentException) {
          resolver.query(uri, projection, selection, args, order)
        }
    return cursor ?: throw IllegalStateException("the SMS provider returned no cursor for $uri")
  }

  private fun requireReadSms() {
    if (context.checkSelfPermission(Manifest.permission.READ_SMS) != PackageManager.PERMISSION_GRANTED) {
      throw ReadSmsDeniedException("READ_SMS is not granted: the app cannot read the phone's SMS store")
    }
  }

  private fun Cursor.toStoreSms() =
      StoreSms(
          storeId = getLong(0),
          sender = if (isNull(1)) "" else getString(1),
          body = if (isNull(2)) "" else getString(2),
          smscTimestamp = if (isNull(4)) 0L else getLong(4),
          simSlot = if (isNull(5)) 0 else slotOf(getInt(5)),
          receivedAt = if (isNull(3)) 0L else getLong(3),
      )

  /**
   * The store names a subscription id, the receiver's broadcast a slot index: the slot of the
   * subscription, or 0 like the receiver when it cannot tell (before API 29 only READ_PHONE_STATE
   * could say, and the app does not ask for it).
   */
  private fun slotOf(subscriptionId: Int): Int {
    if (Build.VERSION.SDK_INT < Build.VERSION_CODES.Q) return 0
    val slot = SubscriptionManager.getSlotIndex(subscriptionId)
    return if (slot == SubscriptionManager.INVALID_SIM_SLOT_INDEX || slot < 0) 0 else slot
  }

  companion object {
    /** Largest page [after] returns, whatever JS asks for. */
    const val MAX_PAGE = 500

    /** Column order is what [toStoreSms] reads by index. */
    private val PROJECTION =
        arrayOf(
            BaseColumns._ID,
            Telephony.TextBasedSmsColumns.ADDRESS,
            Telephony.TextBasedSmsColumns.BODY,
            Telephony.TextBasedSmsColumns.DATE,
            Telephony.TextBasedSmsColumns.DATE_SENT,
            Telephony.TextBasedSmsColumns.SUBSCRIPTION_ID,
        )
  }
}
