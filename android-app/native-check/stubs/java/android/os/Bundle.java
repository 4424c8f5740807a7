// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.os;

public final class Bundle {
    public Bundle() {}
    public boolean containsKey(String key) { throw new RuntimeException("Stub!"); }
    public int getInt(String key, int defaultValue) { throw new RuntimeException("Stub!"); }
    public void putString(String key, String value) { throw new RuntimeException("Stub!"); }
}
