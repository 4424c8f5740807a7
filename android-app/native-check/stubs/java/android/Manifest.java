// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android;

public final class Manifest {
    public static final class permission {
        public static final String READ_SMS = "android.permission.READ_SMS";
        public static final String READ_PHONE_NUMBERS = "android.permission.READ_PHONE_NUMBERS";
        public static final String READ_PHONE_STATE = "android.permission.READ_PHONE_STATE";
    }
}
