// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.content;

import android.database.Cursor;
import android.net.Uri;

public abstract class ContentResolver {
    public ContentResolver(Context context) { throw new RuntimeException("Stub!"); }

    public final Cursor query(Uri uri, String[] projection, String selection, String[] selectionArgs,
            String sortOrder) { throw new RuntimeException("Stub!"); }
}
