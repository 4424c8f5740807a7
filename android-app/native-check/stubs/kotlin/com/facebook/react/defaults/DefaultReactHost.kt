// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.defaults

import android.content.Context
import com.facebook.react.ReactHost
import com.facebook.react.ReactPackage

// The real function has more parameters, all defaulted (bundle paths, dev support, …).
object DefaultReactHost {
  @JvmStatic
  fun getDefaultReactHost(context: Context, packageList: List<ReactPackage>): ReactHost = TODO("stub")
}
