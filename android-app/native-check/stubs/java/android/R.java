// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android;

public final class R {
    public static final class drawable {
        public static final int stat_notify_sync = 0x01080084;
    }
}
