// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge;

import android.app.Activity;
import android.content.Context;
import android.content.ContextWrapper;
import androidx.annotation.Nullable;

public abstract class ReactContext extends ContextWrapper {
    public ReactContext(Context base) { super(base); }
    public @Nullable Activity getCurrentActivity() { throw new RuntimeException("Stub!"); }
}
