// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

public enum OutOfQuotaPolicy {
    RUN_AS_NON_EXPEDITED_WORK_REQUEST,
    DROP_WORK_REQUEST
}
