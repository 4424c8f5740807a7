// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.database;

import java.io.Closeable;

public interface Cursor extends Closeable {
    boolean moveToFirst();
    boolean moveToNext();
    boolean isNull(int columnIndex);
    int getInt(int columnIndex);
    long getLong(int columnIndex);
    String getString(int columnIndex);
    void close();
}
