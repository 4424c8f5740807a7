// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.jstasks

interface HeadlessJsTaskEventListener {
  fun onHeadlessJsTaskStart(taskId: Int)

  fun onHeadlessJsTaskFinish(taskId: Int)
}
