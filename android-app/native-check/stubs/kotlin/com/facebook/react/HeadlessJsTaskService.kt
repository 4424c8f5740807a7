// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react

import android.app.Service
import android.content.Context
import android.content.Intent
import com.facebook.react.jstasks.HeadlessJsTaskConfig
import com.facebook.react.jstasks.HeadlessJsTaskEventListener

abstract class HeadlessJsTaskService : Service(), HeadlessJsTaskEventListener {
  protected open fun getTaskConfig(intent: Intent?): HeadlessJsTaskConfig? = null

  override fun onHeadlessJsTaskStart(taskId: Int): Unit = Unit

  override fun onHeadlessJsTaskFinish(taskId: Int): Unit = Unit

  companion object {
    @JvmStatic fun acquireWakeLockNow(context: Context): Unit = TODO("stub")
  }
}
