// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.provider;

public interface BaseColumns {
    String _ID = "_id";
}
