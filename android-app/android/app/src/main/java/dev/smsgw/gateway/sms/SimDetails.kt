package dev.smsgw.gateway.sms

import android.Manifest
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import android.telephony.SubscriptionManager

/** Reads [ReceivingSim] from an SMS_RECEIVED broadcast and the phone's subscription list. */
object SimDetails {

  /**
   * Subscription extras, most specific first: SubscriptionManager.EXTRA_SUBSCRIPTION_INDEX (API 26,
   * spelled out for API 24 and 25) and the older "subscription" (PhoneConstants.SUBSCRIPTION_KEY),
   * which AOSP still puts beside it.
   */
  private val SUBSCRIPTION_EXTRAS = listOf("android.telephony.extra.SUBSCRIPTION_INDEX", "subscription")

  fun of(context: Context, intent: Intent): ReceivingSim {
    val subscriptionId = subscriptionIdOf(intent) ?: return ReceivingSim.UNKNOWN
    return ReceivingSim(subscriptionId, numberOf(context, subscriptionId))
  }

  fun subscriptionIdOf(intent: Intent): Int? {
    val extras = intent.extras ?: return null
    for (key in SUBSCRIPTION_EXTRAS) {
      if (!extras.containsKey(key)) continue
      ReceivingSim.subscriptionIdOf(extras.getInt(key, -1))?.let { return it }
    }
    return null
  }

  /**
   * The SIM's own number, only where a permission the app already holds allows it: READ_PHONE_NUMBERS
   * from Android 13 (SubscriptionManager.getPhoneNumber), READ_PHONE_STATE before (the subscription's
   * info). The app never asks for either just for this; `adb shell pm grant` can grant one.
   */
  fun numberOf(context: Context, subscriptionId: Int): String? {
    val subscriptions = context.getSystemService(SubscriptionManager::class.java) ?: return null
    return try {
      val raw =
          if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            if (!granted(context, Manifest.permission.READ_PHONE_NUMBERS)) return null
            subscriptions.getPhoneNumber(subscriptionId)
          } else {
            if (!granted(context, Manifest.permission.READ_PHONE_STATE)) return null
            @Suppress("DEPRECATION") subscriptions.getActiveSubscriptionInfo(subscriptionId)?.number
          }
      ReceivingSim.numberOf(raw)
    } catch (e: SecurityException) {
      null // a carrier or OEM build that guards it more tightly: the SMS goes without it
    }
  }

  private fun granted(context: Context, permission: String) =
      context.checkSelfPermission(permission) == PackageManager.PERMISSION_GRANTED
}
