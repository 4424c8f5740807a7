// Recovers SMS the phone stored but the app never captured: those that arrived while it was force-
// stopped, or whose broadcast died with the app before its receiver committed. The phone's SMS store
// keeps them whatever happened to the app; a scan reads it since its checkpoint and pairs each store
// row with one capture of the receiver, by content, since a broadcast does not carry the store's row
// id. A store row no capture pairs with is missing: it goes into the inbox once, as a new capture.
// Identical SMS (same sender, text and SMSC second) are as many store rows as captures, so pairing one
// capture per row keeps each of them exactly once.
import type { RecoveryLedger, RecoverySettlement, SmsStoreReader, StoreSms, UnpairedCapture } from './native-ports';

export interface RecoveryOptions {
  /** Store rows read at a time. */
  readonly pageSize: number;
  /**
   * Store rows younger than this wait for the next scan: their broadcast may still be on its way to
   * the receiver, and recovering them now would capture them twice.
   */
  readonly settleMs: number;
  /** Most unpaired captures one page is matched against. */
  readonly maxUnpaired: number;
  readonly now: () => number;
}

export interface RecoveryResult {
  /** SMS the scan put into the inbox. */
  readonly recovered: number;
  /** Captures the scan matched with their store rows. */
  readonly paired: number;
  /** Where the next scan starts. */
  readonly checkpoint: number;
  /** The first scan on this phone only sets the checkpoint: older SMS predate the app. */
  readonly firstScan: boolean;
}

type ContentKey = string;

const contentKey = (sms: { sender: string; smscTimestamp: number; body: string }): ContentKey =>
  `${sms.sender}\u0000${sms.smscTimestamp}\u0000${sms.body}`;

/** The unpaired captures by content, each list oldest first. */
function byContent(captures: readonly UnpairedCapture[]): Map<ContentKey, number[]> {
  const index = new Map<ContentKey, number[]>();
  for (const capture of captures) {
    const key = contentKey(capture);
    const list = index.get(key);
    if (list) list.push(capture.captureSeq);
    else index.set(key, [capture.captureSeq]);
  }
  return index;
}

/**
 * Pairs one page of store rows, oldest first, with the captures; stops before the first row younger
 * than `settledBefore`, so the checkpoint never passes a row whose broadcast may still come.
 */
export function settlePage(
  rows: readonly StoreSms[],
  captures: readonly UnpairedCapture[],
  from: number,
  settledBefore: number,
): RecoverySettlement & { readonly waiting: boolean } {
  const unpaired = byContent(captures);
  const paired: number[] = [];
  const missing: StoreSms[] = [];
  let checkpoint = from;
  for (const row of rows) {
    if (row.receivedAt > settledBefore) return { paired, missing, checkpoint, waiting: true };
    const captureSeq = unpaired.get(contentKey(row))?.shift();
    if (captureSeq === undefined) missing.push(row);
    else paired.push(captureSeq);
    checkpoint = row.storeId;
  }
  return { paired, missing, checkpoint, waiting: false };
}

/**
 * Android's SMS table reuses the highest row id once that row is deleted (a plain INTEGER PRIMARY
 * KEY). A store whose newest row is below the checkpoint lost its newest rows, and the next SMS will
 * take one of their ids: the checkpoint comes back down to the newest row so that SMS is scanned.
 * (A row deleted and its id reused between two scans cannot be told from the row itself.)
 */
async function rewindPastDeletedRows(store: SmsStoreReader, ledger: RecoveryLedger, checkpoint: number) {
  const newest = await store.newestId();
  if (newest >= checkpoint) return checkpoint;
  await ledger.startAt(newest);
  return newest;
}

/** Scans the SMS store since the checkpoint, page by page; each page is settled in one transaction. */
export async function recoverMissedSms(
  store: SmsStoreReader,
  ledger: RecoveryLedger,
  options: RecoveryOptions,
): Promise<RecoveryResult> {
  const start = await ledger.checkpoint();
  if (start === null) {
    const newest = await store.newestId();
    await ledger.startAt(newest);
    return { recovered: 0, paired: 0, checkpoint: newest, firstScan: true };
  }
  let checkpoint = await rewindPastDeletedRows(store, ledger, start);
  let recovered = 0;
  let paired = 0;
  // Ends: each round either moves the checkpoint forward over rows that exist, or stops.
  for (;;) {
    const rows = await store.after(checkpoint, options.pageSize);
    // Read after the page: every capture committed before the page was read takes part.
    const captures = await ledger.unpaired(options.maxUnpaired);
    const page = settlePage(rows, captures, checkpoint, options.now() - options.settleMs);
    if (page.checkpoint === checkpoint) break;
    await ledger.settle({ paired: page.paired, missing: page.missing, checkpoint: page.checkpoint });
    recovered += page.missing.length;
    paired += page.paired.length;
    checkpoint = page.checkpoint;
    if (page.waiting || rows.length < options.pageSize) break;
  }
  return { recovered, paired, checkpoint, firstScan: false };
}
