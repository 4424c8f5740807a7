// What `dedupe-content` remembers: the contents (sender and text) stored within a time window, bounded
// in number so a fast load cannot grow it without end.
import { contentKey } from './content-key';

export class RecentContents {
  /** Content key → when it was last stored; in insertion order, which is time order (see remember). */
  private readonly storedAt = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries: number,
  ) {}

  /** Whether an SMS with this sender and text was stored less than the window before `now`. */
  has(sender: string, text: string, now: number): boolean {
    this.expire(now);
    const at = this.storedAt.get(contentKey(sender, text));
    return at !== undefined && now - at < this.windowMs;
  }

  /** Notes that this content was stored at `now`. */
  remember(sender: string, text: string, now: number): void {
    const key = contentKey(sender, text);
    // Deleted first, so the key moves to the end and the map stays in time order.
    this.storedAt.delete(key);
    this.storedAt.set(key, now);
    this.expire(now);
    for (const oldest of this.storedAt.keys()) {
      if (this.storedAt.size <= this.maxEntries) break;
      this.storedAt.delete(oldest);
    }
  }

  get size(): number {
    return this.storedAt.size;
  }

  private expire(now: number): void {
    for (const [key, at] of this.storedAt) {
      if (now - at < this.windowMs) break;
      this.storedAt.delete(key);
    }
  }
}
