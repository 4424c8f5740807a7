// Compile-time stub of the React Native class. The app inherits from it, so it declares every public or
// protected member of the real class or names it in a "not stubbed" line (stub-signatures.mjs checks both).
package com.facebook.react

import android.app.Service
import android.content.Context
import android.content.Intent
import android.os.IBinder
import com.facebook.react.bridge.ReactContext
import com.facebook.react.jstasks.HeadlessJsTaskConfig
import com.facebook.react.jstasks.HeadlessJsTaskEventListener

// not stubbed: reactNativeHost — the old-architecture host; ReactNativeHost is not stubbed and the app runs bridgeless
abstract class HeadlessJsTaskService : Service(), HeadlessJsTaskEventListener {
  override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int = TODO("stub")

  protected open fun getTaskConfig(intent: Intent?): HeadlessJsTaskConfig? = null

  override fun onBind(intent: Intent): IBinder? = null

  protected fun startTask(taskConfig: HeadlessJsTaskConfig): Unit = TODO("stub")

  override fun onDestroy(): Unit = TODO("stub")

  override fun onHeadlessJsTaskStart(taskId: Int): Unit = Unit

  override fun onHeadlessJsTaskFinish(taskId: Int): Unit = Unit

  protected open val reactHost: ReactHost?
    get() = TODO("stub")

  protected val reactContext: ReactContext?
    get() = TODO("stub")

  companion object {
    @JvmStatic fun acquireWakeLockNow(context: Context): Unit = TODO("stub")
  }
}
