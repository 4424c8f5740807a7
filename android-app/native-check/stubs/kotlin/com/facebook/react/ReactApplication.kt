// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react

interface ReactApplication {
  val reactHost: ReactHost?
    get() = null
}
