import Database from 'better-sqlite3';
import { stubDefaults } from './defaults.js';
import { createKeyFilter } from './key-filter.js';
import { acceptedKeysSql, acceptedPageSql, hasSignatureSql, insertRowSql, insertSignatureSql, isAcceptedSql, ledgerSchema, signaturesSql, statsSql } from './ledger-schema.js';
import type { UsedSignatures } from './signature-guard.js';

export type RequestOutcome =
  | 'accepted'
  | 'duplicate'
  | 'bad-request'
  | 'bad-signature'
  /** Signed right, but X-Timestamp is outside the window. */
  | 'stale-signature'
  /** A signature already used: a captured request sent again. */
  | 'replayed'
  | 'fault'
  | 'dropped';

const REJECTED: ReadonlySet<RequestOutcome> = new Set(['bad-request', 'bad-signature', 'stale-signature', 'replayed']);

/** One webhook request as the stub saw it. */
export interface LedgerRow {
  readonly messageId: string | null;
  /** Epoch ms. */
  readonly arrivedAt: number;
  readonly from: string | null;
  readonly text: string | null;
  readonly deviceId: string | null;
  readonly seq: number | null;
  /** The HTTP status given; null when no response was (reset, hang, dropped). */
  readonly status: number | null;
  /** What fired, e.g. `['delay:300', 'status:503']`; empty when nothing did. */
  readonly faults: readonly string[];
  /** Null when no secret is configured or a fault answered before the check. */
  readonly signatureValid: boolean | null;
  readonly outcome: RequestOutcome;
  readonly durationMs: number;
}

/** An accepted key; its payload passed validation, so `from` and `text` are always there. */
export interface AcceptedMessage {
  readonly messageId: string;
  readonly from: string;
  readonly text: string;
  /** Epoch ms of the first accepted request of this key. */
  readonly firstAcceptedAt: number;
  /** 2xx responses given for this key (1 + redeliveries, plus any 2xx status fault). */
  readonly acceptedCount: number;
  /** Every request recorded for this key, faulted and rejected ones included. */
  readonly requestCount: number;
}

export interface StubStats {
  requests: number;
  /** Distinct keys accepted. */
  accepted: number;
  /** 2xx `duplicate` answers: a key delivered again after it was accepted. */
  redeliveries: number;
  /** 400 and 401 from validation (status faults are counted under `faults.status`). */
  rejected4xx: number;
  badSignatures: number;
  /** Correctly signed but too old or too far in the future. */
  staleSignatures: number;
  /** Signatures presented a second time, refused. */
  replays: number;
  /** Requests each kind of fault fired on; `outageDropped` counts requests in flight when an outage began. */
  faults: { status: number; delay: number; reset: number; hang: number; outageDropped: number };
  /** Epoch ms, null before the first request. */
  lastRequestAt: number | null;
}

export interface Ledger {
  /** Queues a row; rows are written in batches (`stubDefaults.ledgerFlushMs`) so the stub never waits on the disk. */
  record(row: LedgerRow): void;
  /** Whether a key was already accepted, rows not yet written included. */
  isAccepted(messageId: string): boolean;
  /** The X-Signatures already used, kept in the ledger's file rather than in memory. */
  readonly signatures: UsedSignatures;
  /** Accepted messages in acceptance order, read page by page. */
  accepted(): IterableIterator<AcceptedMessage>;
  stats(): StubStats;
  flush(): void;
  close(): void;
}

type StatsRow = Omit<StubStats, 'faults'> & StubStats['faults'];

/** Opens (or creates) the stub ledger in a SQLite file, `:memory:` by default. */
export function openLedger(path: string = stubDefaults.ledgerPath, onError: (error: unknown) => void = console.error): Ledger {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // A test ledger: every commit reaches the OS (a crash of smsgw loses nothing), only an OS crash could
  // lose the last rows, and that run is void anyway. OFF skips the fsync of each checkpoint (issue 7).
  db.pragma('synchronous = OFF');
  db.pragma(`cache_size = -${stubDefaults.ledgerCacheKiB}`);
  db.exec(ledgerSchema);
  const insert = db.prepare(insertRowSql);
  const isAcceptedStmt = db.prepare(isAcceptedSql).pluck();
  const acceptedPage = db.prepare<[number, number], AcceptedMessage & { id: number }>(acceptedPageSql);
  const insertSignature = db.prepare(insertSignatureSql);
  const hasSignatureStmt = db.prepare(hasSignatureSql).pluck();
  const insertAll = db.transaction((rows: readonly LedgerRow[], signatures: Iterable<string>) => {
    for (const row of rows) insert.run(toParams(row));
    for (const signature of signatures) insertSignature.run(signature);
  });

  const { status, delay, reset, hang, outageDropped, ...totals } = db.prepare<[], StatsRow>(statsSql).get()!;
  const stats: StubStats = { ...totals, faults: { status, delay, reset, hang, outageDropped } };
  let pending: LedgerRow[] = [];
  const pendingAccepted = new Set<string>();
  const acceptedKeys = createKeyFilter();
  for (const key of db.prepare<[], string>(acceptedKeysSql).pluck().iterate()) acceptedKeys.add(key);
  const pendingSignatures = new Set<string>();
  const usedSignatures = createKeyFilter();
  for (const signature of db.prepare<[], string>(signaturesSql).pluck().iterate()) usedSignatures.add(signature);
  let flushTimer: NodeJS.Timeout | null = null;

  const flush = (): void => {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    if ((pending.length === 0 && pendingSignatures.size === 0) || !db.open) return;
    try {
      insertAll(pending, pendingSignatures);
      pending = [];
      pendingAccepted.clear();
      pendingSignatures.clear();
    } catch (error) {
      onError(error); // kept pending, retried on the next flush
    }
  };

  const schedule = (): void => {
    if (pending.length + pendingSignatures.size >= stubDefaults.ledgerBatchRows) flush();
    // Unref'd: a pending flush never holds the process open; close() writes what is left.
    else flushTimer ??= setTimeout(flush, stubDefaults.ledgerFlushMs).unref();
  };

  return {
    record(row) {
      pending.push(row);
      if (row.outcome === 'accepted' && row.messageId !== null) {
        pendingAccepted.add(row.messageId);
        acceptedKeys.add(row.messageId);
      }
      count(stats, row);
      schedule();
    },
    signatures: {
      has: (signature) => pendingSignatures.has(signature) || (usedSignatures.mayHave(signature) && hasSignatureStmt.get(signature) !== undefined),
      add(signature) {
        pendingSignatures.add(signature);
        usedSignatures.add(signature);
        schedule();
      },
    },
    isAccepted: (messageId) => pendingAccepted.has(messageId) || (acceptedKeys.mayHave(messageId) && isAcceptedStmt.get(messageId) !== undefined),
    *accepted() {
      flush();
      for (let afterId = 0; ; ) {
        const page = acceptedPage.all(afterId, stubDefaults.ledgerPageRows);
        for (const { id: _id, ...message } of page) yield message;
        if (page.length < stubDefaults.ledgerPageRows) return;
        afterId = page[page.length - 1]!.id;
      }
    },
    stats: () => ({ ...stats, faults: { ...stats.faults } }),
    flush,
    close() {
      flush();
      if (db.open) db.close();
    },
  };
}

/** Positional, in `insertRowSql`'s column order: binding an array is cheaper than named parameters. */
const toParams = (row: LedgerRow) => [
  row.messageId,
  row.arrivedAt,
  row.from,
  row.text,
  row.deviceId,
  row.seq,
  row.status,
  row.faults.length > 0 ? row.faults.join(',') : null,
  row.signatureValid === null ? null : Number(row.signatureValid),
  Number(row.outcome === 'accepted'),
  row.durationMs,
  row.outcome,
];

/** Keeps the in-memory counters equal to what `statsSql` would compute over the table. */
function count(stats: StubStats, row: LedgerRow): void {
  stats.requests += 1;
  stats.lastRequestAt = Math.max(stats.lastRequestAt ?? row.arrivedAt, row.arrivedAt);
  if (row.outcome === 'accepted') stats.accepted += 1;
  if (row.outcome === 'duplicate') stats.redeliveries += 1;
  if (REJECTED.has(row.outcome)) stats.rejected4xx += 1;
  if (row.outcome === 'bad-signature') stats.badSignatures += 1;
  if (row.outcome === 'stale-signature') stats.staleSignatures += 1;
  if (row.outcome === 'replayed') stats.replays += 1;
  if (row.faults.length === 0) return;
  const fired = row.faults.join(',');
  if (fired.includes('status:')) stats.faults.status += 1;
  if (fired.includes('delay:')) stats.faults.delay += 1;
  if (fired.includes('reset')) stats.faults.reset += 1;
  if (fired.includes('hang')) stats.faults.hang += 1;
  if (fired.includes('outage')) stats.faults.outageDropped += 1;
}
