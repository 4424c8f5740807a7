package dev.smsgw.gateway.bridge

import com.facebook.react.BaseReactPackage
import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.module.model.ReactModuleInfo
import com.facebook.react.module.model.ReactModuleInfoProvider
import dev.smsgw.gateway.config.SmsgwConfigModule

/**
 * Registers the app's modules. They are classic (non-Turbo) modules: in the new
 * architecture, RN's TurboModule interop layer serves them to `NativeModules`, which needs
 * isTurboModule = false below.
 */
class SmsgwPackage : BaseReactPackage() {

  override fun getModule(name: String, reactContext: ReactApplicationContext): NativeModule? =
      when (name) {
        SmsgwInboxModule.NAME -> SmsgwInboxModule(reactContext)
        SmsgwSystemModule.NAME -> SmsgwSystemModule(reactContext)
        SmsgwSmsStoreModule.NAME -> SmsgwSmsStoreModule(reactContext)
        SmsgwConfigModule.NAME -> SmsgwConfigModule(reactContext)
        else -> null
      }

  override fun getReactModuleInfoProvider(): ReactModuleInfoProvider = ReactModuleInfoProvider {
    listOf(
            SmsgwInboxModule.NAME to SmsgwInboxModule::class.java,
            SmsgwSystemModule.NAME to SmsgwSystemModule::class.java,
            SmsgwSmsStoreModule.NAME to SmsgwSmsStoreModule::class.java,
            SmsgwConfigModule.NAME to SmsgwConfigModule::class.java,
        )
        .associate { (name, type) ->
          name to
              ReactModuleInfo(
                  name,
                  type.name,
                  /* canOverrideExistingModule = */ false,
                  /* needsEagerInit = */ false,
                  /* isCxxModule = */ false,
                  /* isTurboModule = */ false,
              )
        }
  }
}
