// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.telephony;

public class SubscriptionInfo {
    private SubscriptionInfo() {}

    /** Deprecated in API 33 for SubscriptionManager.getPhoneNumber. */
    @Deprecated
    public String getNumber() { throw new RuntimeException("Stub!"); }
}
