// How the virtual device carries out its planted defects (defects.ts says which): when a rate-based
// defect strikes, and the transport wrapper for the ones that live on the wire (latency, leak,
// skip-signature). run-virtual-device.ts only asks `hits(kind)` and wraps its transport.
import type { HttpRequest, HttpTransport } from '../../../android-app/src/gateway/ports';
import { createRandom, deriveSeed, type Random } from '../../load/random';
import type { Defect, RateDefectKind } from './defects';

export interface PlantedDefects {
  /** Whether this event (an SMS for drop/duplicate, a screen read for wrong-dashboard) is struck. */
  hits(kind: RateDefectKind): boolean;
  /** The transport with latency, leak and skip-signature applied; the same transport when none is planted. */
  wrapTransport(transport: HttpTransport): HttpTransport;
}

/**
 * Strikes exactly `rate` of the events, evenly spaced from a seeded phase, instead of rolling dice:
 * event k is struck when `phase + k * rate` crosses a whole number. So the first strike comes
 * within ⌈1 / rate⌉ events — 0.1% of 1,000 SMS is one SMS, never zero — and a seed replays it.
 */
export function evenlySpaced(rate: number, random: Random): () => boolean {
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
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'x-signature'));
  return { ...request, headers };
}

/** Turns the parsed defects into strikes, seeded by the device's `--seed`. */
export function plantDefects(defects: readonly Defect[], seed: number): PlantedDefects {
  const random = createRandom(deriveSeed(seed, 'defects'));
  const strikes = defects.flatMap((defect) => ('rate' in defect ? [{ kind: defect.kind, strikes: evenlySpaced(defect.rate, random) }] : []));
  const hits = (kind: RateDefectKind): boolean =>
    // Every matching defect counts this event (no short-circuit), so two of a kind keep their own spacing.
    strikes.filter((strike) => strike.kind === kind).reduce((struck, strike) => strike.strikes() || struck, false);
  const delayMs = defects.reduce((sum, defect) => sum + (defect.kind === 'latency' ? defect.delayMs : 0), 0);
  const leakBytes = defects.reduce((sum, defect) => sum + (defect.kind === 'leak' ? defect.bytesPerPost : 0), 0);
  const skipsSignatures = defects.some((defect) => defect.kind === 'skip-signature');
  /** What the leak holds on to: never read, never freed, for the life of the process. */
  const leaked: Buffer[] = [];

  return {
    hits,
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
