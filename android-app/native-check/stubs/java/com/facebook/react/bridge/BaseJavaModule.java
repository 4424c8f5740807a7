// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge;

import androidx.annotation.Nullable;

public abstract class BaseJavaModule implements NativeModule {
    public BaseJavaModule(@Nullable ReactApplicationContext reactContext) { throw new RuntimeException("Stub!"); }
    protected final ReactApplicationContext getReactApplicationContext() { throw new RuntimeException("Stub!"); }
}
