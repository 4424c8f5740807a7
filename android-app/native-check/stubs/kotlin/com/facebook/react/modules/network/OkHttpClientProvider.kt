// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.modules.network

import android.content.Context
import okhttp3.OkHttpClient

object OkHttpClientProvider {
  @JvmStatic fun setOkHttpClientFactory(factory: OkHttpClientFactory?): Unit = TODO("stub")

  @JvmStatic fun createClientBuilder(context: Context): OkHttpClient.Builder = TODO("stub")
}
