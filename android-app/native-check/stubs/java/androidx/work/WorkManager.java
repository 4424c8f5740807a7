// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

import android.content.Context;

public abstract class WorkManager {
    public static WorkManager getInstance(Context context) { throw new RuntimeException("Stub!"); }

    public abstract Operation enqueueUniqueWork(String uniqueWorkName, ExistingWorkPolicy existingWorkPolicy,
            OneTimeWorkRequest request);

    public abstract Operation enqueueUniquePeriodicWork(String uniqueWorkName,
            ExistingPeriodicWorkPolicy existingPeriodicWorkPolicy, PeriodicWorkRequest request);
}
