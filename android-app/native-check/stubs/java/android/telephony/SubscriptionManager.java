// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.telephony;

public class SubscriptionManager {
    public static final int INVALID_SIM_SLOT_INDEX = -1;

    /** API 29. */
    public static int getSlotIndex(int subscriptionId) { throw new RuntimeException("Stub!"); }

    /** API 22; needs READ_PHONE_STATE. */
    public SubscriptionInfo getActiveSubscriptionInfo(int subId) { throw new RuntimeException("Stub!"); }

    /** API 33; needs READ_PHONE_NUMBERS (or carrier privileges). "" when unknown. */
    public String getPhoneNumber(int subscriptionId) { throw new RuntimeException("Stub!"); }
}
