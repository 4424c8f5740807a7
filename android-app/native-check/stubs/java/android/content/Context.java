// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

public abstract class Context {
    public static final String POWER_SERVICE = "power";

    public abstract Context getApplicationContext();
    public abstract ContentResolver getContentResolver();
    public abstract int checkSelfPermission(String permission);
    public abstract String getPackageName();
    public abstract Object getSystemService(String name);
    public final <T> T getSystemService(Class<T> serviceClass) { throw new RuntimeException("Stub!"); }
    public abstract ComponentName startService(Intent service);
    public abstract void startActivity(Intent intent);
}
