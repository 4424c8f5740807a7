// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.module.model

class ReactModuleInfo(
    val name: String,
    val className: String,
    val canOverrideExistingModule: Boolean,
    val needsEagerInit: Boolean,
    val isCxxModule: Boolean,
    val isTurboModule: Boolean,
)
