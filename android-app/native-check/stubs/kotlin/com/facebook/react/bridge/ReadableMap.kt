// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge

interface ReadableMap {
  fun getBoolean(name: String): Boolean

  fun getDouble(name: String): Double

  fun getString(name: String): String?

  fun hasKey(name: String): Boolean

  fun isNull(name: String): Boolean
}
