// Compile-time stub of the Android SDK interface (android.jar): only what dev.smsgw.gateway calls.
package android.content;

public interface SharedPreferences {
    long getLong(String key, long defValue);
    String getString(String key, String defValue);
    boolean contains(String key);
    Editor edit();

    interface Editor {
        Editor putLong(String key, long value);
        Editor putString(String key, String value);
        Editor remove(String key);
        boolean commit();
    }
}
