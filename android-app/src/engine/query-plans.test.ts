import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDb } from '../../test/support';
import { claimEarliestRetryQuery, claimPendingQuery, claimWaitingQuery } from './claim-messages';
import { healthQueries } from './health';
import { migrate } from './migrate';
import type { SqlDb } from './ports';
import { bringForwardQuery, nextDueQuery, unfinishedQuery } from './queue-queries';

// Each query the engine runs repeatedly, and the index it must use: a health check or a claim that
// scans the messages table gets slower with every SMS ever received, and a phone keeps them for days.
const expectations: [string, string, RegExp][] = [
  [
    'claim of due retries and expired leases',
    claimWaitingQuery,
    /SEARCH messages USING INDEX messages_waiting \(next_attempt_at<\?\)/,
  ],
  // An open breaker's early probe: the waiting index in due order, stopped at LIMIT.
  ['retries due soonest, for a probe', claimEarliestRetryQuery, /SCAN messages USING INDEX messages_waiting/],
  // The end of an outage: a range of the waiting index, however many messages are delivered or pending.
  ['retries brought forward', bringForwardQuery, /SEARCH messages USING INDEX messages_waiting \(next_attempt_at>\?\)/],
  // Pending messages in arrival order, the index's own order: the walk stops at LIMIT.
  ['claim of pending messages', claimPendingQuery, /SEARCH messages USING INDEX messages_status_created \(status=\?\)/],
  // Two ordered walks stopped by LIMIT 1: each reads one entry.
  [
    'next due time',
    nextDueQuery,
    /SCAN messages USING INDEX messages_waiting.*SEARCH messages USING INDEX messages_status_created \(status=\?\)/,
  ],
  // Counters: a handful of rows whatever the queue size (health-counters.ts, status-counts.ts).
  ['unfinished count', unfinishedQuery, /SEARCH gateway_state USING INDEX sqlite_autoindex_gateway_state_1 \(key=\?\)/],
  [
    'counts per status',
    healthQueries.counts,
    /SEARCH gateway_state USING INDEX sqlite_autoindex_gateway_state_1 \(key=\?\)/,
  ],
  ['totals of whole minutes', healthQueries.minuteTotals, /SEARCH minute_counts USING INTEGER PRIMARY KEY/],
  ['latency buckets', healthQueries.latencyBuckets, /SCAN latency_counts/],
  // The rows of the one minute a window starts in: a range of the index, never the table.
  [
    'created in the first minute',
    healthQueries.createdEdge,
    /SEARCH messages USING COVERING INDEX messages_status_created \(status=\? AND created_at>\? AND created_at<\?\)/,
  ],
  [
    'finished in the first minute',
    healthQueries.finishedEdge,
    /SEARCH messages USING COVERING INDEX messages_completed/,
  ],
  ['oldest unfinished', healthQueries.oldestUnfinished, /SEARCH messages USING COVERING INDEX messages_status_created/],
  ['given up', healthQueries.gaveUp, /SEARCH gateway_state USING INDEX sqlite_autoindex_gateway_state_1 \(key=\?\)/],
];

let db: SqlDb;
beforeAll(async () => {
  db = openSqliteDb(join(mkdtempSync(join(tmpdir(), 'smsgw-plans-')), 'gateway.sqlite'));
  await migrate(db);
});
afterAll(async () => {
  await db.close();
});

describe('query plans', () => {
  it.each(expectations)('the %s query uses its index and never sorts or scans the table', async (_name, sql, index) => {
    const params = (sql.match(/\?/g) ?? []).map(() => 0);
    const plan = (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params))
      .map((row) => row.detail)
      .join(' | ');
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(plan).not.toMatch(/SCAN messages(?! USING (COVERING )?INDEX)/);
  });
});
