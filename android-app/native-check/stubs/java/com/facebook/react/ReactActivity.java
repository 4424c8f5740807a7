// Compile-time stub of the React Native class. The app inherits from it, so it declares every public or
// protected member of the real class or names it in a "not stubbed" line (stub-signatures.mjs checks both).
package com.facebook.react;

import android.app.Activity;
import androidx.annotation.Nullable;

// The real ReactActivity extends AppCompatActivity; nothing of AppCompat is used here.
// not stubbed: onCreate, onPause, onResume, onDestroy, onActivityResult, onKeyDown, onKeyUp, onKeyLongPress, onBackPressed, onNewIntent, onUserLeaveHint, onWindowFocusChanged, onConfigurationChanged — Activity callbacks ReactActivity forwards to its delegate; MainActivity overrides none (the Activity stub would need them first)
// not stubbed: invokeDefaultOnBackPressed, requestPermissions, onRequestPermissionsResult — back-button and permission plumbing for React Native's own modules; the app asks for permissions from JS
// not stubbed: getReactDelegate, getReactNativeHost, getReactInstanceManager — the ReactDelegate and old-architecture host types are not stubbed; the app uses the ReactHost
public abstract class ReactActivity extends Activity {
    protected ReactActivity() {}
    protected @Nullable String getMainComponentName() { return null; }
    protected ReactActivityDelegate createReactActivityDelegate() { throw new RuntimeException("Stub!"); }
    public ReactActivityDelegate getReactActivityDelegate() { throw new RuntimeException("Stub!"); }
    protected ReactHost getReactHost() { throw new RuntimeException("Stub!"); }
    protected final void loadApp(String appKey) { throw new RuntimeException("Stub!"); }
}
