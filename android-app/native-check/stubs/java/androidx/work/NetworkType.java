// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

public enum NetworkType { NOT_REQUIRED, CONNECTED, UNMETERED, NOT_ROAMING, METERED, TEMPORARILY_UNMETERED }
