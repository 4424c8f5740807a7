import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type LedgerRow } from './ledger';

const row = (overrides: Partial<LedgerRow>): LedgerRow => ({
  messageId: 'm-1',
  arrivedAt: 1_700_000_000_000,
  from: '+15550100',
  text: 'hi',
  deviceId: 'd-1',
  seq: 1,
  status: 200,
  faults: [],
  signatureValid: null,
  outcome: 'accepted',
  durationMs: 1.5,
  ...overrides,
});

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('openLedger', () => {
  it('knows a key is accepted before the row is written', () => {
    const ledger = openLedger();
    expect(ledger.isAccepted('m-1')).toBe(false);
    ledger.record(row({}));
    expect(ledger.isAccepted('m-1')).toBe(true);
    ledger.flush();
    expect(ledger.isAccepted('m-1')).toBe(true);
    ledger.close();
  });

  it('keeps used signatures in its file: known before the write, after it, and after a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-ledger-'));
    dirs.push(dir);
    const path = join(dir, 'ledger.sqlite');
    const first = openLedger(path);
    first.signatures.add('sha256=aa');
    expect(first.signatures.has('sha256=aa')).toBe(true);
    first.flush();
    expect(first.signatures.has('sha256=aa')).toBe(true);
    expect(first.signatures.has('sha256=bb')).toBe(false);
    first.close();
    const again = openLedger(path);
    expect(again.signatures.has('sha256=aa')).toBe(true);
    expect(again.signatures.has('sha256=bb')).toBe(false);
    again.close();
  });

  it('lists accepted messages with their 2xx and request counts', () => {
    const ledger = openLedger();
    ledger.record(row({ status: 503, faults: ['status:503'], outcome: 'fault', arrivedAt: 1 }));
    ledger.record(row({ arrivedAt: 2 }));
    ledger.record(row({ outcome: 'duplicate', arrivedAt: 3 }));
    ledger.record(row({ messageId: 'm-2', status: null, faults: ['reset'], outcome: 'fault' }));
    expect([...ledger.accepted()]).toEqual([
      {
        messageId: 'm-1',
        from: '+15550100',
        text: 'hi',
        firstAcceptedAt: 2,
        firstAnsweredAt: null,
        acceptedCount: 2,
        requestCount: 3,
      },
    ]);
    ledger.close();
  });

  it("takes a row's answer time whether it comes before the row is written or after", () => {
    const ledger = openLedger();
    const early = ledger.record(row({ messageId: 'm-1', arrivedAt: 10 }));
    ledger.answered(early, 15);
    ledger.flush();
    const late = ledger.record(row({ messageId: 'm-2', arrivedAt: 20 }));
    ledger.flush();
    ledger.answered(late, 27);
    ledger.record(row({ messageId: 'm-3', arrivedAt: 30, answeredAt: 31 }));
    ledger.record(row({ messageId: 'm-4', arrivedAt: 40 }));
    expect(
      [...ledger.accepted()].map(({ messageId, firstAcceptedAt, firstAnsweredAt }) => [
        messageId,
        firstAcceptedAt,
        firstAnsweredAt,
      ]),
    ).toEqual([
      ['m-1', 10, 15],
      ['m-2', 20, 27],
      ['m-3', 30, 31],
      ['m-4', 40, null],
    ]);
    ledger.close();
  });

  it('numbers rows on from the last one when a ledger file is reopened, so answer times find their rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-ledger-'));
    dirs.push(dir);
    const path = join(dir, 'ledger.sqlite');
    const first = openLedger(path);
    const firstId = first.record(row({ messageId: 'm-1' }));
    first.answered(firstId, 5);
    first.close();
    const again = openLedger(path);
    const secondId = again.record(row({ messageId: 'm-2' }));
    expect(secondId).toBeGreaterThan(firstId);
    again.flush();
    again.answered(secondId, 9);
    expect([...again.accepted()].map((message) => message.firstAnsweredAt)).toEqual([5, 9]);
    again.close();
  });

  it('pages through more accepted messages than one page holds', () => {
    const ledger = openLedger();
    for (let i = 0; i < 1234; i += 1) ledger.record(row({ messageId: `m-${i}` }));
    const ids = [...ledger.accepted()].map((message) => message.messageId);
    expect(ids).toHaveLength(1234);
    expect(new Set(ids).size).toBe(1234);
    ledger.close();
  });

  it('counts outcomes and faults', () => {
    const ledger = openLedger();
    ledger.record(row({ arrivedAt: 5 }));
    ledger.record(row({ outcome: 'duplicate', arrivedAt: 9 }));
    ledger.record(row({ status: 400, outcome: 'bad-request', arrivedAt: 7 }));
    ledger.record(row({ status: 401, outcome: 'bad-signature', signatureValid: false }));
    ledger.record(row({ status: 503, faults: ['delay:300', 'status:503'], outcome: 'fault' }));
    ledger.record(row({ status: null, faults: ['hang'], outcome: 'fault' }));
    ledger.record(row({ status: 401, outcome: 'stale-signature', signatureValid: false }));
    ledger.record(row({ status: 401, outcome: 'replayed', signatureValid: false }));
    expect(ledger.stats()).toEqual({
      requests: 8,
      accepted: 1,
      redeliveries: 1,
      rejected4xx: 4,
      badSignatures: 1,
      staleSignatures: 1,
      replays: 1,
      faults: { status: 1, delay: 1, reset: 0, hang: 1, outageDropped: 0 },
      lastRequestAt: 1_700_000_000_000,
    });
    ledger.close();
  });

  it('reopens a ledger file with the same stats and accepted keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-ledger-'));
    dirs.push(dir);
    const path = join(dir, 'ledger.sqlite');
    const first = openLedger(path);
    first.record(row({}));
    first.record(row({ outcome: 'duplicate' }));
    first.record(row({ messageId: null, status: null, faults: ['reset'], outcome: 'fault' }));
    first.record(row({ messageId: null, status: null, faults: ['outage'], outcome: 'dropped' }));
    const before = first.stats();
    first.close();

    const again = openLedger(path);
    expect(again.stats()).toEqual(before);
    expect(again.isAccepted('m-1')).toBe(true);
    again.close();
  });

  it('keeps every acceptance of a burst in the file once closed, each key accepted once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-ledger-'));
    dirs.push(dir);
    const path = join(dir, 'ledger.sqlite');
    const ledger = openLedger(path);
    for (let i = 0; i < 3000; i += 1) {
      const messageId = `m-${i % 2000}`;
      ledger.record(row({ messageId, outcome: ledger.isAccepted(messageId) ? 'duplicate' : 'accepted' }));
    }
    ledger.close();

    const again = openLedger(path);
    expect([...again.accepted()]).toHaveLength(2000);
    expect(again.stats()).toMatchObject({ requests: 3000, accepted: 2000, redeliveries: 1000 });
    again.close();
  });
});
