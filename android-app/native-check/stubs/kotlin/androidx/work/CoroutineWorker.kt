// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work

import android.content.Context

abstract class CoroutineWorker(appContext: Context, params: WorkerParameters) :
    ListenableWorker(appContext, params) {
  abstract suspend fun doWork(): Result

  /** Asked for when the request runs in the foreground (expedited, Android 11 and older). */
  open suspend fun getForegroundInfo(): ForegroundInfo = TODO("stub")
}
