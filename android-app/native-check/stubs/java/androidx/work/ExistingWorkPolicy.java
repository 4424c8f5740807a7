// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

public enum ExistingWorkPolicy { REPLACE, KEEP, APPEND, APPEND_OR_REPLACE }
