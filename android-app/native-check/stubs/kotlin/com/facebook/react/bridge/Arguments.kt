// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge

import android.os.Bundle

object Arguments {
  @JvmStatic fun createArray(): WritableArray = TODO("stub")

  @JvmStatic fun createMap(): WritableMap = TODO("stub")

  @JvmStatic fun fromBundle(bundle: Bundle): WritableMap = TODO("stub")
}
