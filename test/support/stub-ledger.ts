// The stub's ledger read the way a run's trace reads it: from its SQLite file, after the stub's thread
// has written what it buffered. The stub serves on a thread of its own, so a test cannot watch its
// ledger's calls; it reads what the ledger kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { LedgerRow, RequestOutcome } from '../../src/stub/ledger';
import type { StubHooks, StubServer } from '../../src/stub/start-stub';
import type { StubOptions } from '../../src/stub/stub-options';
import { startStub, type ThreadStub } from '../../src/stub/stub-thread';

const dirs: string[] = [];

/** A fresh ledger file for a stub; `removeLedgerFiles()` (in an afterEach) removes them all. */
export function ledgerFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-ledger-'));
  dirs.push(dir);
  return join(dir, 'ledger.sqlite');
}

export function removeLedgerFiles(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Registers an afterEach that closes every stub the returned function started (on its own thread, as a
 * run starts it) and removes the ledger files; a test that fails still leaves no thread behind.
 */
export function stubsClosedAfterEach(): (options?: StubOptions, hooks?: StubHooks) => Promise<ThreadStub> {
  const stubs: ThreadStub[] = [];
  afterEach(async () => {
    await Promise.all(stubs.splice(0).map((stub) => stub.close()));
    removeLedgerFiles();
  });
  return async (options = {}, hooks = {}) => {
    const stub = await startStub(options, hooks);
    stubs.push(stub);
    return stub;
  };
}

interface SqlRow {
  message_id: string | null;
  arrived_at: number;
  answered_at: number | null;
  sender: string | null;
  text: string | null;
  device_id: string | null;
  seq: number | null;
  status: number | null;
  fault: string | null;
  signature_valid: number | null;
  duration_ms: number;
  outcome: RequestOutcome;
}

/** Every row of the stub's ledger at `path`, oldest first, as the stub recorded it. */
export function ledgerRows(stub: StubServer, path: string): LedgerRow[] {
  stub.ledger.flush();
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], SqlRow>('SELECT * FROM stub_requests ORDER BY id')
      .all()
      .map((row) => ({
        messageId: row.message_id,
        arrivedAt: row.arrived_at,
        answeredAt: row.answered_at,
        from: row.sender,
        text: row.text,
        deviceId: row.device_id,
        seq: row.seq,
        status: row.status,
        faults: row.fault === null ? [] : row.fault.split(','),
        signatureValid: row.signature_valid === null ? null : row.signature_valid === 1,
        outcome: row.outcome,
        durationMs: row.duration_ms,
      }));
  } finally {
    db.close();
  }
}
