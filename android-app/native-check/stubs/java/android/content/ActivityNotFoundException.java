// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

public class ActivityNotFoundException extends RuntimeException {
    public ActivityNotFoundException() {}
}
