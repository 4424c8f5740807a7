// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.os;

public final class PowerManager {
    private PowerManager() {}
    public boolean isIgnoringBatteryOptimizations(String packageName) { throw new RuntimeException("Stub!"); }
}
