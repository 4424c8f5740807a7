// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.net;

public abstract class Uri {
    public static Uri parse(String uriString) { throw new RuntimeException("Stub!"); }
}
