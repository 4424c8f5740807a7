/**
 * The stub's ledger table. Prefixed, because the ledger may live in a run's SQLite file
 * beside the tables of other stages (the metrics of a run).
 */
export const ledgerSchema = `
CREATE TABLE IF NOT EXISTS stub_requests (
  id INTEGER PRIMARY KEY,
  message_id TEXT,                 -- Idempotency-Key, else the body's messageId; null when neither
  arrived_at INTEGER NOT NULL,     -- epoch ms, when the body was read and the request went to the handlers
  answered_at INTEGER,             -- epoch ms, when the answer was handed to node:http, after every delay; null when none was (reset, hang, dropped, client gone)
  sender TEXT,                     -- the body's "from"
  text TEXT,
  device_id TEXT,
  seq INTEGER,
  status INTEGER,                  -- the HTTP status given; null for reset, hang, dropped
  fault TEXT,                      -- what fired, comma-joined: delay:300,status:503 | reset | hang | outage | redirect:301 | redirect-followed
  signature_valid INTEGER,         -- null when no secret or not checked (a fault answered first)
  first INTEGER NOT NULL DEFAULT 0,-- 1 for the first accepted request of its key
  duration_ms REAL NOT NULL,
  outcome TEXT NOT NULL            -- accepted | duplicate | bad-request | bad-signature | stale-signature | replayed | fault | dropped | handler | handler-error
);
CREATE INDEX IF NOT EXISTS stub_requests_message_id ON stub_requests(message_id);
CREATE INDEX IF NOT EXISTS stub_requests_first ON stub_requests(id) WHERE first = 1;
-- Every valid X-Signature seen (lower-case hex), so a replayed request is refused.
CREATE TABLE IF NOT EXISTS stub_signatures (signature TEXT PRIMARY KEY) WITHOUT ROWID;
-- Every TLS handshake that did not complete (tls: self-signed): a client refused the certificate.
CREATE TABLE IF NOT EXISTS stub_tls_refusals (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,             -- epoch ms
  reason TEXT NOT NULL             -- the error's code, e.g. ECONNRESET (the client hung up on the certificate)
);
`;

export const insertTlsRefusalSql = 'INSERT INTO stub_tls_refusals (at, reason) VALUES (?, ?)';

export const tlsRefusalCountSql = 'SELECT COUNT(*) FROM stub_tls_refusals';

export const insertSignatureSql = 'INSERT OR IGNORE INTO stub_signatures (signature) VALUES (?)';

export const hasSignatureSql = 'SELECT 1 FROM stub_signatures WHERE signature = ?';

/** Every signature used, to fill the signature filter when a ledger file is reopened. */
export const signaturesSql = 'SELECT signature FROM stub_signatures';

/** Ids are the ledger's own, numbered on from the last row of a reopened file. */
export const insertRowSql = `
INSERT INTO stub_requests
  (id, message_id, arrived_at, answered_at, sender, text, device_id, seq, status, fault, signature_valid, first, duration_ms, outcome)
VALUES
  (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The last row id, so a reopened ledger numbers on from it. */
export const lastIdSql = 'SELECT COALESCE(MAX(id), 0) FROM stub_requests';

export const isAcceptedSql = 'SELECT 1 FROM stub_requests WHERE message_id = ? AND first = 1 LIMIT 1';

/** Every accepted key, to fill the key filter when a ledger file is reopened. */
export const acceptedKeysSql = 'SELECT message_id FROM stub_requests WHERE first = 1 AND message_id IS NOT NULL';

/** One page of accepted messages after a given row id (keyset pagination keeps memory flat). */
export const acceptedPageSql = `
SELECT f.id, f.message_id AS messageId, f.sender AS "from", f.text, f.arrived_at AS firstAcceptedAt, f.answered_at AS firstAnsweredAt,
  (SELECT COUNT(*) FROM stub_requests r WHERE r.message_id = f.message_id AND r.status BETWEEN 200 AND 299) AS acceptedCount,
  (SELECT COUNT(*) FROM stub_requests r WHERE r.message_id = f.message_id) AS requestCount
FROM stub_requests f
WHERE f.first = 1 AND f.id > ?
ORDER BY f.id
LIMIT ?`;

/** The whole-table aggregates, read once at open; afterwards the counters are kept in memory. */
export const statsSql = `
SELECT
  COUNT(*) AS requests,
  COALESCE(SUM(outcome = 'accepted'), 0) AS accepted,
  COALESCE(SUM(outcome = 'duplicate'), 0) AS redeliveries,
  COALESCE(SUM(outcome IN ('bad-request', 'bad-signature', 'stale-signature', 'replayed')), 0) AS rejected4xx,
  COALESCE(SUM(outcome = 'bad-signature'), 0) AS badSignatures,
  COALESCE(SUM(outcome = 'stale-signature'), 0) AS staleSignatures,
  COALESCE(SUM(outcome = 'replayed'), 0) AS replays,
  COALESCE(SUM(outcome = 'handler-error'), 0) AS handlerErrors,
  COALESCE(SUM(instr(fault, 'status:') > 0), 0) AS status,
  COALESCE(SUM(instr(fault, 'delay:') > 0), 0) AS delay,
  COALESCE(SUM(instr(fault, 'reset') > 0), 0) AS reset,
  COALESCE(SUM(instr(fault, 'hang') > 0), 0) AS hang,
  COALESCE(SUM(instr(fault, 'outage') > 0), 0) AS outageDropped,
  COALESCE(SUM(instr(fault, 'redirect:') > 0), 0) AS redirect,
  COALESCE(SUM(instr(fault, 'redirect-followed') > 0), 0) AS redirectFollowed,
  MAX(arrived_at) AS lastRequestAt
FROM stub_requests`;
