package dev.smsgw.gateway

import android.app.Application
import com.facebook.react.PackageList
import com.facebook.react.ReactApplication
import com.facebook.react.ReactHost
import com.facebook.react.ReactNativeApplicationEntryPoint.loadReactNative
import com.facebook.react.defaults.DefaultReactHost.getDefaultReactHost
import dev.smsgw.gateway.background.WorkScheduler
import dev.smsgw.gateway.bridge.SmsgwPackage
import dev.smsgw.gateway.net.NoRedirectClientFactory

class MainApplication : Application(), ReactApplication {

  override val reactHost: ReactHost by lazy {
    getDefaultReactHost(
      context = applicationContext,
      packageList =
        PackageList(this).packages.apply {
          // Our own modules are not an npm package, so autolinking cannot find them.
          add(SmsgwPackage())
        },
    )
  }

  override fun onCreate() {
    super.onCreate()
    // Before React Native loads: its networking module builds its HTTP client when it starts, and a
    // client that followed a webhook's redirect would re-send the SMS elsewhere, or take a GET's 200
    // for its delivery, before the app could see the redirect.
    NoRedirectClientFactory.install(this)
    loadReactNative(this)
    // Every process start (UI, SMS broadcast, boot, worker) makes sure the periodic dispatch
    // exists. KEEP makes this a no-op when it is already scheduled, so its 15 min clock is kept.
    WorkScheduler.schedulePeriodic(this)
  }
}
