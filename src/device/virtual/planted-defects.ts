// How the virtual device carries out its planted defects (defects.ts says which): when a rate-based
// defect strikes, which contents are refused or deduplicated, when memory spikes, and the transport
// wrapper for the ones that live on the wire (latency, leak, skip-signature), and the HTTP client's own
// flaws (follow-redirects, ignore-tls). virtual-app.ts only asks these questions, builds its client
// with those flaws and wraps it.
import type { HttpRequest, HttpTransport } from '../../../android-app/src/engine/ports';
import { createRandom, deriveSeed, type SeededRandom } from '../../sms/random';
import { contentKey } from './content-key';
import { virtualDeviceDefaults as defaults } from './defaults';
import type { Defect, RateDefectKind } from './defects';
import { spikeMemory } from './memory-spike';
import type { NodeHttpTransportOptions } from './node-http-transport';
import { RecentContents } from './recent-contents';

/** Rate defects struck per event; `refuse` is struck per content instead (see `refuses`). */
export type EventDefectKind = Exclude<RateDefectKind, 'refuse'>;

export interface PlantedDefects {
  /** Whether this event (an SMS for drop/duplicate/mangle/hang, a screen read for wrong-dashboard) is struck. */
  hits(kind: EventDefectKind): boolean;
  /**
   * Whether this SMS is refused (`refuse`). Struck by content: a new content counts as one event of
   * the evenly spaced strikes, and a struck content is remembered, so the harness's retries of the
   * same sender and text are refused every time without counting as new events.
   */
  refuses(sender: string, text: string): boolean;
  /** Whether `dedupe-content` drops this SMS: the same sender and text were stored within its window. */
  dedupes(sender: string, text: string): boolean;
  /**
   * Notes an SMS the device stored: its content for `dedupe-content`, and its count for `spike`,
   * which strikes on the `spikeAtStoredSms`-th. Returns the spike it set off, to wait for; null when
   * there is none, so the console's intake awaits nothing extra per SMS.
   */
  stored(sender: string, text: string): Promise<void> | null;
  /** The transport with latency, leak and skip-signature applied; the same transport when none is planted. */
  wrapTransport(transport: HttpTransport): HttpTransport;
}

export interface PlantOptions {
  /** Clock of the dedupe window, ms; monotonic by default. */
  readonly now?: () => number;
  /** Makes the spike's memory resident and frees it; the real allocation by default. */
  readonly spike?: (bytes: number) => Promise<void>;
}

/**
 * Strikes exactly `rate` of the events, evenly spaced from a seeded phase, instead of rolling dice:
 * event k is struck when `phase + k * rate` crosses a whole number. So the first strike comes
 * within ⌈1 / rate⌉ events — 0.1% of 1,000 SMS is one SMS, never zero — and a seed replays it.
 */
export function evenlySpaced(rate: number, random: SeededRandom): () => boolean {
  // (0, 1]: a phase of exactly 0 would make the 1/rate-th event depend on floating-point rounding.
  const phase = 1 - random.next();
  let events = 0;
  return () => {
    events += 1;
    return Math.floor(phase + events * rate) > Math.floor(phase + (events - 1) * rate);
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A filler byte: a zero-filled Buffer may sit on untouched calloc pages that never count in RSS. */
const LEAK_FILL = 0x5a;

function withoutSignature(request: HttpRequest): HttpRequest {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'x-signature'),
  );
  return { ...request, headers };
}

/** Remembers the contents `refuse` struck, forgetting the oldest beyond `refusedContentsMax`. */
function refusedContents(): { has(key: string): boolean; add(key: string): void } {
  const keys = new Set<string>();
  return {
    has: (key) => keys.has(key),
    add(key) {
      keys.add(key);
      for (const oldest of keys) {
        if (keys.size <= defaults.refusedContentsMax) break;
        keys.delete(oldest);
      }
    },
  };
}

/**
 * The app's HTTP client as the planted defects make it: following redirects (`follow-redirects`) and
 * trusting any certificate (`ignore-tls`) are the client's own behaviour, not something a wrapper
 * around it can add, so they are options of the client.
 */
export function clientFlaws(
  defects: readonly Defect[],
): Required<Pick<NodeHttpTransportOptions, 'followRedirects' | 'trustAnyCertificate'>> {
  return {
    followRedirects: defects.some((defect) => defect.kind === 'follow-redirects'),
    trustAnyCertificate: defects.some((defect) => defect.kind === 'ignore-tls'),
  };
}

/** Turns the parsed defects into strikes, seeded by the device's `--seed`. */
export function plantDefects(defects: readonly Defect[], seed: number, options: PlantOptions = {}): PlantedDefects {
  const random = createRandom(deriveSeed(seed, 'defects'));
  const strikes = defects.flatMap((defect) =>
    'rate' in defect ? [{ kind: defect.kind, strikes: evenlySpaced(defect.rate, random) }] : [],
  );
  const struck = (kind: RateDefectKind): boolean =>
    // Every matching defect counts this event (no short-circuit), so two of a kind keep their own spacing.
    strikes.filter((strike) => strike.kind === kind).reduce((hit, strike) => strike.strikes() || hit, false);
  const hits: (kind: EventDefectKind) => boolean = struck;
  const refusing = defects.some((defect) => defect.kind === 'refuse');
  const refused = refusedContents();
  const now = options.now ?? (() => performance.now());
  const recent = defects.some((defect) => defect.kind === 'dedupe-content')
    ? new RecentContents(defaults.dedupeContentWindowMs, defaults.dedupeContentMaxEntries)
    : null;
  const spikeBytes = defects.reduce((sum, defect) => sum + (defect.kind === 'spike' ? defect.bytes : 0), 0);
  const spike = options.spike ?? spikeMemory;
  let storedCount = 0;
  const delayMs = defects.reduce((sum, defect) => sum + (defect.kind === 'latency' ? defect.delayMs : 0), 0);
  const leakBytes = defects.reduce((sum, defect) => sum + (defect.kind === 'leak' ? defect.bytesPerPost : 0), 0);
  const skipsSignatures = defects.some((defect) => defect.kind === 'skip-signature');
  /** What the leak holds on to: never read, never freed, for the life of the process. */
  const leaked: Buffer[] = [];

  return {
    hits,
    refuses(sender, text) {
      if (!refusing) return false;
      const key = contentKey(sender, text);
      if (refused.has(key)) return true;
      if (!struck('refuse')) return false;
      refused.add(key);
      return true;
    },
    dedupes: (sender, text) => recent?.has(sender, text, now()) ?? false,
    stored(sender, text) {
      recent?.remember(sender, text, now());
      if (spikeBytes === 0) return null;
      storedCount += 1;
      return storedCount === defaults.spikeAtStoredSms ? spike(spikeBytes) : null;
    },
    wrapTransport(transport) {
      if (delayMs === 0 && leakBytes === 0 && !skipsSignatures) return transport;
      return {
        async post(request) {
          const sent = skipsSignatures && hits('skip-signature') ? withoutSignature(request) : request;
          if (delayMs > 0) await sleep(delayMs);
          const result = await transport.post(sent);
          // After the POST, so the leak shows in memory and not in the delivery latency.
          if (leakBytes > 0) leaked.push(Buffer.alloc(leakBytes, LEAK_FILL));
          return result;
        },
      };
    },
  };
}
