// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

import android.app.Notification;

public final class ForegroundInfo {
    public ForegroundInfo(int notificationId, Notification notification) { throw new RuntimeException("Stub!"); }
}
