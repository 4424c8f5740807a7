// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

import java.util.concurrent.TimeUnit;

public abstract class WorkRequest {
    public abstract static class Builder<B extends Builder<B, ?>, W extends WorkRequest> {
        public final B setConstraints(Constraints constraints) { throw new RuntimeException("Stub!"); }
        public final B setBackoffCriteria(BackoffPolicy backoffPolicy, long backoffDelay, TimeUnit timeUnit) {
            throw new RuntimeException("Stub!");
        }
        public final B setInputData(Data inputData) { throw new RuntimeException("Stub!"); }
        public final B setInitialDelay(long duration, TimeUnit timeUnit) { throw new RuntimeException("Stub!"); }
        /** 2.7; WorkManager refuses it together with an initial delay. */
        public final B setExpedited(OutOfQuotaPolicy policy) { throw new RuntimeException("Stub!"); }
        public final W build() { throw new RuntimeException("Stub!"); }
    }
}
