// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.app;

public class NotificationManager {
    public static final int IMPORTANCE_LOW = 2;

    private NotificationManager() {}

    /** API 26. */
    public void createNotificationChannel(NotificationChannel channel) { throw new RuntimeException("Stub!"); }
}
