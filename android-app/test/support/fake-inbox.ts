// The Kotlin inbox (SmsgwInbox) as a test double: rows in memory, acknowledge deletes them.
import type { InboxRow, NativeInbox } from '../../src/services/native-ports';

export class FakeInbox implements NativeInbox {
  readonly rows = new Map<number, InboxRow>();
  readonly acknowledged: number[][] = [];
  /** Called inside acknowledge(), before the rows go: a test asserts they are committed by then. */
  onAcknowledge: (ids: number[]) => void = () => {};
  /** When set, acknowledge() rejects with it (the native side failed after the engine committed). */
  failAcknowledge: Error | null = null;
  /** When false, acknowledge() resolves without deleting (a broken native side). */
  deletes = true;

  add(...rows: InboxRow[]): this {
    for (const row of rows) this.rows.set(row.id, row);
    return this;
  }

  async pending(limit: number): Promise<InboxRow[]> {
    return [...this.rows.values()].sort((a, b) => a.id - b.id).slice(0, limit);
  }

  async acknowledge(ids: number[]): Promise<void> {
    this.onAcknowledge(ids);
    if (this.failAcknowledge) throw this.failAcknowledge;
    this.acknowledged.push([...ids]);
    if (this.deletes) for (const id of ids) this.rows.delete(id);
  }
}

let next = 0;

/** A distinct inbox row each call. */
export function inboxRow(overrides: Partial<InboxRow> = {}): InboxRow {
  next++;
  return {
    id: next,
    sender: `+46701${String(next).padStart(6, '0')}`,
    body: `inbox message ${next}`,
    parts: 1,
    smscTimestamp: Date.UTC(2025, 5, 15, 11, 0, 0) + next,
    simSlot: 0,
    receivedAt: Date.UTC(2025, 5, 15, 11, 0, 1) + next,
    ...overrides,
  };
}
