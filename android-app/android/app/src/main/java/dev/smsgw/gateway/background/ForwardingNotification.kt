package dev.smsgw.gateway.background

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.os.Build
import dev.smsgw.gateway.MainActivity

/**
 * The foreground notice's channel and notification. Low importance: it makes no sound and sits in
 * the shade, saying what the app does while it runs in the foreground. Without POST_NOTIFICATIONS
 * (Android 13+) Android hides it, and the foreground service runs all the same.
 */
object ForwardingNotification {
  const val CHANNEL_ID = "smsgw-forwarding"
  /** [ForwardingService]'s notification. */
  const val SERVICE_ID = 1001
  /** A WorkManager run's, where it runs in the foreground (expedited, Android 11 and older). */
  const val WORKER_ID = 1002

  fun build(context: Context, text: String): Notification {
    val builder =
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O) {
          ensureChannel(context)
          Notification.Builder(context, CHANNEL_ID)
        } else {
          @Suppress("DEPRECATION") Notification.Builder(context)
        }
    return builder
        .setSmallIcon(android.R.drawable.stat_notify_sync)
        .setContentTitle(ForwardingNotice.TITLE)
        .setContentText(text)
        .setOngoing(true)
        .setOnlyAlertOnce(true)
        .setContentIntent(openApp(context))
        .build()
  }

  /** Idempotent: creating an existing channel changes nothing the user set. */
  private fun ensureChannel(context: Context) {
    val manager = context.getSystemService(NotificationManager::class.java) ?: return
    val channel = NotificationChannel(CHANNEL_ID, "Forwarding SMS", NotificationManager.IMPORTANCE_LOW)
    channel.description = "Shown while received SMS are being forwarded to your server"
    manager.createNotificationChannel(channel)
  }

  /** Tapping the notice opens the app (its Health screen says how the backlog goes). */
  private fun openApp(context: Context): PendingIntent =
      PendingIntent.getActivity(
          context,
          0,
          Intent(context, MainActivity::class.java),
          PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
      )
}
