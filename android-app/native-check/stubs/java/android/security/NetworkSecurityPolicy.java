// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.security;

public class NetworkSecurityPolicy {
    NetworkSecurityPolicy() {}
    public static NetworkSecurityPolicy getInstance() { throw new RuntimeException("Stub!"); }
    public boolean isCleartextTrafficPermitted(String hostname) { throw new RuntimeException("Stub!"); }
}
