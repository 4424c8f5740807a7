import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpTransport, TransportResult } from '../../../android-app/src/engine/ports';
import { createRandom } from '../../sms/random';
import { parseDefect } from './defects';
import { virtualDeviceDefaults as defaults } from './defaults';
import { clientFlaws, evenlySpaced, plantDefects } from './planted-defects';

const ok: TransportResult = { kind: 'response', status: 200, headers: {}, body: '' };
const request: HttpRequest = {
  url: 'http://127.0.0.1/webhook',
  headers: { 'X-Signature': 'sha256=ab', 'X-Timestamp': '1', 'Idempotency-Key': 'k' },
  body: '{}',
  timeoutMs: 1000,
};

function recordingTransport(): HttpTransport & { readonly seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return { seen, post: async (sent) => (seen.push(sent), ok) };
}

const count = (strikes: () => boolean, events: number): number =>
  Array.from({ length: events }, strikes).filter(Boolean).length;

describe('evenlySpaced', () => {
  it('strikes 0.1% of 1,000 events exactly once, whatever the seed', () => {
    for (let seed = 0; seed < 200; seed += 1) expect(count(evenlySpaced(0.001, createRandom(seed)), 1000)).toBe(1);
  });

  it('strikes exactly the rate over many events, never twice in a row at 5%', () => {
    const strikes = evenlySpaced(0.05, createRandom(7));
    const pattern = Array.from({ length: 1000 }, strikes);
    expect(pattern.filter(Boolean)).toHaveLength(50);
    expect(pattern.some((struck, index) => struck && pattern[index + 1])).toBe(false);
  });

  it('strikes every event at 100% and none at 0%', () => {
    expect(count(evenlySpaced(1, createRandom(3)), 10)).toBe(10);
    expect(count(evenlySpaced(0, createRandom(3)), 10)).toBe(0);
  });

  it('replays the same strikes from the same seed', () => {
    const run = (seed: number) => Array.from({ length: 500 }, evenlySpaced(0.01, createRandom(seed)));
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });
});

describe('plantDefects', () => {
  it('leaves the transport alone when no wire defect is planted', () => {
    const transport = recordingTransport();
    expect(plantDefects([parseDefect('drop:1%')], 1).wrapTransport(transport)).toBe(transport);
  });

  it('strips X-Signature and keeps every other header (skip-signature)', async () => {
    const transport = recordingTransport();
    await plantDefects([parseDefect('skip-signature')], 1)
      .wrapTransport(transport)
      .post(request);
    expect(transport.seen[0]?.headers).toEqual({ 'X-Timestamp': '1', 'Idempotency-Key': 'k' });
  });

  it('waits the planted latency before each POST', async () => {
    const transport = recordingTransport();
    const startedAt = Date.now();
    await plantDefects([parseDefect('latency:100ms')], 1)
      .wrapTransport(transport)
      .post(request);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(95);
    expect(transport.seen).toHaveLength(1);
  });

  it('keeps the leaked memory resident, so RSS grows (leak)', async () => {
    const wrapped = plantDefects([parseDefect('leak:1MB')], 1).wrapTransport(recordingTransport());
    const before = process.memoryUsage().rss;
    for (let post = 0; post < 64; post += 1) await wrapped.post(request);
    // 64 MB kept; half of it is a wide margin for whatever the collector gave back meanwhile.
    expect(process.memoryUsage().rss - before).toBeGreaterThan(32_000_000);
  });

  it('counts drop and duplicate strikes separately', () => {
    const planted = plantDefects([parseDefect('drop:50%'), parseDefect('duplicate:100%')], 1);
    const drops = Array.from({ length: 10 }, () => planted.hits('drop')).filter(Boolean).length;
    expect(drops).toBe(5);
    expect(planted.hits('duplicate')).toBe(true);
    expect(planted.hits('wrong-dashboard')).toBe(false);
  });

  it('refuses the same sender and text on every retry, and only 1% of the distinct contents (refuse)', () => {
    const planted = plantDefects([parseDefect('refuse:1%')], 1);
    const contents = Array.from({ length: 1000 }, (_, index) => ['+15550001', `text ${index}`] as const);
    const refused = contents.filter(([sender, text]) => planted.refuses(sender, text));
    expect(refused).toHaveLength(10);
    // The harness retries a KO with the same text: five more tries of each refused SMS stay refused,
    // and those retries are not new events, so the strikes that follow keep their spacing.
    for (const [sender, text] of refused)
      for (let retry = 0; retry < 5; retry += 1) expect(planted.refuses(sender, text)).toBe(true);
    expect(planted.refuses('+15550002', refused[0]![1])).toBe(false);
  });

  it('refuses nothing when refuse is not planted', () => {
    const planted = plantDefects([parseDefect('drop:100%')], 1);
    expect(planted.refuses('+15550001', 'hello')).toBe(false);
  });

  it('strikes hang at its rate, apart from drop', () => {
    const planted = plantDefects([parseDefect('hang:10%'), parseDefect('drop:50%')], 1);
    const hangs = Array.from({ length: 100 }, () => planted.hits('hang')).filter(Boolean).length;
    expect(hangs).toBe(10);
    expect(Array.from({ length: 10 }, () => planted.hits('drop')).filter(Boolean)).toHaveLength(5);
  });

  it('dedupes a content stored within the window and not one stored longer ago (dedupe-content)', async () => {
    let now = 0;
    const planted = plantDefects([parseDefect('dedupe-content')], 1, { now: () => now });
    expect(planted.dedupes('+15550001', 'hello')).toBe(false);
    await planted.stored('+15550001', 'hello');
    now += defaults.dedupeContentWindowMs - 1;
    expect(planted.dedupes('+15550001', 'hello')).toBe(true);
    expect(planted.dedupes('+15550002', 'hello')).toBe(false);
    expect(planted.dedupes('+15550001', 'hello!')).toBe(false);
    now += 1;
    expect(planted.dedupes('+15550001', 'hello')).toBe(false);
  });

  it('dedupes nothing when dedupe-content is not planted', async () => {
    const planted = plantDefects([], 1);
    await planted.stored('+15550001', 'hello');
    expect(planted.dedupes('+15550001', 'hello')).toBe(false);
  });

  it('spikes once, with the planted size, when the spikeAtStoredSms-th SMS is stored (spike)', async () => {
    const spikes: number[] = [];
    const planted = plantDefects([parseDefect('spike:2MB')], 1, { spike: async (bytes) => void spikes.push(bytes) });
    for (let sms = 1; sms < defaults.spikeAtStoredSms; sms += 1) await planted.stored('+15550001', `text ${sms}`);
    expect(spikes).toEqual([]);
    await planted.stored('+15550001', 'the one');
    for (let sms = 0; sms < 20; sms += 1) await planted.stored('+15550001', `later ${sms}`);
    expect(spikes).toEqual([2_000_000]);
  });
});

describe('clientFlaws', () => {
  it('builds the client with its planted flaws, and a clean client without any', () => {
    expect(clientFlaws([])).toEqual({ followRedirects: false, trustAnyCertificate: false });
    expect(clientFlaws([parseDefect('follow-redirects')])).toEqual({
      followRedirects: true,
      trustAnyCertificate: false,
    });
    expect(clientFlaws([parseDefect('ignore-tls'), parseDefect('drop:1%')])).toEqual({
      followRedirects: false,
      trustAnyCertificate: true,
    });
  });
});
