// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.database.sqlite;

import android.content.Context;

public abstract class SQLiteOpenHelper implements AutoCloseable {
    public SQLiteOpenHelper(Context context, String name, SQLiteDatabase.CursorFactory factory, int version) {
        throw new RuntimeException("Stub!");
    }

    public void setWriteAheadLoggingEnabled(boolean enabled) { throw new RuntimeException("Stub!"); }
    public SQLiteDatabase getWritableDatabase() { throw new RuntimeException("Stub!"); }
    public SQLiteDatabase getReadableDatabase() { throw new RuntimeException("Stub!"); }
    public void close() { throw new RuntimeException("Stub!"); }

    public void onConfigure(SQLiteDatabase db) {}
    public abstract void onCreate(SQLiteDatabase db);
    public abstract void onUpgrade(SQLiteDatabase db, int oldVersion, int newVersion);
}
