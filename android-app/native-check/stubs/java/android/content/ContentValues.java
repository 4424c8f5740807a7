// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

public final class ContentValues {
    public ContentValues() {}
    public void put(String key, String value) { throw new RuntimeException("Stub!"); }
    public void put(String key, Integer value) { throw new RuntimeException("Stub!"); }
    public void put(String key, Long value) { throw new RuntimeException("Stub!"); }
}
