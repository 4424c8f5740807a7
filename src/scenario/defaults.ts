// Defaults and hard limits of a scenario, with units in the names.

/** Seed of every random choice (message texts, senders, fault dice) when a scenario names none. */
export const defaultSeed = 1;
/** Distinct sender numbers when `messages.senders` is omitted. */
export const defaultSenders = 100;
/** Share of SMS (0..1) that repeat a recent SMS exactly when `messages.repeats` is omitted: none. */
export const defaultRepeatShare = 0;
/**
 * A repeated SMS copies one of this many latest fresh SMS: at a few SMS a second the copy lands
 * within a minute of its original, as a tracker resending its position would, and the generator
 * keeps only this many SMS in memory however long a soak runs.
 */
export const repeatWindowMessages = 50;
/** Webhook signing secret shared by device and stub when `server.secret` is omitted: test-only. */
export const defaultSecret = 'smsgw-test-secret';
/** `rate` of a fault when omitted: every request. */
export const defaultFaultRate = 1;
/**
 * `restart` of a `kill: app` step when omitted: the killed app is started again after 1 s unless an
 * SMS starts it first (on a phone, the job scheduler's part).
 */
export const defaultAppRestartMs = 1000;

/** Most SMS one scenario may send in total, so a typo (`count: 1000000000`) cannot run for days. */
export const maxMessages = 10_000_000;
/** Longest duration any field, or the load as a whole, may have. */
export const maxDurationMs = 7 * 24 * 60 * 60 * 1000;
/** Sender numbers are `+1555` and 7 digits, so there are at most this many distinct ones. */
export const maxSenders = 10_000_000;
/**
 * Most devices one fleet may have (`devices:`). Each virtual device is two processes; the cap keeps a
 * typo (`devices: 400`) from starting hundreds of them.
 */
export const maxFleetDevices = 32;
/** Seeds are 32-bit: the generator's PRNG state. */
export const maxSeed = 2 ** 32 - 1;
/** Longest scenario name: it becomes a report folder and a JUnit suite name. */
export const maxNameLength = 64;
/**
 * Largest scenario file read, in bytes. Real ones are a few KB; the cap keeps a wrong path
 * (a log, a disk image, /dev/zero) from being read into memory and handed to the YAML parser.
 */
export const maxFileBytes = 1024 * 1024;
/**
 * Deepest nesting of maps and lists read. A scenario needs about 6; past about a thousand the YAML
 * composer overflows the stack and V8 aborts the process (found by fuzzing).
 */
export const maxNestingDepth = 64;
/** Most problems listed for one file: each is located by a walk of its map, and nobody reads the 10,000th. */
export const maxListedIssues = 100;
