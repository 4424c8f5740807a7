// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

public final class ComponentName {
    private ComponentName() {}
}
