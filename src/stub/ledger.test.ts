import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

  it('keeps each row with the answer time it was recorded with, null when none was written', () => {
    const ledger = openLedger();
    ledger.record(row({ messageId: 'm-1', arrivedAt: 10, answeredAt: 15 }));
    ledger.flush();
    ledger.record(row({ messageId: 'm-2', arrivedAt: 20, answeredAt: null }));
    expect(
      [...ledger.accepted()].map(({ messageId, firstAcceptedAt, firstAnsweredAt }) => [
        messageId,
        firstAcceptedAt,
        firstAnsweredAt,
      ]),
    ).toEqual([
      ['m-1', 10, 15],
      ['m-2', 20, null],
    ]);
    ledger.close();
  });

  it('gives the first claim of a key to one caller only, before any row of it is recorded', () => {
    const ledger = openLedger();
    expect(ledger.claim('m-1')).toBe(true);
    expect(ledger.isAccepted('m-1')).toBe(true);
    expect(ledger.claim('m-1')).toBe(false);
    ledger.record(row({ messageId: 'm-1' }));
    ledger.flush();
    expect(ledger.claim('m-1')).toBe(false);
    expect(ledger.claim('m-2')).toBe(true);
    ledger.close();
  });

  it('numbers rows on from the last one when a ledger file is reopened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-ledger-'));
    dirs.push(dir);
    const path = join(dir, 'ledger.sqlite');
    const first = openLedger(path);
    const firstId = first.record(row({ messageId: 'm-1', answeredAt: 5 }));
    first.close();
    const again = openLedger(path);
    const secondId = again.record(row({ messageId: 'm-2', answeredAt: 9 }));
    expect(secondId).toBeGreaterThan(firstId);
    expect([...again.accepted()].map((message) => message.firstAnsweredAt)).toEqual([5, 9]);
    again.close();
  });

  it('counts refused TLS handshakes, in its file too, and keeps the count across a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-ledger-'));
    dirs.push(dir);
    const path = join(dir, 'ledger.sqlite');
    const first = openLedger(path);
    first.tlsRefused(1_000, 'ECONNRESET');
    first.tlsRefused(2_000, 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE');
    expect(first.tlsRefusals()).toBe(2);
    expect(first.stats().tlsRefusals).toBe(2);
    first.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT at, reason FROM stub_tls_refusals ORDER BY id').all()).toEqual([
      { at: 1_000, reason: 'ECONNRESET' },
      { at: 2_000, reason: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE' },
    ]);
    db.close();
    const again = openLedger(path);
    expect(again.tlsRefusals()).toBe(2);
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
    ledger.record(row({ status: 301, faults: ['redirect:301'], outcome: 'fault' }));
    ledger.record(row({ status: 200, faults: ['redirect-followed'], outcome: 'fault' }));
    ledger.record(row({ status: 422, outcome: 'handler' }));
    ledger.record(row({ status: 500, outcome: 'handler-error' }));
    expect(ledger.stats()).toEqual({
      requests: 12,
      accepted: 1,
      redeliveries: 1,
      rejected4xx: 4,
      badSignatures: 1,
      staleSignatures: 1,
      replays: 1,
      handlerErrors: 1,
      tlsRefusals: 0,
      faults: { status: 1, delay: 1, reset: 0, hang: 1, outageDropped: 0, redirect: 1, redirectFollowed: 1 },
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
    first.record(row({ messageId: null, status: 302, faults: ['redirect:302'], outcome: 'fault' }));
    first.record(row({ messageId: null, status: 500, outcome: 'handler-error' }));
    first.tlsRefused(1, 'ECONNRESET');
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
