// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react

import com.facebook.react.bridge.ReactContext

interface ReactInstanceEventListener {
  fun onReactContextInitialized(context: ReactContext)
}
