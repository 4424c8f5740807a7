package dev.smsgw.gateway.config

import android.content.Context
import android.content.SharedPreferences

/** One configuration [ConfigureReceiver] stored; a null [secret] keeps the app's current one. */
data class StoredConfiguration(val id: Long, val webhookUrl: String, val secret: String?)

/**
 * The configuration sent over adb, kept until the app applies it. The settings live in the engine's
 * database on the JS side, which nothing native writes, so the receiver leaves the configuration
 * here and JS applies it before its next drain (`pending-configuration.ts`). SharedPreferences in
 * the app's private storage (no backup: the manifest turns it off), written with commit() so it is
 * on disk before the receiver reports it stored. A newer broadcast replaces an older one; ids only
 * grow, so clearing what JS applied never drops a configuration that arrived meanwhile.
 */
object PendingConfiguration {
  private const val FILE = "smsgw-pending-configuration"
  private const val ID = "id"
  private const val LAST_ID = "lastId"
  private const val WEBHOOK = "webhook"
  private const val SECRET = "secret"
  private const val NONE = 0L

  /** Stores a configuration over any pending one; returns its id. */
  @Synchronized
  fun store(context: Context, webhookUrl: String, secret: String?): Long {
    val prefs = prefs(context)
    val id = prefs.getLong(LAST_ID, NONE) + 1
    val editor = prefs.edit().putLong(ID, id).putLong(LAST_ID, id).putString(WEBHOOK, webhookUrl)
    if (secret == null) editor.remove(SECRET) else editor.putString(SECRET, secret)
    check(editor.commit()) { "could not write $FILE" }
    return id
  }

  /** The pending configuration, or null when there is none. */
  @Synchronized
  fun read(context: Context): StoredConfiguration? {
    val prefs = prefs(context)
    val id = prefs.getLong(ID, NONE)
    val webhook = prefs.getString(WEBHOOK, null)
    if (id == NONE || webhook == null) return null
    val secret = if (prefs.contains(SECRET)) prefs.getString(SECRET, "") else null
    return StoredConfiguration(id, webhook, secret)
  }

  /** Forgets the configuration with this id; a newer one stays. */
  @Synchronized
  fun clear(context: Context, id: Long) {
    val prefs = prefs(context)
    if (prefs.getLong(ID, NONE) != id) return
    check(prefs.edit().remove(ID).remove(WEBHOOK).remove(SECRET).commit()) { "could not write $FILE" }
  }

  private fun prefs(context: Context): SharedPreferences =
      context.applicationContext.getSharedPreferences(FILE, Context.MODE_PRIVATE)
}
