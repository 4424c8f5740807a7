// Compile-time stub of the React Native class. The app inherits from it, so it declares every public or
// protected member of the real class or names it in a "not stubbed" line (stub-signatures.mjs checks both).
package com.facebook.react.bridge

import android.app.Activity

abstract class ReactContextBaseJavaModule(reactContext: ReactApplicationContext?) :
    BaseJavaModule(reactContext) {
  @Deprecated("Deprecated in 0.80.0. Use getReactApplicationContext().getCurrentActivity() instead.")
  protected fun getCurrentActivity(): Activity? = TODO("stub")
}
