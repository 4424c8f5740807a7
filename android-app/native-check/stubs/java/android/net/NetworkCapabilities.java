// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.net;

public final class NetworkCapabilities {
    public static final int NET_CAPABILITY_INTERNET = 12;

    private NetworkCapabilities() {}
    public boolean hasCapability(int capability) { throw new RuntimeException("Stub!"); }
}
