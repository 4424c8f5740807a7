// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.bridge

@Retention(AnnotationRetention.RUNTIME)
annotation class ReactMethod(val isBlockingSynchronousMethod: Boolean = false)
