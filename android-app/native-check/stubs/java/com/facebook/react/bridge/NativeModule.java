// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge;

public interface NativeModule {
    String getName();
}
