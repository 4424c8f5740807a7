import Database from 'better-sqlite3';
import { getLogger, logCaught } from '../logger';
import { stubDefaults } from './defaults';
import { createKeyFilter, type KeyFilter } from './key-filter';
import {
  acceptedKeysSql,
  acceptedPageSql,
  hasSignatureSql,
  insertRowSql,
  insertSignatureSql,
  isAcceptedSql,
  lastIdSql,
  ledgerSchema,
  signaturesSql,
  statsSql,
  insertTlsRefusalSql,
  tlsRefusalCountSql,
} from './ledger-schema';
import type { UsedSignatures } from './signature-guard';

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
  | 'dropped'
  /** A user handler answered it (any status, or a reset), and it was no acceptance of a valid webhook. */
  | 'handler'
  /** A handler threw: answered 500. */
  | 'handler-error';

const REJECTED: ReadonlySet<RequestOutcome> = new Set(['bad-request', 'bad-signature', 'stale-signature', 'replayed']);

/** One request as the stub saw it, and the answer it got, whoever gave it. */
export interface LedgerRow {
  readonly messageId: string | null;
  /** Epoch ms, when the request's body was read and it went to the handlers. */
  readonly arrivedAt: number;
  /** Epoch ms, when the answer was handed to the HTTP server, after every delay; absent or null when none was. */
  readonly answeredAt?: number | null;
  readonly from: string | null;
  readonly text: string | null;
  readonly deviceId: string | null;
  readonly seq: number | null;
  /** The HTTP status given; null when no response was (reset, hang, dropped). */
  readonly status: number | null;
  /** What fired, e.g. `['delay:300', 'status:503']`, `['redirect:301']`; empty when nothing did. */
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
  /** Epoch ms of the first accepted request of this key (its arrival). */
  readonly firstAcceptedAt: number;
  /** Epoch ms its 2xx was handed to the HTTP server; null if it never was (the client went first). */
  readonly firstAnsweredAt: number | null;
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
  /**
   * Requests each kind of fault fired on; `outageDropped` counts requests in flight when an outage began,
   * `redirectFollowed` requests that followed a redirect fault to its target.
   */
  faults: {
    status: number;
    delay: number;
    reset: number;
    hang: number;
    outageDropped: number;
    redirect: number;
    redirectFollowed: number;
  };
  /** Requests a handler threw on (answered 500). */
  handlerErrors: number;
  /**
   * TLS handshakes that did not complete (`tls: self-signed`): a client that refused the stub's
   * certificate, the usual cause, or one that spoke plain HTTP to it. No request of theirs reached a handler.
   */
  tlsRefusals: number;
  /** Epoch ms, null before the first request. */
  lastRequestAt: number | null;
}

export interface Ledger {
  /**
   * Queues a row and returns its id; rows are written in batches (`stubDefaults.ledgerFlushMs`) so the
   * stub never waits on the disk.
   */
  record(row: LedgerRow): number;
  /** Whether a key was already accepted, rows not yet written included. */
  isAccepted(messageId: string): boolean;
  /**
   * Takes the first acceptance of a key: true when nobody had it, and from then on `isAccepted` says
   * so. A handler claims when it decides to answer 2xx, before its row is recorded (after the answer
   * is written), so two concurrent deliveries of a key cannot both be first.
   */
  claim(messageId: string): boolean;
  /** A TLS handshake that did not complete, at `at` (epoch ms), with the client's or OpenSSL's reason. */
  tlsRefused(at: number, reason: string): void;
  /** The TLS handshakes refused so far (`stats().tlsRefusals`). */
  tlsRefusals(): number;
  /** The X-Signatures already used, kept in the ledger's file rather than in memory. */
  readonly signatures: UsedSignatures;
  /** Accepted messages in acceptance order, read page by page. */
  accepted(): IterableIterator<AcceptedMessage>;
  stats(): StubStats;
  flush(): void;
  close(): void;
}

type StatsRow = Omit<StubStats, 'faults' | 'tlsRefusals'> & StubStats['faults'];

/** Opens (or creates) the stub ledger in a SQLite file, `:memory:` by default. */
export function openLedger(
  path: string = stubDefaults.ledgerPath,
  onError: (error: unknown) => void = logCaught(
    getLogger('stub'),
    'could not write ledger rows, kept for the next batch',
  ),
): Ledger {
  const db = openDatabase(path);
  return new SqliteLedger(db, prepareStatements(db), onError);
}

function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // A test ledger: every commit reaches the OS (a crash of smsgw loses nothing), only an OS crash could
  // lose the last rows, and that run is void anyway. OFF skips the fsync of each checkpoint, which cost
  // the stub CPU under load.
  db.pragma('synchronous = OFF');
  db.pragma(`cache_size = -${stubDefaults.ledgerCacheKiB}`);
  db.exec(ledgerSchema);
  return db;
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  const insert = db.prepare(insertRowSql);
  const insertSignature = db.prepare(insertSignatureSql);
  const insertTlsRefusal = db.prepare(insertTlsRefusalSql);
  return {
    isAccepted: db.prepare(isAcceptedSql).pluck(),
    acceptedPage: db.prepare<[number, number], AcceptedMessage & { id: number }>(acceptedPageSql),
    hasSignature: db.prepare(hasSignatureSql).pluck(),
    /** Writes a batch, the signatures and the TLS refusals waiting, in one transaction. */
    insertAll: db.transaction((batch: Batch, signatures: Iterable<string>) => {
      batch.rows.forEach((row, index) => insert.run(toParams(batch.firstId + index, row)));
      for (const [at, reason] of batch.tlsRefusals) insertTlsRefusal.run(at, reason);
      for (const signature of signatures) insertSignature.run(signature);
    }),
  };
}

/** The counters of the rows already in the file. */
function readStats(db: Database.Database): StubStats {
  const { status, delay, reset, hang, outageDropped, redirect, redirectFollowed, ...totals } = db
    .prepare<[], StatsRow>(statsSql)
    .get()!;
  const tlsRefusals = db.prepare<[], number>(tlsRefusalCountSql).pluck().get()!;
  return { ...totals, faults: { status, delay, reset, hang, outageDropped, redirect, redirectFollowed }, tlsRefusals };
}

/** A filter holding every value the query lists (accepted keys, used signatures). */
function loadFilter(db: Database.Database, sql: string): KeyFilter {
  const filter = createKeyFilter();
  for (const value of db.prepare<[], string>(sql).pluck().iterate()) filter.add(value);
  return filter;
}

const emptyBatch = (firstId: number): Batch => ({ firstId, rows: [], tlsRefusals: [] });

/**
 * The ledger over its SQLite file. Rows and signatures wait in memory until the next batch is written;
 * every question is answered from memory first, then from the file.
 */
class SqliteLedger implements Ledger {
  private readonly counters: StubStats;
  // The rows waiting to be written have consecutive ids from `pending.firstId`.
  private nextId: number;
  private pending: Batch;
  private readonly pendingAccepted = new Set<string>();
  private readonly acceptedKeys: KeyFilter;
  private readonly pendingSignatures = new Set<string>();
  private readonly usedSignatures: KeyFilter;
  private flushTimer: NodeJS.Timeout | null = null;

  readonly signatures: UsedSignatures = {
    has: (signature) =>
      this.pendingSignatures.has(signature) ||
      (this.usedSignatures.mayHave(signature) && this.statements.hasSignature.get(signature) !== undefined),
    add: (signature) => {
      this.pendingSignatures.add(signature);
      this.usedSignatures.add(signature);
      this.schedule();
    },
  };

  constructor(
    private readonly db: Database.Database,
    private readonly statements: Statements,
    private readonly onError: (error: unknown) => void,
  ) {
    this.counters = readStats(db);
    this.nextId = db.prepare<[], number>(lastIdSql).pluck().get()! + 1;
    this.pending = emptyBatch(this.nextId);
    this.acceptedKeys = loadFilter(db, acceptedKeysSql);
    this.usedSignatures = loadFilter(db, signaturesSql);
  }

  record(row: LedgerRow): number {
    // Numbered before `schedule`, which may write the batch and start the next one after this id.
    const id = this.nextId++;
    this.pending.rows.push(row);
    if (row.outcome === 'accepted' && row.messageId !== null) this.markAccepted(row.messageId);
    count(this.counters, row);
    this.schedule();
    return id;
  }

  claim(messageId: string): boolean {
    if (this.isAccepted(messageId)) return false;
    this.markAccepted(messageId);
    return true;
  }

  tlsRefused(at: number, reason: string): void {
    this.pending.tlsRefusals.push([at, reason]);
    this.counters.tlsRefusals += 1;
    this.schedule();
  }

  tlsRefusals(): number {
    return this.counters.tlsRefusals;
  }

  private markAccepted(messageId: string): void {
    this.pendingAccepted.add(messageId);
    this.acceptedKeys.add(messageId);
  }

  isAccepted(messageId: string): boolean {
    return (
      this.pendingAccepted.has(messageId) ||
      (this.acceptedKeys.mayHave(messageId) && this.statements.isAccepted.get(messageId) !== undefined)
    );
  }

  *accepted(): IterableIterator<AcceptedMessage> {
    this.flush();
    for (let afterId = 0; ;) {
      const page = this.statements.acceptedPage.all(afterId, stubDefaults.ledgerPageRows);
      for (const { id: _id, ...message } of page) yield message;
      if (page.length < stubDefaults.ledgerPageRows) return;
      afterId = page[page.length - 1]!.id;
    }
  }

  stats(): StubStats {
    return { ...this.counters, faults: { ...this.counters.faults } };
  }

  flush(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if ((this.waiting() === 0 && this.pendingSignatures.size === 0) || !this.db.open) return;
    try {
      this.statements.insertAll(this.pending, this.pendingSignatures);
      this.pending = emptyBatch(this.nextId);
      this.pendingAccepted.clear();
      this.pendingSignatures.clear();
    } catch (error) {
      this.onError(error); // kept pending, retried on the next flush
    }
  }

  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }

  private waiting(): number {
    return this.pending.rows.length + this.pending.tlsRefusals.length;
  }

  private schedule(): void {
    if (this.waiting() + this.pendingSignatures.size >= stubDefaults.ledgerBatchRows) this.flush();
    // Unref'd: a pending flush never holds the process open; close() writes what is left.
    else this.flushTimer ??= setTimeout(() => this.flush(), stubDefaults.ledgerFlushMs).unref();
  }
}

/** What waits to be written: rows numbered on from `firstId`, and TLS refusals. */
interface Batch {
  readonly firstId: number;
  readonly rows: LedgerRow[];
  /** `[at, reason]` of each handshake refused. */
  readonly tlsRefusals: [number, string][];
}

/** Positional, in `insertRowSql`'s column order: binding an array is cheaper than named parameters. */
const toParams = (id: number, row: LedgerRow) => [
  id,
  row.messageId,
  row.arrivedAt,
  row.answeredAt ?? null,
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
  if (row.outcome === 'handler-error') stats.handlerErrors += 1;
  if (row.faults.length === 0) return;
  const fired = row.faults.join(',');
  if (fired.includes('status:')) stats.faults.status += 1;
  if (fired.includes('delay:')) stats.faults.delay += 1;
  if (fired.includes('reset')) stats.faults.reset += 1;
  if (fired.includes('hang')) stats.faults.hang += 1;
  if (fired.includes('outage')) stats.faults.outageDropped += 1;
  if (fired.includes('redirect:')) stats.faults.redirect += 1;
  if (fired.includes('redirect-followed')) stats.faults.redirectFollowed += 1;
}
