// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.app;

import android.content.Context;

public class Notification {
    private Notification() {}

    public static class Builder {
        /** API 26. */
        public Builder(Context context, String channelId) { throw new RuntimeException("Stub!"); }
        /** Deprecated in API 26: the channel-less builder for older Android. */
        @Deprecated
        public Builder(Context context) { throw new RuntimeException("Stub!"); }

        public Builder setSmallIcon(int icon) { throw new RuntimeException("Stub!"); }
        public Builder setContentTitle(CharSequence title) { throw new RuntimeException("Stub!"); }
        public Builder setContentText(CharSequence text) { throw new RuntimeException("Stub!"); }
        public Builder setOngoing(boolean ongoing) { throw new RuntimeException("Stub!"); }
        public Builder setOnlyAlertOnce(boolean onlyAlertOnce) { throw new RuntimeException("Stub!"); }
        public Builder setContentIntent(PendingIntent intent) { throw new RuntimeException("Stub!"); }
        public Notification build() { throw new RuntimeException("Stub!"); }
    }
}
