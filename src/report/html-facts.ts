// The "Device at the end", "Stub" and "Environment" tables of report.html: every name in words, every
// value as a person reads it (times, sizes, instants), nothing shown as JSON.
import { localDateTime, readableBytes, readableDuration, readablePercent, wordsOf } from './html-format';
import { escapeXml } from './svg-kit';

/** How one value reads for a person. */
type Reading = (value: unknown) => string;

const count: Reading = (value) => (typeof value === 'number' ? value.toLocaleString('en-US') : plain(value));
const duration: Reading = (value) => (typeof value === 'number' ? readableDuration(value) : plain(value));
const instant: Reading = (value) => (typeof value === 'number' ? localDateTime(value) : plain(value));
const bytes: Reading = (value) => (typeof value === 'number' ? readableBytes(value) : plain(value));
const percent: Reading = (value) => (typeof value === 'number' ? readablePercent(value) : plain(value));
const yesNo =
  (yes: string, no: string): Reading =>
  (value) =>
    value === true ? yes : value === false ? no : plain(value);

/** A pause or an error the device holds as `{ reason | message, category, at? }`; null is "no". */
const cause: Reading = (value) => {
  if (value === null || value === undefined) return 'no';
  if (typeof value !== 'object') return plain(value);
  const { reason, message, category, at } = value as Record<string, unknown>;
  const what = typeof reason === 'string' ? reason : typeof message === 'string' ? message : nested(value);
  const kind = typeof category === 'string' ? ` (${category})` : '';
  const when = typeof at === 'number' ? `, at ${localDateTime(at)}` : '';
  return `${what}${kind}${when}`;
};

/** Any value, read by its shape alone: lists joined, records as `name value` pairs, never JSON. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  if (Array.isArray(value)) return value.length ? value.map(plain).join('; ') : 'none';
  if (typeof value === 'object') return nested(value);
  return String(value);
}

function nested(value: object): string {
  const entries = Object.entries(value);
  return entries.length
    ? entries.map(([key, inner]) => `${wordsOf(key).toLowerCase()} ${plain(inner)}`).join(' · ')
    : 'none';
}

/** What a key's name says of its value, for keys no table names: `…Ms` a time, `…At` an instant, `…Bytes` a size. */
function byName(key: string): Reading {
  if (/Ms$/.test(key)) return duration;
  if (/At$/.test(key)) return (value) => (typeof value === 'number' && value > 1e11 ? instant(value) : plain(value));
  if (/Bytes$/.test(key)) return bytes;
  return plain;
}

/** A table's known keys: the label a person reads, and how the value reads. */
type Labels = Readonly<Record<string, readonly [label: string, reading: Reading]>>;

/** The app engine's health, as `/health` and the virtual device give it. */
const deviceLabels: Labels = {
  status: ['Status', plain],
  reasons: ['Why not healthy', (value) => (Array.isArray(value) && value.length === 0 ? 'nothing' : plain(value))],
  queueSize: ['Queue depth', count],
  pending: ['Waiting to be sent', count],
  sending: ['Being sent', count],
  retrying: ['Waiting to retry', count],
  inFlight: ['Requests in flight', count],
  delivered: ['Delivered', count],
  failed: ['Failed (dead-lettered)', count],
  gaveUp: ['Given up on (retry budget spent)', count],
  deliveredToday: ['Delivered today', count],
  totalToday: ['Received today', count],
  successRate24h: ['Success rate, last 24 h', percent],
  failed24h: ['Failed, last 24 h', count],
  oldestPendingAgeMs: ['Oldest SMS waiting', (value) => (value === 0 ? 'none waiting' : duration(value))],
  latencyP50Ms: ["Latency p50, the device's own figure", duration],
  latencyP95Ms: ["Latency p95, the device's own figure", duration],
  lastError: ['Last error', (value) => (value === null ? 'none' : cause(value))],
  network: ['Network', plain],
  dispatcherRunning: ['Dispatcher', yesNo('running', 'stopped')],
  paused: ['Queue paused', cause],
  receiverPaused: ['SMS receiver paused', cause],
  breaker: ['Circuit breaker', plain],
  lastRunAt: ['Last dispatch run', instant],
  generatedAt: ['Figures taken at', instant],
  rssBytes: ['Memory (RSS)', bytes],
  backlog: ['Inbox backlog (not yet queued)', count],
};

const faultNames: Readonly<Record<string, string>> = {
  status: 'status answers (e.g. 503)',
  delay: 'delayed answers',
  reset: 'connections reset',
  hang: 'requests left hanging',
  outageDropped: 'dropped by an outage',
  redirect: 'redirects',
  redirectFollowed: 'redirects followed',
};

/** The faults that fired, by name; the ones that never did are left out. */
const faults: Reading = (value) => {
  if (value === null || typeof value !== 'object') return plain(value);
  const fired = Object.entries(value as Record<string, unknown>).filter(([, times]) => times !== 0);
  return fired.length
    ? fired.map(([name, times]) => `${plain(times)} ${faultNames[name] ?? wordsOf(name).toLowerCase()}`).join(' · ')
    : 'none';
};

/** The stub server's own counts. */
const stubLabels: Labels = {
  requests: ['Requests', count],
  accepted: ['Accepted (distinct keys)', count],
  redeliveries: ['Delivered again (answered duplicate)', count],
  rejected4xx: ['Rejected by validation (400, 401)', count],
  badSignatures: ['Missing or invalid signatures', count],
  staleSignatures: ['Stale signatures', count],
  replays: ['Replayed signatures', count],
  faults: ['Faults fired', faults],
  handlerErrors: ['Handler errors (answered 500)', count],
  tlsRefusals: ['TLS handshakes refused', count],
  lastRequestAt: ['Last request', (value) => (value === null ? 'none' : instant(value))],
};

const environmentLabels: Labels = {
  runId: ['Run id', plain],
  node: ['Node.js', plain],
  platform: ['Platform', plain],
  cpus: ['CPUs', count],
  device: ['Device', plain],
};

/** A two-column table of `facts`: known keys in their table's order first, then any others by name. */
function factsTable(id: string, facts: Readonly<Record<string, unknown>>, labels: Labels): string {
  const known = Object.keys(labels).filter((key) => key in facts);
  const others = Object.keys(facts).filter((key) => !(key in labels));
  const rows = [...known, ...others]
    .map((key) => {
      const [label, reading] = labels[key] ?? [wordsOf(key), byName(key)];
      return `<tr data-key="${escapeXml(key)}"><th>${escapeXml(label)}</th><td>${escapeXml(reading(facts[key]))}</td></tr>`;
    })
    .join('');
  return `<table id="${escapeXml(id)}" class="facts">${rows || '<tr><td>none recorded</td></tr>'}</table>`;
}

/** The device's health at the end, its memory beside it; older reports held the health flat. */
export function deviceTable(device: Readonly<Record<string, unknown>>): string {
  const { engine, ...rest } = device as { engine?: unknown };
  const flat = engine && typeof engine === 'object' ? { ...(engine as Record<string, unknown>), ...rest } : device;
  return factsTable('device', flat, deviceLabels);
}

export const stubTable = (stub: Readonly<Record<string, unknown>>): string => factsTable('stub', stub, stubLabels);

export const environmentTable = (environment: Readonly<Record<string, unknown>>): string =>
  factsTable('environment', environment, environmentLabels);
