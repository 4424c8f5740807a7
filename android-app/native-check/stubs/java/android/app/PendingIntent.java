// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.app;

import android.content.Context;
import android.content.Intent;

public final class PendingIntent {
    public static final int FLAG_UPDATE_CURRENT = 0x08000000;
    /** API 23. */
    public static final int FLAG_IMMUTABLE = 0x04000000;

    private PendingIntent() {}

    public static PendingIntent getActivity(Context context, int requestCode, Intent intent, int flags) {
        throw new RuntimeException("Stub!");
    }
}
