// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.jstasks

import com.facebook.react.bridge.WritableMap

// The real constructor also takes a retryPolicy (defaulted; unused here).
class HeadlessJsTaskConfig
@JvmOverloads
constructor(
    val taskKey: String,
    val data: WritableMap,
    val timeout: Long = 0,
    val isAllowedInForeground: Boolean = false,
)
