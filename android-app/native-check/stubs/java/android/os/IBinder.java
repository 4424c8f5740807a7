// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.os;

public interface IBinder {}
