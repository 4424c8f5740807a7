// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.app;

import android.content.ContextWrapper;

// The real Activity extends ContextThemeWrapper; nothing of that layer is used here.
public class Activity extends ContextWrapper {
    public Activity() { super(null); }
}
