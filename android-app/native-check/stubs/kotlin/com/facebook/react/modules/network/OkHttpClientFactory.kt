// Compile-time stub of the React Native class: only what dev.smsgw.gateway calls.
package com.facebook.react.modules.network

import okhttp3.OkHttpClient

fun interface OkHttpClientFactory {
  fun createNewNetworkModuleClient(): OkHttpClient
}
