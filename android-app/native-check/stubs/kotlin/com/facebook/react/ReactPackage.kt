// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react

import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.ReactApplicationContext

// The real interface also declares createNativeModules/createViewManagers (unused here).
interface ReactPackage {
  fun getModule(name: String, reactContext: ReactApplicationContext): NativeModule? = null
}
