// What sends SMS (and other commands) to an emulator console, whichever way it goes: a TCP `ConsoleClient`, adb's `emu`
// (`sendSmsViaAdb`), or the injector's `ReconnectingConsole`, which holds one of the others at a time.

export interface ConsoleLink {
  /** Resolves on the console's `OK`; rejects with `ConsoleReplyError` on `KO`. */
  sendSms(sender: string, text: string): Promise<void>;
  /**
   * Runs one console command other than an SMS (`network delay umts`): resolves with the lines before
   * its OK, rejects with `ConsoleReplyError` on KO.
   */
  command(line: string): Promise<readonly string[]>;
  /** Lets outstanding sends finish, then hangs up. */
  close(): Promise<void>;
  /** Drops the connection now; outstanding sends reject. */
  destroy(): void;
}
