// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.provider;

public final class Settings {
    public static final String ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS =
            "android.settings.REQUEST_IGNORE_BATTERY_OPTIMIZATIONS";
}
