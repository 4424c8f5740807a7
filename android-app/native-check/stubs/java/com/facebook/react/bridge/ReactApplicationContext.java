// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
// (Kotlin in RN itself; a Java stub here so the Java stubs can name it.)
package com.facebook.react.bridge;

import android.content.Context;
import androidx.annotation.NonNull;

public abstract class ReactApplicationContext extends ReactContext {
    public ReactApplicationContext(@NonNull Context context) { super(context); }
}
