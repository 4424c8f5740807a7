// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.app;

import android.content.ContextWrapper;
import android.content.Intent;
import android.os.IBinder;

public abstract class Service extends ContextWrapper {
    public static final int START_NOT_STICKY = 2;
    public static final int STOP_FOREGROUND_REMOVE = 1;

    public Service() { super(null); }

    public abstract IBinder onBind(Intent intent);
    public int onStartCommand(Intent intent, int flags, int startId) { throw new RuntimeException("Stub!"); }
    public void onDestroy() { throw new RuntimeException("Stub!"); }
    /** API 35: a time-limited foreground service (dataSync) ran out of time. */
    public void onTimeout(int startId, int fgsType) { throw new RuntimeException("Stub!"); }
    public final void startForeground(int id, Notification notification) { throw new RuntimeException("Stub!"); }
    /** API 29. */
    public final void startForeground(int id, Notification notification, int foregroundServiceType) {
        throw new RuntimeException("Stub!");
    }
    /** API 24. */
    public final void stopForeground(int notificationBehavior) { throw new RuntimeException("Stub!"); }
    public final void stopSelf() { throw new RuntimeException("Stub!"); }
}
