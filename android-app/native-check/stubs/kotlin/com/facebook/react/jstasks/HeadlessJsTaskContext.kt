// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.jstasks

import com.facebook.react.bridge.ReactContext

class HeadlessJsTaskContext private constructor() {
  fun addTaskEventListener(listener: HeadlessJsTaskEventListener): Unit = TODO("stub")

  fun removeTaskEventListener(listener: HeadlessJsTaskEventListener): Unit = TODO("stub")

  fun startTask(taskConfig: HeadlessJsTaskConfig): Int = TODO("stub")

  companion object {
    @JvmStatic fun getInstance(context: ReactContext): HeadlessJsTaskContext = TODO("stub")
  }
}
