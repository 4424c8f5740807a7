// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.net;

public class ConnectivityManager {
    private ConnectivityManager() {}
    public Network getActiveNetwork() { throw new RuntimeException("Stub!"); }
    public NetworkCapabilities getNetworkCapabilities(Network network) { throw new RuntimeException("Stub!"); }
}
