// Matches every SMS the harness injected to what the stub server accepted. The device mints its own
// messageIds, so the link is the content: (sender, text) pairs, matched as multisets in time order,
// compared byte for byte (SQLite's BINARY collation). Identical SMS are distinct SMS: three identical
// texts injected need three acceptances under three keys. It runs as SQL over the injection log and
// the stub's ledger, so tracing a soak of millions of SMS never holds them in memory. An acceptance
// counts from the moment the server's 2xx was written (`answered_at`), after any delay it added.
import type Database from 'better-sqlite3';
import { judgeDefaults } from './defaults';
import type { InjectionStore } from '../injection/injection-store';

/** One acknowledged SMS and what became of it: a line of trace.jsonl. */
export interface TracedMessage {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  readonly injectedAt: number;
  /** The idempotency key the server first accepted it under; null when never accepted. */
  readonly messageId: string | null;
  readonly acceptedAt: number | null;
  /** Injection to first 2xx, ms; null when never accepted. */
  readonly latencyMs: number | null;
  /** Requests the server saw for its key, faulted and refused ones included. */
  readonly requests: number;
}

/** An accepted text that equals no injected text, beside the lost SMS of its sender nearest in time. */
export interface CorruptedText {
  readonly sender: string | null;
  readonly accepted: string;
  /** What that sender's nearest lost SMS said; null when the sender lost nothing. */
  readonly injected: string | null;
}

/** A sample of the SMS that never reached the server; `unanswered` when the device never answered it either. */
export interface LostSample {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  readonly unanswered?: true;
}

export interface TraceResult {
  readonly delivered: number;
  /** Acknowledged but never accepted. */
  readonly lost: number;
  /** Unanswered SMS (no reply from the device, no ordered kill to excuse it) that the server accepted once. */
  readonly unansweredDelivered: number;
  /** Unanswered SMS the server never accepted: sampled with the lost ones. */
  readonly unansweredLost: number;
  /** Injected SMS whose sender and text equal an earlier injected SMS (`messages.repeats`), any answer. */
  readonly repeats: number;
  /** Accepted under a second key: the server would act twice. */
  readonly duplicates: number;
  /** Accepted again under the same key, deduped by the server. */
  readonly redeliveries: number;
  /** In-doubt SMS (sent, never answered) that the server accepted once: fine either way. */
  readonly inDoubtDelivered: number;
  /** Accepted texts that equal no injected text byte for byte (mangled on the way, or never sent). */
  readonly corrupted: number;
  readonly corruptedSamples: readonly CorruptedText[];
  /** Injection to first 2xx of every delivered SMS, ms, ascending. */
  readonly latenciesMs: Float64Array;
  readonly lostSamples: readonly LostSample[];
  /**
   * The same figures for each device of a fleet, by its number (from 1), when asked for: each SMS is
   * counted on the device it was injected into. Each device has senders of its own, so a content
   * (sender, text) belongs to one device; an accepted text nobody injected belongs to none and is
   * counted in the fleet's `corrupted` alone.
   */
  readonly devices?: ReadonlyMap<number, DeviceTrace>;
}

/** One device's share of a fleet's trace. */
export type DeviceTrace = Omit<TraceResult, 'repeats' | 'redeliveries' | 'corrupted' | 'corruptedSamples' | 'devices'>;

const SAMPLES = { lost: 100, corrupted: 3 } as const;

/**
 * The first acceptance of every key, numbered within its content in arrival order, and the
 * acknowledged injections numbered the same way: the n-th injection of a text meets its n-th acceptance.
 */
const matched = (acceptances: string): string => `
WITH acc AS (
  SELECT message_id, sender, text, COALESCE(answered_at, arrived_at) AS arrived_at,
    ROW_NUMBER() OVER (PARTITION BY sender, text ORDER BY COALESCE(answered_at, arrived_at), id) AS nth
  FROM ${acceptances} WHERE first = 1
), inj AS (
  SELECT idx, sender, text, injected_at, ROW_NUMBER() OVER (PARTITION BY sender, text ORDER BY injected_at, idx) AS nth
  FROM injections WHERE state = 'acknowledged'
)
SELECT inj.idx, inj.sender, inj.text, inj.injected_at, acc.message_id, acc.arrived_at
FROM inj LEFT JOIN acc ON acc.sender = inj.sender AND acc.text = inj.text AND acc.nth = inj.nth`;

/** How the device answered an injection, as the trace's stream numbers it. */
const ANSWER = { acknowledged: 0, inDoubt: 1, unanswered: 2 } as const;

/**
 * Both sides of every content, in one stream sorted by content, side and time: acknowledged,
 * in-doubt and unanswered injections first, then the first acceptance of every key. Sorting spills to temporary
 * files beyond the page cache, so the trace's memory stays the same at a thousand SMS or a million;
 * window functions and joins over the whole run built temporary tables of up to 16 MB each, and the
 * harness kept that memory after every checkpoint.
 */
const byContent = (acceptances: string, device: 'device' | '1'): string => `
SELECT sender, text, 0 AS side, injected_at AS at, idx AS n,
  CASE state WHEN 'in-doubt' THEN ${ANSWER.inDoubt} WHEN 'unanswered' THEN ${ANSWER.unanswered} ELSE ${ANSWER.acknowledged} END AS answer,
  ${device} AS device
FROM injections WHERE state IN ('acknowledged', 'in-doubt', 'unanswered')
UNION ALL
SELECT sender, text, 0, injected_at, idx, ${ANSWER.inDoubt}, ${device} FROM temp.in_flight
UNION ALL
SELECT sender, text, 1, COALESCE(answered_at, arrived_at), id, 0, 0 FROM ${acceptances} WHERE first = 1
ORDER BY 1, 2, 3, 4, 5`;

/** Every injection beyond the first of its content, whatever the device answered. */
const repeatsSql = `SELECT COUNT(*) - (SELECT COUNT(*) FROM (SELECT DISTINCT sender, text FROM injections)) AS repeats FROM injections`;

const strays = (acceptances: string): string => `
SELECT f.sender, f.text AS accepted, (
  SELECT l.text FROM (${matched(acceptances)}) l
  WHERE l.sender = f.sender AND l.message_id IS NULL ORDER BY ABS(l.injected_at - f.arrived_at) LIMIT 1
) AS injected
FROM ${acceptances} f
WHERE f.first = 1 AND NOT EXISTS (
  SELECT 1 FROM injections i WHERE i.sender = f.sender AND i.text = f.text AND i.state IN ('acknowledged', 'in-doubt')
)
ORDER BY f.id LIMIT ${SAMPLES.corrupted}`;

/** 2xx answers to keys already accepted; each key is looked up on the message_id index, not gathered in memory. */
const redeliveriesSql = (acceptances: string): string => `
SELECT COALESCE(SUM(r.status BETWEEN 200 AND 299), 0) - (SELECT COUNT(*) FROM ${acceptances} WHERE first = 1) AS redeliveries
FROM ${acceptances} r WHERE r.message_id IS NOT NULL AND EXISTS (SELECT 1 FROM ${acceptances} f WHERE f.message_id = r.message_id AND f.first = 1)`;

/** The ledger's table when the stub got to open one, else an empty stand-in of the same shape. */
const NO_LEDGER =
  '(SELECT 0 AS id, NULL AS message_id, NULL AS sender, NULL AS text, 0 AS arrived_at, NULL AS answered_at, 0 AS first, NULL AS status WHERE 0)';

/**
 * The trace's statements, prepared once per connection. better-sqlite3 frees a statement only when
 * its JS object is garbage collected, and V8 does not see the native memory behind it: a trace at
 * every checkpoint left about 10 MB of compiled window-function queries waiting for a major GC.
 */
const preparedStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared<Row>(db: Database.Database, sql: string): Database.Statement<[], Row> {
  let statements = preparedStatements.get(db);
  if (statements === undefined) {
    statements = new Map();
    preparedStatements.set(db, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as Database.Statement<[], Row>;
}

function acceptancesOf(db: Database.Database, ledgerPath: string | null): string {
  if (ledgerPath === null) return NO_LEDGER;
  const attached = prepared<{ name: string }>(db, 'PRAGMA database_list')
    .all()
    .some((entry) => entry.name === 'ledger');
  if (!attached) {
    db.prepare('ATTACH DATABASE ? AS ledger').run(ledgerPath);
    db.pragma(`ledger.cache_size = -${judgeDefaults.ledgerCacheKiB}`);
  }
  const hasTable =
    prepared(db, "SELECT 1 FROM ledger.sqlite_master WHERE type = 'table' AND name = 'stub_requests'").get() !==
    undefined;
  return hasTable ? 'ledger.stub_requests' : NO_LEDGER;
}

interface MatchedRow {
  readonly idx: number;
  readonly sender: string;
  readonly text: string;
  readonly injected_at: number;
  readonly message_id: string | null;
  readonly arrived_at: number | null;
}

/** Sender and text are null only on an acceptance whose payload lacked them (a corrupted text). */
type ContentRow = [
  sender: string | null,
  text: string | null,
  side: 0 | 1,
  at: number,
  n: number,
  answer: (typeof ANSWER)[keyof typeof ANSWER],
  /** The device an injection went to, from 1; 0 on an acceptance. */
  device: number,
];

/** The injections of one content, by how the device answered them; times and indexes in time order. */
interface ContentInjections {
  readonly acknowledgedAt: number[];
  readonly acknowledgedIndexes: number[];
  inDoubt: number;
  readonly unansweredIndexes: number[];
  /** The device they went to (a content is one device's, its senders its own); null with none. */
  device: number | null;
}
const noInjections = (): ContentInjections => ({
  acknowledgedAt: [],
  acknowledgedIndexes: [],
  inDoubt: 0,
  unansweredIndexes: [],
  device: null,
});

/** What the trace has found so far, content by content. */
class Tally {
  delivered = 0;
  lost = 0;
  duplicates = 0;
  inDoubtDelivered = 0;
  unansweredDelivered = 0;
  unansweredLost = 0;
  corrupted = 0;
  readonly latencies: number[] = [];
  /** The lost SMS with the lowest load-plan indexes, up to `SAMPLES.lost` once trimmed. */
  lostSamples: LostSample[] = [];

  /**
   * One content (sender, text), counted by multiplicity: the n-th acknowledged injection meets the
   * n-th acceptance; acceptances beyond the acknowledged injections are deliveries of unanswered
   * SMS, then of in-doubt ones, and only beyond those duplicates; a content nobody injected is a
   * corrupted text.
   */
  add(sender: string | null, text: string | null, injections: ContentInjections, accepted: readonly number[]): void {
    const { acknowledgedAt, acknowledgedIndexes, inDoubt, unansweredIndexes } = injections;
    const matched = Math.min(acknowledgedAt.length, accepted.length);
    for (let i = 0; i < matched; i += 1) this.latencies.push(Math.max(0, accepted[i]! - acknowledgedAt[i]!));
    this.delivered += matched;
    if (acknowledgedAt.length + inDoubt + unansweredIndexes.length === 0) {
      this.corrupted += accepted.length;
      return;
    }
    // Injections always have both, so a content with a null in it has nothing to lose.
    const content = sender !== null && text !== null ? { sender, text } : null;
    for (let i = matched; i < acknowledgedAt.length; i += 1) this.noteLost(content, acknowledgedIndexes[i]!, false);
    let extra = Math.max(0, accepted.length - acknowledgedAt.length);
    const unansweredDelivered = Math.min(extra, unansweredIndexes.length);
    extra -= unansweredDelivered;
    this.unansweredDelivered += unansweredDelivered;
    for (let i = unansweredDelivered; i < unansweredIndexes.length; i += 1)
      this.noteLost(content, unansweredIndexes[i]!, true);
    const inDoubtDelivered = Math.min(extra, inDoubt);
    this.inDoubtDelivered += inDoubtDelivered;
    this.duplicates += extra - inDoubtDelivered;
  }

  private noteLost(content: { sender: string; text: string } | null, index: number, unanswered: boolean): void {
    if (unanswered) this.unansweredLost += 1;
    else this.lost += 1;
    if (content === null) return;
    this.lostSamples.push(unanswered ? { index, ...content, unanswered: true } : { index, ...content });
    if (this.lostSamples.length >= 2 * SAMPLES.lost) this.lostSamples = this.trimmedSamples();
  }

  trimmedSamples(): LostSample[] {
    return this.lostSamples.sort((a, b) => a.index - b.index).slice(0, SAMPLES.lost);
  }

  result(): DeviceTrace {
    return {
      delivered: this.delivered,
      lost: this.lost,
      unansweredDelivered: this.unansweredDelivered,
      unansweredLost: this.unansweredLost,
      duplicates: this.duplicates,
      inDoubtDelivered: this.inDoubtDelivered,
      latenciesMs: Float64Array.from(this.latencies).sort(),
      lostSamples: this.trimmedSamples(),
    };
  }
}

/** The fleet's tally, and each device's when asked for: a content counts on the device its injections went to. */
class FleetTally {
  readonly fleet = new Tally();
  private readonly byDevice = new Map<number, Tally>();

  constructor(private readonly perDevice: boolean) {}

  add(sender: string | null, text: string | null, injections: ContentInjections, accepted: readonly number[]): void {
    this.fleet.add(sender, text, injections, accepted);
    if (!this.perDevice || injections.device === null) return;
    let tally = this.byDevice.get(injections.device);
    if (tally === undefined) {
      tally = new Tally();
      this.byDevice.set(injections.device, tally);
    }
    tally.add(sender, text, injections, accepted);
  }

  devices(): Pick<TraceResult, 'devices'> {
    if (!this.perDevice) return {};
    const sorted = [...this.byDevice].sort(([a], [b]) => a - b);
    return { devices: new Map(sorted.map(([device, tally]) => [device, tally.result()])) };
  }
}

/** One injection of the content being read, by how the device answered it. */
function noteInjection(injections: ContentInjections, [, , , at, n, answer, device]: ContentRow): void {
  // Each device has senders of its own: one content sent to two devices cannot be split between them.
  if ((injections.device ??= device) !== device)
    throw new Error(
      `the same SMS went to devices ${injections.device} and ${device}: the trace cannot tell them apart`,
    );
  if (answer === ANSWER.inDoubt) injections.inDoubt += 1;
  else if (answer === ANSWER.unanswered) injections.unansweredIndexes.push(n);
  else {
    injections.acknowledgedAt.push(at);
    injections.acknowledgedIndexes.push(n);
  }
}

/**
 * Traces a run: `ledgerPath` is the stub's ledger file (flushed by the caller), null when the stub
 * never started. Reads one content at a time; only the latencies (8 bytes per delivered SMS, twice
 * with `perDevice`) are kept. `perDevice`: each device's figures too, for a fleet (its log has the
 * `device` column a fleet's injections are recorded with).
 */
export function traceRun(
  store: Pick<InjectionStore, 'db' | 'prepareTrace'>,
  ledgerPath: string | null,
  { perDevice = false }: { readonly perDevice?: boolean } = {},
): TraceResult {
  // Mid-run, an SMS may be accepted before its OK is back: counted in doubt until its answer is.
  store.prepareTrace();
  const acceptances = acceptancesOf(store.db, ledgerPath);
  const tallies = new FleetTally(perDevice);
  const tally = tallies.fleet;
  let started = false;
  let sender: string | null = null;
  let text: string | null = null;
  let injections = noInjections();
  let accepted: number[] = [];
  const endContent = (): void => {
    if (!started) return;
    tallies.add(sender, text, injections, accepted);
    injections = noInjections();
    accepted = [];
  };
  for (const row of prepared<ContentRow>(store.db, byContent(acceptances, perDevice ? 'device' : '1'))
    .raw()
    .iterate() as IterableIterator<ContentRow>) {
    const [rowSender, rowText, side, at] = row;
    if (!started || rowSender !== sender || rowText !== text) {
      endContent();
      started = true;
      sender = rowSender;
      text = rowText;
    }
    if (side === 1) accepted.push(at);
    else noteInjection(injections, row);
  }
  endContent();
  const corruptedSamples = tally.corrupted === 0 ? [] : prepared<CorruptedText>(store.db, strays(acceptances)).all();
  const { redeliveries } = prepared<{ redeliveries: number }>(store.db, redeliveriesSql(acceptances)).get()!;
  const { repeats } = prepared<{ repeats: number }>(store.db, repeatsSql).get()!;
  return {
    delivered: tally.delivered,
    lost: tally.lost,
    unansweredDelivered: tally.unansweredDelivered,
    unansweredLost: tally.unansweredLost,
    repeats,
    duplicates: tally.duplicates,
    redeliveries,
    inDoubtDelivered: tally.inDoubtDelivered,
    corrupted: tally.corrupted,
    corruptedSamples,
    latenciesMs: Float64Array.from(tally.latencies).sort(),
    lostSamples: tally.trimmedSamples(),
    ...tallies.devices(),
  };
}

/** Every acknowledged SMS in load order with its delivery, one at a time (for trace.jsonl). */
export function* tracedMessages(
  store: Pick<InjectionStore, 'db' | 'flush'>,
  ledgerPath: string | null,
): Generator<TracedMessage> {
  store.flush();
  const acceptances = acceptancesOf(store.db, ledgerPath);
  const requests =
    acceptances === NO_LEDGER ? '0' : `(SELECT COUNT(*) FROM ${acceptances} r WHERE r.message_id = m.message_id)`;
  const sql = `SELECT m.*, ${requests} AS requests FROM (${matched(acceptances)}) m ORDER BY m.idx`;
  for (const row of prepared<MatchedRow & { requests: number }>(store.db, sql).iterate()) {
    yield {
      index: row.idx,
      sender: row.sender,
      text: row.text,
      injectedAt: row.injected_at,
      messageId: row.message_id,
      acceptedAt: row.arrived_at,
      latencyMs: row.arrived_at === null ? null : Math.max(0, row.arrived_at - row.injected_at),
      requests: row.message_id === null ? 0 : row.requests,
    };
  }
}
