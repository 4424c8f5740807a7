// Compile-time stub of the class React Native's Gradle plugin generates from autolinking.
package com.facebook.react;

import android.app.Application;
import java.util.ArrayList;

public class PackageList {
    public PackageList(Application application) { throw new RuntimeException("Stub!"); }
    public ArrayList<ReactPackage> getPackages() { throw new RuntimeException("Stub!"); }
}
