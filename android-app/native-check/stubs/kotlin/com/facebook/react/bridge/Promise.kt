// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge

interface Promise {
  fun resolve(value: Any?)

  fun reject(code: String?, message: String?, throwable: Throwable?)
}
