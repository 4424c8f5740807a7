// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

public class ContextWrapper extends Context {
    public ContextWrapper(Context base) { throw new RuntimeException("Stub!"); }
    @Override public Context getApplicationContext() { throw new RuntimeException("Stub!"); }
    @Override public ContentResolver getContentResolver() { throw new RuntimeException("Stub!"); }
    @Override public int checkSelfPermission(String permission) { throw new RuntimeException("Stub!"); }
    @Override public String getPackageName() { throw new RuntimeException("Stub!"); }
    @Override public Object getSystemService(String name) { throw new RuntimeException("Stub!"); }
    @Override public ComponentName startService(Intent service) { throw new RuntimeException("Stub!"); }
    @Override public ComponentName startForegroundService(Intent service) { throw new RuntimeException("Stub!"); }
    @Override public boolean stopService(Intent service) { throw new RuntimeException("Stub!"); }
    @Override public void startActivity(Intent intent) { throw new RuntimeException("Stub!"); }
    @Override public SharedPreferences getSharedPreferences(String name, int mode) { throw new RuntimeException("Stub!"); }
}
