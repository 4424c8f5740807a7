// Joins the parts of concatenated SMS as Android does: by originating address, reference and part
// count, whatever order the parts come in; one SMS comes out when its last missing part arrives.
import { smsDefaults } from './defaults';
import type { DeliverPart } from './sms-pdu';

/** A whole SMS, ready to store. */
export interface WholeSms {
  readonly sender: string;
  readonly text: string;
}

interface Pending {
  readonly texts: Array<string | undefined>;
  received: number;
}

export class SmsReassembler {
  /** In arrival order of each SMS's first part, so the oldest is evicted first. */
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly maxPending: number = smsDefaults.maxPendingConcatenations) {}

  /** Parts held, across every SMS still incomplete. */
  get heldParts(): number {
    let count = 0;
    for (const entry of this.pending.values()) count += entry.received;
    return count;
  }

  /** The whole SMS when `part` completes it (or is a single SMS), else null. */
  add(part: DeliverPart): WholeSms | null {
    const { concat } = part;
    if (concat === null || concat.total === 1) return { sender: part.sender, text: part.text };
    const key = `${part.sender}\u0000${concat.reference}\u0000${concat.total}`;
    let entry = this.pending.get(key);
    const held = entry?.texts[concat.sequence - 1];
    if (held === part.text) return null; // the same part again: a network retransmission
    if (entry === undefined || held !== undefined) {
      // A different text at a place already filled is a new SMS that reuses the reference: start over.
      this.pending.delete(key);
      if (this.pending.size >= this.maxPending) this.pending.delete(this.pending.keys().next().value!);
      entry = { texts: new Array<string | undefined>(concat.total).fill(undefined), received: 0 };
      this.pending.set(key, entry);
    }
    entry.texts[concat.sequence - 1] = part.text;
    entry.received += 1;
    if (entry.received < concat.total) return null;
    this.pending.delete(key);
    return { sender: part.sender, text: entry.texts.join('') };
  }
}
