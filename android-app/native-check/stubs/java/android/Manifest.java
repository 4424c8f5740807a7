// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android;

public final class Manifest {
    public static final class permission {
        public static final String READ_SMS = "android.permission.READ_SMS";
    }
}
