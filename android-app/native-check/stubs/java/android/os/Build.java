// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.os;

public class Build {
    public static class VERSION {
        /** Read from the system at run time on a phone, so never a compile-time constant. */
        public static final int SDK_INT = stub();

        private static int stub() { throw new RuntimeException("Stub!"); }
    }

    public static class VERSION_CODES {
        public static final int O = 26;
        public static final int Q = 29;
        public static final int TIRAMISU = 33;
    }
}
