// The receiver's reading of the receiving SIM: what counts as a subscription id and as a number.
package smsgw.nativecheck

import dev.smsgw.gateway.sms.ReceivingSim

val receiverChecks =
    listOf(
        check("a subscription id is kept when Android gives a valid one") {
          expectEqual(0, ReceivingSim.subscriptionIdOf(0))
          expectEqual(3, ReceivingSim.subscriptionIdOf(3))
        },
        check("an invalid or missing subscription id is none") {
          expectEqual(null, ReceivingSim.subscriptionIdOf(-1), "INVALID_SUBSCRIPTION_ID")
          expectEqual(null, ReceivingSim.subscriptionIdOf(null))
        },
        check("a SIM that does not know its own number has none, not an empty one") {
          expectEqual(null, ReceivingSim.numberOf(""))
          expectEqual(null, ReceivingSim.numberOf("  "))
          expectEqual(null, ReceivingSim.numberOf(null))
          expectEqual("+46700000042", ReceivingSim.numberOf(" +46700000042 "))
        },
    )
