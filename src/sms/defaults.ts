/** Limits of SMS as the emulator and Android handle them. */
export const smsDefaults = {
  /** Longest phone number the emulator packs into its 16-byte BCD address: 2 digits a byte. */
  maxPhoneDigits: 32,
  /**
   * Concatenated SMS the virtual device holds part of, waiting for the rest; past this the oldest is
   * dropped. Android keeps such parts in its raw table for days; none of them was acknowledged whole.
   */
  maxPendingConcatenations: 1_000,
} as const;
