// Compile-time stub of the AndroidX class: only what dev.smsgw.gateway calls.
package androidx.work;

import android.content.Context;

public abstract class ListenableWorker {
    public ListenableWorker(Context appContext, WorkerParameters workerParams) { throw new RuntimeException("Stub!"); }

    public final Context getApplicationContext() { throw new RuntimeException("Stub!"); }
    public final Data getInputData() { throw new RuntimeException("Stub!"); }

    public abstract static class Result {
        Result() {}
        public static Result success() { throw new RuntimeException("Stub!"); }
        public static Result retry() { throw new RuntimeException("Stub!"); }
        public static Result failure() { throw new RuntimeException("Stub!"); }
    }
}
