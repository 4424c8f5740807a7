// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
// work-runtime-ktx's reified builders and workDataOf.
package androidx.work

import java.util.concurrent.TimeUnit

inline fun <reified W : ListenableWorker> OneTimeWorkRequestBuilder(): OneTimeWorkRequest.Builder =
    OneTimeWorkRequest.Builder(W::class.java)

inline fun <reified W : ListenableWorker> PeriodicWorkRequestBuilder(
    repeatInterval: Long,
    repeatIntervalTimeUnit: TimeUnit,
): PeriodicWorkRequest.Builder = PeriodicWorkRequest.Builder(W::class.java, repeatInterval, repeatIntervalTimeUnit)

fun workDataOf(vararg pairs: Pair<String, Any?>): Data = TODO("stub")
