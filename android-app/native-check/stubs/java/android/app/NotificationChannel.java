// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.app;

/** API 26. */
public final class NotificationChannel {
    public NotificationChannel(String id, CharSequence name, int importance) { throw new RuntimeException("Stub!"); }

    public String getDescription() { throw new RuntimeException("Stub!"); }
    public void setDescription(String description) { throw new RuntimeException("Stub!"); }
}
