// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.provider;

import android.content.Intent;
import android.net.Uri;
import android.telephony.SmsMessage;

public final class Telephony {
    public interface TextBasedSmsColumns {
        String ADDRESS = "address";
        String BODY = "body";
        String DATE = "date";
        String DATE_SENT = "date_sent";
        String SUBSCRIPTION_ID = "sub_id";
    }

    public static final class Sms implements BaseColumns, TextBasedSmsColumns {
        public static final class Inbox implements BaseColumns, TextBasedSmsColumns {
            public static final Uri CONTENT_URI = null;
        }

        public static final class Intents {
            public static final String SMS_RECEIVED_ACTION = "android.provider.Telephony.SMS_RECEIVED";

            public static SmsMessage[] getMessagesFromIntent(Intent intent) { throw new RuntimeException("Stub!"); }
        }
    }
}
