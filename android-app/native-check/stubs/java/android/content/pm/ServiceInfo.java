// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content.pm;

public class ServiceInfo {
    /** API 29. */
    public static final int FOREGROUND_SERVICE_TYPE_DATA_SYNC = 1;
}
