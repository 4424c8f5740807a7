// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

import java.util.concurrent.TimeUnit;

public final class PeriodicWorkRequest extends WorkRequest {
    private PeriodicWorkRequest() {}

    public static final class Builder extends WorkRequest.Builder<Builder, PeriodicWorkRequest> {
        public Builder(Class<? extends ListenableWorker> workerClass, long repeatInterval, TimeUnit repeatIntervalTimeUnit) {
            throw new RuntimeException("Stub!");
        }
    }
}
