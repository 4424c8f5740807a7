// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react

import com.facebook.react.bridge.ReactContext
import com.facebook.react.interfaces.TaskInterface

interface ReactHost {
  val currentReactContext: ReactContext?

  fun start(): TaskInterface<Void>

  fun addReactInstanceEventListener(listener: ReactInstanceEventListener)

  fun removeReactInstanceEventListener(listener: ReactInstanceEventListener)
}
