// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react;

import android.app.Activity;

// The real ReactActivity extends AppCompatActivity; nothing of AppCompat is used here.
public abstract class ReactActivity extends Activity {
    protected ReactActivity() {}
    protected String getMainComponentName() { return null; }
    protected ReactActivityDelegate createReactActivityDelegate() { throw new RuntimeException("Stub!"); }
}
