// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content.pm;

public abstract class PackageManager {
    public static final int PERMISSION_GRANTED = 0;
}
