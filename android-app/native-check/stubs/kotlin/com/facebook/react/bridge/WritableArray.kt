// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge

interface WritableArray : ReadableArray {
  fun pushMap(map: ReadableMap?)
}
