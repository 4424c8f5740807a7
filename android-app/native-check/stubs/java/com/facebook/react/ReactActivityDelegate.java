// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react;

public class ReactActivityDelegate {
    public ReactActivityDelegate(ReactActivity activity, String mainComponentName) { throw new RuntimeException("Stub!"); }
}
