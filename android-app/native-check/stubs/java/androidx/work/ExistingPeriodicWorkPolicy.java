// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

public enum ExistingPeriodicWorkPolicy { REPLACE, KEEP, UPDATE, CANCEL_AND_REENQUEUE }
