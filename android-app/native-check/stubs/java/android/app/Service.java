// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.app;

import android.content.ContextWrapper;

// The real Service also declares onBind/onStartCommand; HeadlessJsTaskService implements them.
public abstract class Service extends ContextWrapper {
    public Service() { super(null); }
}
