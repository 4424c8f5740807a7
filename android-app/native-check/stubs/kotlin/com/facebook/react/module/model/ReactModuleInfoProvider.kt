// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.module.model

fun interface ReactModuleInfoProvider {
  fun getReactModuleInfos(): Map<String, ReactModuleInfo>
}
