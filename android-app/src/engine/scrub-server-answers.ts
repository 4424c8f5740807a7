// Up to schema 3 an HTTP error kept up to 200 characters of the webhook server's answer
// (`HTTP 400: <answer>`), and a server that echoes its request put the SMS itself there, into the
// error log and each message's last error, which the Health and Errors screens show. The engine no
// longer keeps the answer (classify.ts); migration 4 cuts it from what older versions stored, so an
// upgraded phone stops showing it at once rather than when the log rotates.

/** Where the old `HTTP nnn: ` starts in `column`; 0 when it has none. */
const httpAt = (column: string): string => `instr(${column}, 'HTTP ')`;

/** True when `column` holds an old error with the server's answer after `HTTP nnn:`. */
const holdsAnswer = (column: string): string =>
  `${httpAt(column)} > 0 AND substr(${column}, ${httpAt(column)} + 5, 4) GLOB '[0-9][0-9][0-9]:'`;

/** `column` up to and including `HTTP nnn`: what was said before the answer, the answer gone. */
const withoutAnswer = (column: string): string => `substr(${column}, 1, ${httpAt(column)} + 7)`;

/** Migration 3 → 4. last_error changes fire no trigger: the health counters stay as they are. */
export const scrubServerAnswers: readonly string[] = [
  `UPDATE errors SET message = ${withoutAnswer('message')} WHERE ${holdsAnswer('message')}`,
  `UPDATE messages SET last_error = ${withoutAnswer('last_error')} WHERE last_error IS NOT NULL AND ${holdsAnswer('last_error')}`,
];
