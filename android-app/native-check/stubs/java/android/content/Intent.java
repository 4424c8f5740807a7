// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

import android.net.Uri;
import android.os.Bundle;

public class Intent {
    public static final String ACTION_BOOT_COMPLETED = "android.intent.action.BOOT_COMPLETED";
    public static final String ACTION_MY_PACKAGE_REPLACED = "android.intent.action.MY_PACKAGE_REPLACED";
    public static final int FLAG_ACTIVITY_NEW_TASK = 0x10000000;

    public Intent(Context packageContext, Class<?> cls) { throw new RuntimeException("Stub!"); }
    public Intent(String action, Uri uri) { throw new RuntimeException("Stub!"); }

    public String getAction() { throw new RuntimeException("Stub!"); }
    public Bundle getExtras() { throw new RuntimeException("Stub!"); }
    public boolean hasExtra(String name) { throw new RuntimeException("Stub!"); }
    public String getStringExtra(String name) { throw new RuntimeException("Stub!"); }
    public int getIntExtra(String name, int defaultValue) { throw new RuntimeException("Stub!"); }
    public Intent putExtra(String name, String value) { throw new RuntimeException("Stub!"); }
    public Intent putExtra(String name, int value) { throw new RuntimeException("Stub!"); }
    public Intent addFlags(int flags) { throw new RuntimeException("Stub!"); }
}
