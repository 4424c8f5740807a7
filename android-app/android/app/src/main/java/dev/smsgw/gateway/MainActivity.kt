package dev.smsgw.gateway

import com.facebook.react.ReactActivity
import com.facebook.react.ReactActivityDelegate
import com.facebook.react.defaults.DefaultNewArchitectureEntryPoint.fabricEnabled
import com.facebook.react.defaults.DefaultReactActivityDelegate

/**
 * The only activity; also receives `smsgw://configure?url=…&secret=…` deep links (see the manifest),
 * which the JS side only shows for the user to confirm before anything is written.
 */
class MainActivity : ReactActivity() {

  /** Must match the name registered with `AppRegistry.registerComponent` in index.js. */
  override fun getMainComponentName(): String = "smsgw"

  override fun createReactActivityDelegate(): ReactActivityDelegate =
      DefaultReactActivityDelegate(this, mainComponentName, fabricEnabled)
}
