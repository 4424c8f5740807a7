// server.faults: what the stub does to some requests — answer a status, delay, reset, hang, redirect,
// be down, or serve HTTPS with a certificate no client trusts.
import { z } from 'zod';
import { defaultFaultRate } from './defaults';
import { expected } from '../units';
import { duration, fraction, oneOfWords } from './fields';
import { tagged } from './tagged-union';

/** `{ at: 5s, for: 10s }`: a stretch of time measured from the start of the load. */
export const windowSchema = z
  .strictObject({
    at: duration('at', { zero: true }).describe('When the window opens, after the load starts.'),
    for: duration('for').describe('How long the window stays open.'),
  })
  .transform((window) => ({ atMs: window.at, forMs: window.for }));
export type Window = z.output<typeof windowSchema>;

const rateField = fraction('rate')
  .prefault(defaultFaultRate)
  .describe('Share of requests hit, 0.2 or "20%" (default: every request).');
const during = windowSchema.optional().describe('Only within this window (default: the whole run).');
const onlyTrue = (name: string) => z.literal(true, { error: () => `Expected \`${name}\` to be true` });

const statusFault = z
  .strictObject({
    // 1xx cannot be a final answer (a Fetch Response cannot carry one), so faults start at 200.
    status: z.int().min(200).max(599).describe('HTTP status to answer with, 200..599, e.g. 503.'),
    rate: rateField,
    retryAfter: duration('retryAfter').optional().describe('Retry-After header to send (default: none).'),
    during,
  })
  .transform((f) => ({
    kind: 'status' as const,
    status: f.status,
    rate: f.rate,
    retryAfterMs: f.retryAfter ?? null,
    window: f.during ?? null,
  }));

const delayFault = z
  .strictObject({ delay: duration('delay').describe('Extra time before answering.'), rate: rateField, during })
  .transform((f) => ({ kind: 'delay' as const, delayMs: f.delay, rate: f.rate, window: f.during ?? null }));

const resetFault = z
  .strictObject({
    reset: onlyTrue('reset').describe('Reset the connection without answering.'),
    rate: rateField,
    during,
  })
  .transform((f) => ({ kind: 'reset' as const, rate: f.rate, window: f.during ?? null }));

const hangFault = z
  .strictObject({ hang: onlyTrue('hang').describe('Accept the request and never answer.'), rate: rateField, during })
  .transform((f) => ({ kind: 'hang' as const, rate: f.rate, window: f.during ?? null }));

const outageFault = z
  .strictObject({ outage: windowSchema.describe('The server refuses connections for this window.') })
  .transform((f) => ({ kind: 'outage' as const, window: f.outage }));

const redirectStatuses = [301, 302, 307, 308] as const;

/** A path on the stub, where the redirect sends the request; the stub's own `/_smsgw/` endpoints are not one. */
const redirectTarget = z
  .string({ error: (issue) => expected('to', 'a path like /elsewhere', issue.input) })
  .regex(/^\/(?!_smsgw(\/|$))[^\s?#]*$/, {
    error: (issue) => expected('to', 'a path like /elsewhere, outside /_smsgw', issue.input),
  });

const redirectFault = z
  .strictObject({
    redirect: z
      .literal(redirectStatuses, { error: (issue) => expected('redirect', '301, 302, 307 or 308', issue.input) })
      .describe('Answer with this redirect: 301 | 302 | 307 | 308.'),
    to: redirectTarget.describe(
      'Location of the redirect, a path on the stub; whatever follows it there gets a 200 and nothing is accepted.',
    ),
    rate: rateField,
    during,
  })
  .transform((f) => ({
    kind: 'redirect' as const,
    status: f.redirect,
    to: f.to,
    rate: f.rate,
    window: f.during ?? null,
  }));

const tlsFault = z
  .strictObject({
    tls: oneOfWords('tls', ['self-signed']).describe(
      'Serve the whole stub over HTTPS with a self-signed certificate that no client trusts by default.',
    ),
  })
  .transform((f) => ({ kind: 'tls' as const, certificate: f.tls }));

/** One fault; the stub applies them per request, in order, by rate or time window. */
export const faultSchema = tagged(
  z.union([statusFault, delayFault, resetFault, hangFault, outageFault, redirectFault, tlsFault]),
  {
    label: 'fault',
    tags: ['status', 'delay', 'reset', 'hang', 'outage', 'redirect', 'tls'],
    example: '{ status: 503, rate: 0.2, retryAfter: 1s }',
  },
);
export type Fault = z.output<typeof faultSchema>;
