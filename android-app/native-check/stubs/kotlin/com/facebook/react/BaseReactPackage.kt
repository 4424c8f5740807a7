// Compile-time stub of the React Native class. The app inherits from it, so it declares every public or
// protected member of the real class or names it in a "not stubbed" line (stub-signatures.mjs checks both).
package com.facebook.react

import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.module.model.ReactModuleInfoProvider

// not stubbed: createNativeModules, getViewManagers, createViewManagers — the deprecated module list and view managers: SmsgwPackage serves modules through getModule and has no views (ViewManager and ModuleSpec are not stubbed)
abstract class BaseReactPackage : ReactPackage {
  abstract override fun getModule(name: String, reactContext: ReactApplicationContext): NativeModule?

  abstract fun getReactModuleInfoProvider(): ReactModuleInfoProvider
}
