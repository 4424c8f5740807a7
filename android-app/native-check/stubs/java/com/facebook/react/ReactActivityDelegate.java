// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react;

import androidx.annotation.Nullable;

public class ReactActivityDelegate {
    public ReactActivityDelegate(@Nullable ReactActivity activity, @Nullable String mainComponentName) { throw new RuntimeException("Stub!"); }
}
