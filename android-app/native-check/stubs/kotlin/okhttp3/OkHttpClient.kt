// Compile-time stub of the OkHttp 4 class (Kotlin in the real library, which React Native's
// networking runs on): only what dev.smsgw.gateway calls.
package okhttp3

open class OkHttpClient {
  class Builder {
    fun followRedirects(followRedirects: Boolean): Builder = TODO("stub")

    fun followSslRedirects(followProtocolRedirects: Boolean): Builder = TODO("stub")

    fun build(): OkHttpClient = TODO("stub")
  }
}
