// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge

interface WritableMap : ReadableMap {
  fun putDouble(key: String, value: Double)

  fun putString(key: String, value: String?)

  fun putNull(key: String)
}
