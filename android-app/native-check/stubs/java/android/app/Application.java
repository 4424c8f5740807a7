// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.app;

import android.content.ContextWrapper;

public class Application extends ContextWrapper {
    public Application() { super(null); }
    public void onCreate() {}
}
