import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type LedgerRow } from '../stub/ledger';
import { injectionDefaults } from '../injection/defaults';
import { judgeDefaults } from './defaults';
import { openInjectionStore, type InjectionStore } from '../injection/injection-store';
import { traceRun, tracedMessages } from './trace';

const dirs: string[] = [];
const stores: InjectionStore[] = [];
afterEach(() => {
  stores.splice(0).forEach((store) => store.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

interface Sent {
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  readonly at?: number;
  readonly state?: 'acknowledged' | 'in-doubt' | 'unanswered';
}
interface Accepted {
  readonly key: string;
  readonly from: string | null;
  readonly text: string;
  readonly at: number;
  /** 2xx answers to later requests of the same key. */
  readonly redelivered?: number;
}

/** An injection log and a stub ledger on disk, as a run leaves them. */
function traceOf(sent: readonly Sent[], accepted: readonly Accepted[]) {
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-trace-'));
  dirs.push(dir);
  const ledgerPath = join(dir, 'ledger.sqlite');
  const ledger = openLedger(ledgerPath);
  const row = (overrides: Partial<LedgerRow>): LedgerRow => ({
    messageId: null,
    arrivedAt: 0,
    from: null,
    text: null,
    deviceId: 'd',
    seq: 1,
    status: 200,
    faults: [],
    signatureValid: true,
    outcome: 'accepted',
    durationMs: 1,
    ...overrides,
  });
  for (const message of accepted) {
    ledger.record(row({ messageId: message.key, from: message.from, text: message.text, arrivedAt: message.at }));
    for (let again = 0; again < (message.redelivered ?? 0); again += 1) {
      ledger.record(
        row({
          messageId: message.key,
          from: message.from,
          text: message.text,
          arrivedAt: message.at + 1 + again,
          outcome: 'duplicate',
        }),
      );
    }
  }
  ledger.close();
  const store = openInjectionStore(join(dir, 'injections.sqlite'));
  stores.push(store);
  for (const sms of sent) {
    const injection = { index: sms.index, sender: sms.sender, text: sms.text, injectedAt: sms.at ?? 1000 + sms.index };
    if (sms.state === 'in-doubt') store.inDoubt(injection);
    else if (sms.state === 'unanswered') store.unanswered({ ...injection, reason: 'no answer within 10000 ms' });
    else store.acknowledged(injection);
  }
  return { store, result: traceRun(store, ledgerPath), messages: () => [...tracedMessages(store, ledgerPath)] };
}

describe('traceRun', () => {
  // better-sqlite3 builds with a 16 MB cache per database, which would let harness RSS creep on a soak.
  it('bounds the page cache of the injection log and of the attached ledger', () => {
    const { store } = traceOf([{ index: 0, sender: '+1', text: 'a' }], [{ key: 'k', from: '+1', text: 'a', at: 1001 }]);
    expect(store.db.pragma('main.cache_size', { simple: true })).toBe(-injectionDefaults.sqliteCacheKiB);
    expect(store.db.pragma('ledger.cache_size', { simple: true })).toBe(-judgeDefaults.ledgerCacheKiB);
  });

  it('links each injected SMS to its acceptance and measures latency from injection', () => {
    const { result, messages } = traceOf(
      [
        { index: 0, sender: '+1', text: 'a', at: 1000 },
        { index: 1, sender: '+2', text: 'b', at: 1010 },
      ],
      [
        { key: 'k1', from: '+1', text: 'a', at: 1050 },
        { key: 'k2', from: '+2', text: 'b', at: 1100 },
      ],
    );
    expect(result).toMatchObject({ lost: 0, duplicates: 0, delivered: 2, corrupted: 0 });
    expect([...result.latenciesMs]).toEqual([50, 90]);
    expect(messages().map((message) => [message.messageId, message.latencyMs, message.requests])).toEqual([
      ['k1', 50, 1],
      ['k2', 90, 1],
    ]);
  });

  it('counts an SMS nobody accepted as lost, and samples it', () => {
    const { result, messages } = traceOf(
      [
        { index: 0, sender: '+1', text: 'a' },
        { index: 1, sender: '+1', text: 'b' },
      ],
      [{ key: 'k1', from: '+1', text: 'a', at: 2000 }],
    );
    expect(result.lost).toBe(1);
    expect(result.lostSamples).toEqual([{ index: 1, sender: '+1', text: 'b' }]);
    expect(messages()[1]).toMatchObject({ messageId: null, acceptedAt: null, latencyMs: null, requests: 0 });
  });

  it('counts a second key for one SMS as a duplicate, and a repeated key as a redelivery', () => {
    const { result } = traceOf(
      [{ index: 0, sender: '+1', text: 'a' }],
      [
        { key: 'k1', from: '+1', text: 'a', at: 2000, redelivered: 2 },
        { key: 'k2', from: '+1', text: 'a', at: 2100 },
      ],
    );
    expect(result).toMatchObject({ duplicates: 1, redeliveries: 2, lost: 0 });
  });

  it('matches identical texts from one sender as a multiset, in time order', () => {
    const { result, messages } = traceOf(
      [
        { index: 0, sender: '+1', text: 'same', at: 1000 },
        { index: 1, sender: '+1', text: 'same', at: 2000 },
      ],
      [
        { key: 'k2', from: '+1', text: 'same', at: 2500 },
        { key: 'k1', from: '+1', text: 'same', at: 1200 },
      ],
    );
    expect(result).toMatchObject({ lost: 0, duplicates: 0 });
    expect(messages().map((message) => message.messageId)).toEqual(['k1', 'k2']);
  });

  it('compares texts byte for byte: a mangled text is corrupted and its original lost, not a duplicate', () => {
    const sent = 'nul\u0000 bidi\u202E 👩‍👩‍👧';
    const { result } = traceOf(
      [
        { index: 0, sender: '+1', text: sent, at: 1000 },
        { index: 1, sender: '+1', text: 'fine', at: 1001 },
      ],
      [
        { key: 'k1', from: '+1', text: 'nul bidi 👩‍👩‍👧', at: 1100 },
        { key: 'k2', from: '+1', text: 'fine', at: 1101 },
      ],
    );
    expect(result).toMatchObject({ lost: 1, duplicates: 0, corrupted: 1, delivered: 1 });
    expect(result.corruptedSamples).toEqual([{ sender: '+1', accepted: 'nul bidi 👩‍👩‍👧', injected: sent }]);
  });

  it('keeps NUL and every other code point intact through SQLite', () => {
    const texts = ['\u0000', 'a\u0000b', '\u2028\u2029\uFEFF', "Robert'); DROP TABLE injections;--", ''];
    const sent = texts.map((text, index) => ({ index, sender: '+1', text }));
    const { result } = traceOf(
      sent,
      texts.map((text, index) => ({ key: `k${index}`, from: '+1', text, at: 2000 + index })),
    );
    expect(result).toMatchObject({ lost: 0, duplicates: 0, corrupted: 0, delivered: texts.length });
  });

  it('names an acceptance from no sender at all as corrupted', () => {
    const { result } = traceOf([], [{ key: 'kx', from: null, text: 'ghost', at: 1 }]);
    expect(result).toMatchObject({ corrupted: 1, duplicates: 0 });
    expect(result.corruptedSamples).toEqual([{ sender: null, accepted: 'ghost', injected: null }]);
  });

  it('lets an in-doubt SMS be delivered once or never, but not twice', () => {
    const doubt: Sent = { index: 5, sender: '+5', text: 'maybe', state: 'in-doubt' };
    expect(traceOf([doubt], []).result).toMatchObject({ lost: 0, duplicates: 0, inDoubtDelivered: 0 });
    expect(traceOf([doubt], [{ key: 'k1', from: '+5', text: 'maybe', at: 10 }]).result).toMatchObject({
      lost: 0,
      duplicates: 0,
      inDoubtDelivered: 1,
    });
    expect(
      traceOf(
        [doubt],
        [
          { key: 'k1', from: '+5', text: 'maybe', at: 10 },
          { key: 'k2', from: '+5', text: 'maybe', at: 20 },
        ],
      ).result,
    ).toMatchObject({
      duplicates: 1,
      inDoubtDelivered: 1,
    });
  });

  it('traces a run whose stub never started: everything acknowledged is lost', () => {
    const store = openInjectionStore(':memory:');
    stores.push(store);
    store.acknowledged({ index: 0, sender: '+1', text: 'a', injectedAt: 1 });
    expect(traceRun(store, null)).toMatchObject({ lost: 1, delivered: 0, duplicates: 0 });
    expect([...tracedMessages(store, null)]).toHaveLength(1);
  });

  it('agrees with the load-order trace on random runs full of repeats, losses, duplicates and strays', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    // Few senders and texts, so contents repeat; texts whose UTF-8 and UTF-16 orders differ.
    const senders = ['+1', '+2', '+10'];
    const texts = ['a', 'b', '\uFFFD', '😀', 'é', ''];
    for (let round = 0; round < 20; round += 1) {
      const sent: Sent[] = [];
      const accepted: Accepted[] = [];
      for (let index = 0; index < 300; index += 1) {
        const sms: Sent = {
          index,
          sender: senders[random(3)]!,
          text: texts[random(6)]!,
          at: 1000 + random(500),
          state: random(10) === 0 ? 'in-doubt' : 'acknowledged',
        };
        sent.push(sms);
        const copies = [0, 1, 1, 1, 1, 1, 2][random(7)]!;
        for (let copy = 0; copy < copies; copy += 1)
          accepted.push({
            key: `k${index}-${copy}`,
            from: sms.sender,
            text: sms.text,
            at: sms.at! + random(50),
            redelivered: random(4) === 0 ? 1 : 0,
          });
      }
      accepted.push({ key: 'stray', from: random(2) === 0 ? null : '+1', text: 'never sent', at: 1200 });
      const { result, messages } = traceOf(sent, accepted);
      const lines = messages();
      const delivered = lines.filter((line) => line.messageId !== null);
      expect(result.delivered).toBe(delivered.length);
      expect(result.lost).toBe(lines.length - delivered.length);
      expect([...result.latenciesMs]).toEqual(delivered.map((line) => line.latencyMs!).sort((a, b) => a - b));
      expect(result.lostSamples.map((sample) => sample.index)).toEqual(
        lines
          .filter((line) => line.messageId === null)
          .map((line) => line.index)
          .slice(0, 100),
      );
      expect(result.redeliveries).toBe(accepted.filter((message) => message.redelivered).length);
      expect(result.corrupted).toBe(1);
      // Every acceptance is a delivery, a duplicate, an excused in-doubt delivery or the stray.
      expect(result.delivered + result.duplicates + result.inDoubtDelivered + result.corrupted).toBe(accepted.length);
    }
  });

  it('counts identical SMS by multiplicity: three injected and two accepted under distinct keys is one lost', () => {
    const same = (index: number): Sent => ({ index, sender: '+7', text: 'POS 51.5,-0.1', at: 1000 + index * 100 });
    const accepted = (key: string, at: number): Accepted => ({ key, from: '+7', text: 'POS 51.5,-0.1', at });
    const { result } = traceOf([same(0), same(1), same(2)], [accepted('k1', 1050), accepted('k2', 1150)]);
    expect(result).toMatchObject({ delivered: 2, lost: 1, duplicates: 0, repeats: 2 });
    expect(result.lostSamples).toEqual([{ index: 2, sender: '+7', text: 'POS 51.5,-0.1' }]);
  });

  it('counts identical SMS by multiplicity: three injected and four accepted under distinct keys is one duplicate', () => {
    const same = (index: number): Sent => ({ index, sender: '+7', text: 'POS', at: 1000 + index });
    const accepted = ['k1', 'k2', 'k3', 'k4'].map((key, n): Accepted => ({
      key,
      from: '+7',
      text: 'POS',
      at: 1100 + n,
    }));
    expect(traceOf([same(0), same(1), same(2)], accepted).result).toMatchObject({
      delivered: 3,
      lost: 0,
      duplicates: 1,
      repeats: 2,
    });
  });

  it('lets an unanswered SMS be delivered once, lists it with the lost ones when it never is, and counts a second delivery as a duplicate', () => {
    const silent: Sent = { index: 3, sender: '+9', text: 'hello?', state: 'unanswered' };
    const never = traceOf([silent], []).result;
    expect(never).toMatchObject({ lost: 0, unansweredLost: 1, unansweredDelivered: 0, duplicates: 0 });
    expect(never.lostSamples).toEqual([{ index: 3, sender: '+9', text: 'hello?', unanswered: true }]);
    expect(traceOf([silent], [{ key: 'k1', from: '+9', text: 'hello?', at: 10 }]).result).toMatchObject({
      unansweredLost: 0,
      unansweredDelivered: 1,
      duplicates: 0,
      corrupted: 0,
    });
    const twice = [
      { key: 'k1', from: '+9', text: 'hello?', at: 10 },
      { key: 'k2', from: '+9', text: 'hello?', at: 20 },
    ];
    expect(traceOf([silent], twice).result).toMatchObject({ unansweredDelivered: 1, duplicates: 1 });
  });

  it('counts an SMS still waiting for its answer in doubt, so a trace mid-run sees no duplicate and no stray', () => {
    const { store } = traceOf(
      [{ index: 0, sender: '+1', text: 'a' }],
      [
        { key: 'k1', from: '+1', text: 'a', at: 1100 },
        { key: 'k2', from: '+1', text: 'a', at: 1200 },
        { key: 'k3', from: '+2', text: 'b', at: 1300 },
      ],
    );
    const ledgerPath = join(dirs.at(-1)!, 'ledger.sqlite');
    expect(traceRun(store, ledgerPath)).toMatchObject({ duplicates: 1, corrupted: 1 });
    // The same two SMS, written to the console and not yet answered, when the stub already accepted them.
    store.sending?.({ index: 1, sender: '+1', text: 'a', injectedAt: 1150 });
    store.sending?.({ index: 2, sender: '+2', text: 'b', injectedAt: 1250 });
    expect(traceRun(store, ledgerPath)).toMatchObject({ duplicates: 0, corrupted: 0, inDoubtDelivered: 2 });
    store.acknowledged({ index: 1, sender: '+1', text: 'a', injectedAt: 1150 });
    expect(traceRun(store, ledgerPath)).toMatchObject({
      delivered: 2,
      duplicates: 0,
      corrupted: 0,
      inDoubtDelivered: 1,
    });
  });

  it('measures latency to the moment the server wrote its 2xx, after any delay it added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-trace-'));
    dirs.push(dir);
    const ledgerPath = join(dir, 'ledger.sqlite');
    const ledger = openLedger(ledgerPath);
    ledger.record({
      messageId: 'k1',
      arrivedAt: 1_100,
      answeredAt: 1_700,
      from: '+1',
      text: 'a',
      deviceId: 'd',
      seq: 1,
      status: 200,
      faults: ['delay'],
      signatureValid: true,
      outcome: 'accepted',
      durationMs: 600,
    });
    ledger.close();
    const store = openInjectionStore(join(dir, 'injections.sqlite'));
    stores.push(store);
    store.acknowledged({ index: 0, sender: '+1', text: 'a', injectedAt: 1_000 });
    expect([...traceRun(store, ledgerPath).latenciesMs]).toEqual([700]);
    expect([...tracedMessages(store, ledgerPath)][0]).toMatchObject({ latencyMs: 700 });
  });
});
