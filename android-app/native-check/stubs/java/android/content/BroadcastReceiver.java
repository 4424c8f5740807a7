// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

public abstract class BroadcastReceiver {
    public BroadcastReceiver() {}

    public abstract void onReceive(Context context, Intent intent);

    public final PendingResult goAsync() { throw new RuntimeException("Stub!"); }
    public final void setResult(int code, String data, android.os.Bundle extras) { throw new RuntimeException("Stub!"); }

    public static class PendingResult {
        private PendingResult() {}
        public final void setResult(int code, String data, android.os.Bundle extras) { throw new RuntimeException("Stub!"); }
        public final void finish() { throw new RuntimeException("Stub!"); }
    }
}
