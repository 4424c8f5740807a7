// Compile-time stub of the React Native class. The app inherits from it, so it declares every public or
// protected member of the real class or names it in a "not stubbed" line (stub-signatures.mjs checks both).
package com.facebook.react

// not stubbed: reactNativeHost — the old-architecture host (deprecated, with a throwing default); the app implements reactHost
interface ReactApplication {
  val reactHost: ReactHost?
    get() = null
}
