// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

public final class OneTimeWorkRequest extends WorkRequest {
    private OneTimeWorkRequest() {}

    public static final class Builder extends WorkRequest.Builder<Builder, OneTimeWorkRequest> {
        public Builder(Class<? extends ListenableWorker> workerClass) { throw new RuntimeException("Stub!"); }
    }
}
