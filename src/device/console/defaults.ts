// Defaults of the emulator console pieces, in one place, with their units in their names.

export const consoleDefaults = {
  /** Loopback only: the real emulator never listens on other interfaces. */
  host: '127.0.0.1',
  /**
   * Longest command line, in bytes without CR/LF. The emulator reads into `char buff[4096]`
   * and keeps one byte for the terminating NUL (android-emu/android/console.cpp).
   */
  maxLineBytes: 4095,
  /** How long the client waits for a connection, the banner, or one command's reply. */
  timeoutMs: 10_000,
  /** Lines a server session may hold unprocessed before it stops reading the socket. */
  maxQueuedLines: 1_000,
  /** After `quit` or an abort, how long a half-closed socket may linger before it is destroyed. */
  lingerMs: 5_000,
  /**
   * Console connections the virtual device serves at once; the next one is told so and closed. The
   * harness holds one connection for a whole run, adb one per command for a moment: even a shell
   * loop of adb commands in the background stays far below this.
   */
  maxConnections: 256,
  /**
   * How long a connection may stay without authenticating (with auth off: without sending a line)
   * before it is told so and closed. adb and the harness authenticate in their first round trip;
   * a person typing the token into telnet has a minute.
   */
  authTimeoutMs: 60_000,
  /** Longest reply line the client accepts before it calls the peer broken. */
  maxReplyLineBytes: 64 * 1024,
} as const;
