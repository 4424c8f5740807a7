package dev.smsgw.gateway.net

import android.content.Context
import com.facebook.react.modules.network.OkHttpClientFactory
import com.facebook.react.modules.network.OkHttpClientProvider
import okhttp3.OkHttpClient

/**
 * The HTTP client React Native's fetch runs on, as React Native builds it by default (its timeouts,
 * cookie jar and cache), except that it never follows a redirect. OkHttp follows one by itself before
 * the app sees anything: a 307/308 re-sends the POST, SMS and all, to a URL nobody configured, and a
 * 301/302 turns it into a GET whose 200 could pass for a delivery. Refused here, the 3xx reaches the
 * engine as the webhook's own answer, which pauses the queue until a person sets the final URL.
 * `followRedirects(false)` already stops a redirect between http and https; `followSslRedirects(false)`
 * keeps that one stopped should a builder derived from this client turn the first back on.
 */
class NoRedirectClientFactory(private val context: Context) : OkHttpClientFactory {
  override fun createNewNetworkModuleClient(): OkHttpClient =
      OkHttpClientProvider.createClientBuilder(context)
          .followRedirects(false)
          .followSslRedirects(false)
          .build()

  companion object {
    /**
     * Makes every client React Native's networking builds from now on refuse redirects. React Native
     * builds its networking module's client once, when the module starts, so this must run before
     * React Native loads: first thing in the application's onCreate.
     */
    @JvmStatic
    fun install(context: Context) {
      OkHttpClientProvider.setOkHttpClientFactory(NoRedirectClientFactory(context.applicationContext))
    }
  }
}
