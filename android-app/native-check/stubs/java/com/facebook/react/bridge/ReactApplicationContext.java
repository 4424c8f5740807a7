// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
// (Kotlin in RN itself; a Java stub here so the Java stubs can name it.)
package com.facebook.react.bridge;

import android.content.Context;

public class ReactApplicationContext extends ReactContext {
    public ReactApplicationContext(Context context) { super(context); }
}
