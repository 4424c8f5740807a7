// Compile-time stub of the class React Native's Gradle plugin generates (GenerateEntryPointTask).
package com.facebook.react;

import android.content.Context;

public class ReactNativeApplicationEntryPoint {
    public static void loadReactNative(Context context) { throw new RuntimeException("Stub!"); }
}
