// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge;

import javax.annotation.Nonnull;

public interface NativeModule {
    @Nonnull
    String getName();
}
