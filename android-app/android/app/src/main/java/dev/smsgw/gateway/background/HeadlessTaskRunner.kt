package dev.smsgw.gateway.background

import android.content.Context
import android.util.Log
import com.facebook.react.ReactApplication
import com.facebook.react.ReactInstanceEventListener
import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.ReactContext
import com.facebook.react.bridge.UiThreadUtil
import com.facebook.react.jstasks.HeadlessJsTaskContext
import com.facebook.react.jstasks.HeadlessJsTaskEventListener
import kotlin.coroutines.resume
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * Runs `SmsgwTask` inside the current process, without a Service — what HeadlessJsTaskService
 * does internally. A WorkManager job may not start a Service from the background (Android 8+
 * throws "Not allowed to start service … app is in background"), but it may run JS in-process
 * while WorkManager holds its wake lock.
 */
object HeadlessTaskRunner {
  private const val TAG = "HeadlessTaskRunner"
  private const val NO_TASK = -1

  /** Suspends until the JS task finished or hit its timeout; false if it could not start. */
  suspend fun run(context: Context, reason: String): Boolean =
      suspendCancellableCoroutine { continuation ->
        val host = (context.applicationContext as? ReactApplication)?.reactHost
        if (host == null) {
          continuation.resume(false)
          return@suspendCancellableCoroutine
        }
        // A resume after cancellation (our timeout) is ignored by the continuation.
        val finish = { started: Boolean -> if (continuation.isActive) continuation.resume(started) }
        val onReady =
            object : ReactInstanceEventListener {
              override fun onReactContextInitialized(context: ReactContext) {
                host.removeReactInstanceEventListener(this)
                start(context, reason, finish)
              }
            }
        continuation.invokeOnCancellation { host.removeReactInstanceEventListener(onReady) }
        UiThreadUtil.runOnUiThread {
          try {
            val current = host.currentReactContext
            if (current != null) {
              start(current, reason, finish)
            } else {
              // Cold process (no UI, nothing running JS): boot React Native first.
              host.addReactInstanceEventListener(onReady)
              host.start()
            }
          } catch (e: RuntimeException) {
            Log.e(TAG, "could not start React Native (reason=$reason)", e)
            finish(false)
          }
        }
      }

  private fun start(reactContext: ReactContext, reason: String, finish: (Boolean) -> Unit) {
    // HeadlessJsTaskContext asserts the UI thread; onReactContextInitialized may come on another.
    // An exception escaping a UI-thread runnable would crash the app, hence the catch.
    UiThreadUtil.runOnUiThread {
      try {
        val tasks = HeadlessJsTaskContext.getInstance(reactContext)
        var ourTaskId = NO_TASK
        val listener =
            object : HeadlessJsTaskEventListener {
              override fun onHeadlessJsTaskStart(taskId: Int) = Unit

              // Posted to the UI thread, so it runs after this runnable has set ourTaskId. The
              // task's timeout makes sure it comes even if the JS promise never settles.
              override fun onHeadlessJsTaskFinish(taskId: Int) {
                if (taskId != ourTaskId) return
                tasks.removeTaskEventListener(this)
                finish(true)
              }
            }
        tasks.addTaskEventListener(listener)
        val data = Arguments.createMap()
        data.putString(TaskReason.KEY, reason)
        ourTaskId = tasks.startTask(SmsgwTaskService.headlessTaskConfig(data))
      } catch (e: RuntimeException) {
        Log.e(TAG, "could not start the headless task (reason=$reason)", e)
        finish(false)
      }
    }
  }
}
