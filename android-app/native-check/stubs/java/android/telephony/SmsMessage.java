// Compile-time stub of the Android SDK class (android.jar): only what dev.smsgw.gateway calls.
package android.telephony;

public class SmsMessage {
    private SmsMessage() {}
    public String getOriginatingAddress() { throw new RuntimeException("Stub!"); }
    public String getMessageBody() { throw new RuntimeException("Stub!"); }
    public String getDisplayOriginatingAddress() { throw new RuntimeException("Stub!"); }
    public String getDisplayMessageBody() { throw new RuntimeException("Stub!"); }
    public long getTimestampMillis() { throw new RuntimeException("Stub!"); }
}
