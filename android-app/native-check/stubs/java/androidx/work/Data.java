// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

public final class Data {
    private Data() {}
    public String getString(String key) { throw new RuntimeException("Stub!"); }
}
