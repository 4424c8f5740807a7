package dev.smsgw.gateway.sms

/**
 * The SIM an SMS came in on, beyond its slot: the subscription (SIM profile) id, which stays with
 * the SIM when it moves to the other slot, and the SIM's own phone number where the phone lets the
 * app read it (most SIMs do not store it, and reading it needs a permission the app never asks for).
 * Plain Kotlin, so native-check runs it.
 */
data class ReceivingSim(val subscriptionId: Int?, val number: String?) {
  companion object {
    val UNKNOWN = ReceivingSim(null, null)

    /** Android's ids start at 0; INVALID_SUBSCRIPTION_ID is -1 and a missing extra reads as the default. */
    fun subscriptionIdOf(raw: Int?): Int? = raw?.takeIf { it >= 0 }

    /** Android answers "" when the SIM does not know its own number: that is no number. */
    fun numberOf(raw: String?): String? = raw?.trim()?.takeIf { it.isNotEmpty() }
  }
}
