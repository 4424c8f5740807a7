package dev.smsgw.gateway.inbox

/** One received SMS, its parts already joined, as the receiver captured it. */
data class InboxSms(
    val sender: String,
    val body: String,
    /** How many PDUs were joined into [body] (1 for a single-part SMS). */
    val parts: Int,
    /** The SMSC's timestamp of the first part, epoch ms (the phone's clock plays no part). */
    val smscTimestamp: Long,
    /** 0-based SIM slot; 0 when the broadcast does not say. */
    val simSlot: Int,
    /** The phone's clock when the receiver ran, epoch ms. */
    val receivedAt: Long,
    /** The subscription (SIM profile) id the broadcast named; null when it named none. */
    val subscriptionId: Int? = null,
    /** The receiving SIM's own number, where readable ([dev.smsgw.gateway.sms.SimDetails]); else null. */
    val receivedOn: String? = null,
)

/** An [InboxSms] as stored; [id] is the engine's `captureSeq`, never reused (AUTOINCREMENT). */
data class InboxRow(val id: Long, val sms: InboxSms)

/** A capture no recovery scan has yet matched with its row in the phone's SMS store. */
data class UnpairedCapture(val captureSeq: Long, val sender: String, val body: String, val smscTimestamp: Long)
