// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge

interface ReadableArray {
  fun getDouble(index: Int): Double

  fun getMap(index: Int): ReadableMap?

  fun size(): Int
}
