package dev.smsgw.gateway.background

import android.app.Service
import android.content.Context
import android.content.Intent
import android.content.pm.ServiceInfo
import android.os.Build
import android.os.IBinder
import android.util.Log

/**
 * A foreground service (type dataSync) with the notice "Forwarding N SMS to your server", up while a
 * backlog drains ([ForwardingNotice.shouldShow]). It does no work itself: the JS passes WorkManager
 * starts do. It keeps the process, and its warm JS runtime, from being killed between them, so the
 * next pass starts at once instead of after a cold start, or never.
 */
class ForwardingService : Service() {

  override fun onBind(intent: Intent?): IBinder? = null

  override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
    val backlog = intent?.getIntExtra(EXTRA_BACKLOG, 0) ?: 0
    val notification = ForwardingNotification.build(this, ForwardingNotice.text(backlog))
    try {
      // Called on every start, also to stop: a service started with startForegroundService must
      // call startForeground, or Android ends the app.
      if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
        startForeground(ForwardingNotification.SERVICE_ID, notification, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC)
      } else {
        startForeground(ForwardingNotification.SERVICE_ID, notification)
      }
      running = backlog > 0
    } catch (e: RuntimeException) {
      // Android 15 refuses a dataSync service whose 6 h of the day are spent; the passes go on.
      Log.w(TAG, "the foreground notice could not start", e)
      running = false
    }
    if (!running) finish()
    return START_NOT_STICKY
  }

  /** Android 15: dataSync's time for the day is spent; Android ends the app unless this stops. */
  override fun onTimeout(startId: Int, fgsType: Int) {
    Log.w(TAG, "dataSync time limit reached: the backlog drains without the notice")
    finish()
  }

  override fun onDestroy() {
    running = false
    super.onDestroy()
  }

  private fun finish() {
    running = false
    stopForeground(STOP_FOREGROUND_REMOVE)
    stopSelf()
  }

  companion object {
    private const val TAG = "ForwardingService"
    private const val EXTRA_BACKLOG = "backlog"

    /** Whether the notice is up in this process. */
    @Volatile
    var running = false
      private set

    /**
     * Shows the notice with [backlog], or takes it down. Resolves what happened: "shown", "hidden"
     * or "refused" (Android 12+ lets a background app start a foreground service only when exempt,
     * e.g. from battery optimisation; the passes still run, only the process is less safe).
     */
    fun update(context: Context, backlog: Int, show: Boolean): String {
      val intent = Intent(context, ForwardingService::class.java)
      if (!show) {
        if (running) context.stopService(intent)
        return "hidden"
      }
      return try {
        intent.putExtra(EXTRA_BACKLOG, backlog)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O) context.startForegroundService(intent)
        else context.startService(intent)
        "shown"
      } catch (e: IllegalStateException) {
        Log.w(TAG, "foreground service start refused", e)
        "refused"
      } catch (e: SecurityException) {
        Log.w(TAG, "foreground service start denied", e)
        "refused"
      }
    }
  }
}
