// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

public abstract class Context {
    public static final String POWER_SERVICE = "power";
    public static final int MODE_PRIVATE = 0x0000;

    public abstract Context getApplicationContext();
    public abstract ContentResolver getContentResolver();
    public abstract int checkSelfPermission(String permission);
    public abstract String getPackageName();
    public abstract Object getSystemService(String name);
    public final <T> T getSystemService(Class<T> serviceClass) { throw new RuntimeException("Stub!"); }
    public abstract ComponentName startService(Intent service);
    /** API 26. */
    public abstract ComponentName startForegroundService(Intent service);
    public abstract boolean stopService(Intent service);
    public abstract void startActivity(Intent intent);
    public abstract SharedPreferences getSharedPreferences(String name, int mode);
}
