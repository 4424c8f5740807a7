package dev.smsgw.gateway.sms

import android.content.Intent
import android.telephony.SmsMessage
import dev.smsgw.gateway.inbox.InboxSms

/** Turns the PDUs of one SMS_RECEIVED broadcast into whole messages. */
object SmsJoiner {

  /**
   * Slot extras, most specific first. AOSP puts the slot under the first two
   * (SubscriptionManager.EXTRA_SLOT_INDEX is API 30, so it is spelled out here) and the phone id,
   * which equals the slot on AOSP builds, under "phone"; "simSlot" is an OEM variant.
   */
  private val SLOT_EXTRAS = listOf("android.telephony.extra.SLOT_INDEX", "slot", "phone", "simSlot")

  /**
   * One broadcast carries the parts of one (possibly multipart) SMS, in order. They are grouped
   * by originating address anyway, so a broadcast with parts from two senders still yields two
   * messages instead of one mixed text.
   *
   * The display address and body, as the phone's SMS app stores them: for an SMS an email gateway
   * relayed they are the email's sender and text, not the gateway's number and a header, and they
   * match the SMS store's row, which the recovery scan pairs by content.
   */
  fun join(parts: List<SmsMessage>, simSlot: Int, receivedAt: Long, sim: ReceivingSim = ReceivingSim.UNKNOWN): List<InboxSms> =
      parts
          .groupBy { it.displayOriginatingAddress.orEmpty() }
          .map { (sender, pdus) ->
            InboxSms(
                sender = sender,
                body = pdus.joinToString("") { it.displayMessageBody.orEmpty() },
                parts = pdus.size,
                smscTimestamp = pdus.first().timestampMillis,
                simSlot = simSlot,
                receivedAt = receivedAt,
                subscriptionId = sim.subscriptionId,
                receivedOn = sim.number,
            )
          }

  /** The SIM slot the broadcast names, or 0 (single-SIM phones and emulators say nothing). */
  fun simSlotOf(intent: Intent): Int {
    val extras = intent.extras ?: return 0
    for (key in SLOT_EXTRAS) {
      if (!extras.containsKey(key)) continue
      val slot = extras.getInt(key, -1)
      if (slot >= 0) return slot
    }
    return 0
  }
}
