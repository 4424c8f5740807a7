/** The highest of the readings noted so far, over every process a device has run; null before any. */
export class RunningPeak {
  private peak: number | null = null;

  /** Keeps `bytes` when it is the highest so far; an unreadable (null) reading changes nothing. */
  note(bytes: number | null): void {
    if (bytes !== null && (this.peak === null || bytes > this.peak)) this.peak = bytes;
  }

  get bytes(): number | null {
    return this.peak;
  }
}
