// What sends SMS to an emulator console, whichever way it goes: a TCP `ConsoleClient`, adb's `emu`
// (`sendSmsViaAdb`), or the injector's `ReconnectingConsole`, which holds one of the others at a time.

export interface ConsoleLink {
  /** Resolves on the console's `OK`; rejects with `ConsoleReplyError` on `KO`. */
  sendSms(sender: string, text: string): Promise<void>;
  /** Lets outstanding sends finish, then hangs up. */
  close(): Promise<void>;
  /** Drops the connection now; outstanding sends reject. */
  destroy(): void;
}
