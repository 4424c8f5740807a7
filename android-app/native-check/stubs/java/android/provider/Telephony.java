// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.provider;

import android.content.Intent;
import android.telephony.SmsMessage;

public final class Telephony {
    public static final class Sms {
        public static final class Intents {
            public static final String SMS_RECEIVED_ACTION = "android.provider.Telephony.SMS_RECEIVED";

            public static SmsMessage[] getMessagesFromIntent(Intent intent) { throw new RuntimeException("Stub!"); }
        }
    }
}
