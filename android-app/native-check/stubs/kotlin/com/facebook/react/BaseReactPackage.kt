// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react

import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.module.model.ReactModuleInfoProvider

abstract class BaseReactPackage : ReactPackage {
  abstract override fun getModule(name: String, reactContext: ReactApplicationContext): NativeModule?

  abstract fun getReactModuleInfoProvider(): ReactModuleInfoProvider
}
