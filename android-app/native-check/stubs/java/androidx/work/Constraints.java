// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

public final class Constraints {
    public static final Constraints NONE = null;

    private Constraints() {}

    public static final class Builder {
        public Builder() {}
        public Builder setRequiredNetworkType(NetworkType networkType) { throw new RuntimeException("Stub!"); }
        public Constraints build() { throw new RuntimeException("Stub!"); }
    }
}
