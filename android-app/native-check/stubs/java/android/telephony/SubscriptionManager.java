// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.telephony;

public class SubscriptionManager {
    public static final int INVALID_SIM_SLOT_INDEX = -1;

    /** API 29. */
    public static int getSlotIndex(int subscriptionId) { throw new RuntimeException("Stub!"); }
}
