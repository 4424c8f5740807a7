// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge

object UiThreadUtil {
  @JvmStatic fun runOnUiThread(runnable: Runnable): Boolean = TODO("stub")
}
