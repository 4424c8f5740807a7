// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge;

public abstract class BaseJavaModule implements NativeModule {
    public BaseJavaModule(ReactApplicationContext reactContext) { throw new RuntimeException("Stub!"); }
    protected final ReactApplicationContext getReactApplicationContext() { throw new RuntimeException("Stub!"); }
}
