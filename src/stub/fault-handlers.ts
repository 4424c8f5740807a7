// The scenario's per-request faults as msw handlers, one per fault, in the scenario's order, before the
// webhook handler. A fault that does not fire on a request answers nothing, so msw moves on to the next
// handler; one that answers (a status, a reset, a hang, a redirect) ends the request there; a delay
// waits and moves on.
//
// Waits are the stub's own abortable sleeps rather than msw's `delay()`: a delay cannot be cut short
// by msw's when the client goes (or an outage drops the connection), so its timer would hold the
// process for the rest of the delay, and a timer may wake a ms before the ledger's wall clock says the
// time is up.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { jsonAnswer } from './json-answer';
import { abortableSleep, abortableSleepUntil } from './abortable-sleep';
import type { FaultPlan, RequestFault } from './fault-plan';
import type { RequestNote, RequestNotes } from './request-notes';

export interface FaultHandlerOptions {
  /** The webhook route the faults apply to. */
  readonly path: string;
  readonly plan: FaultPlan;
  readonly notes: RequestNotes;
  /** Ms since the fault clock start, for windowed faults. */
  readonly faultClockMs: () => number;
  /** A hanging request is dropped after this many ms. */
  readonly hangCapMs: number;
  /** True while an outage holds the server down: a delayed request dropped then is counted as an outage drop. */
  readonly isDown: () => boolean;
}

/** Statuses whose responses carry no body (Fetch's null body statuses). */
const nullBody = new Set([204, 205, 304]);

type FiredNote = (request: Request) => RequestNote | null;

/** The fault handlers, in the plan's order. */
export function faultHandlers(options: FaultHandlerOptions): HttpHandler[] {
  const { plan, notes, faultClockMs } = options;
  return plan.perRequest.map((fault, index) => {
    // The first fault handler to see a request rolls the dice of all of them, at once.
    const fired: FiredNote = (request) => {
      const note = notes.of(request);
      note.dice ??= plan.decide(faultClockMs());
      return note.dice.has(index) ? note : null;
    };
    return http.post(options.path, faultResolver(fault, fired, options));
  });
}

/** One handler for the target of each redirect fault, placed after the webhook's. */
export function redirectTargetHandlers({ plan, notes }: Pick<FaultHandlerOptions, 'plan' | 'notes'>): HttpHandler[] {
  const targets = new Set(plan.perRequest.flatMap((fault) => (fault.kind === 'redirect' ? [fault.to] : [])));
  return [...targets].map((to) => redirectTarget(to, notes));
}

function faultResolver(
  fault: RequestFault,
  fired: FiredNote,
  { hangCapMs, isDown }: FaultHandlerOptions,
): (info: { request: Request }) => Promise<Response | undefined> {
  switch (fault.kind) {
    case 'status':
      return async ({ request }) => {
        const note = fired(request);
        return note === null ? undefined : statusAnswer(note, fault.status, fault.retryAfterMs);
      };
    case 'delay':
      return async ({ request }) => {
        const note = fired(request);
        if (note === null) return undefined;
        note.faults.push(`delay:${fault.delayMs}`);
        // From now on the ledger's own clock, so answered_at − arrived_at is never below the delays.
        if (await abortableSleepUntil(Date.now() + fault.delayMs, request.signal)) return undefined;
        if (isDown()) note.faults.push('outage');
        note.outcome = 'dropped';
        return HttpResponse.error();
      };
    case 'reset':
      return async ({ request }) => {
        const note = fired(request);
        if (note === null) return undefined;
        note.faults.push('reset');
        note.outcome = 'fault';
        return HttpResponse.error();
      };
    case 'hang':
      return async ({ request }) => {
        const note = fired(request);
        if (note === null) return undefined;
        note.faults.push('hang');
        note.outcome = 'fault';
        await abortableSleep(hangCapMs, request.signal);
        return HttpResponse.error();
      };
    case 'redirect':
      return async ({ request }) => {
        const note = fired(request);
        if (note === null) return undefined;
        note.faults.push(`redirect:${fault.status}`);
        note.outcome = 'fault';
        return new HttpResponse(null, { status: fault.status, headers: { location: fault.to } });
      };
  }
}

function statusAnswer(note: RequestNote, status: number, retryAfterMs: number | null): Response {
  note.faults.push(`status:${status}`);
  note.outcome = 'fault';
  const headers: Record<string, string> =
    retryAfterMs === null ? {} : { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) };
  if (nullBody.has(status)) return new HttpResponse(null, { status, headers });
  return jsonAnswer({ status: 'fault', fault: `status:${status}` }, { status, headers });
}

/**
 * Where a redirect fault sends the request: whatever follows it there (a GET after a 301 or 302, the
 * POST again after a 307 or 308) gets a 200 and nothing is accepted, so a gateway that follows
 * redirects believes the SMS delivered while the server never took it.
 */
function redirectTarget(to: string, notes: RequestNotes): HttpHandler {
  return http.all(to, ({ request }) => {
    const note = notes.of(request);
    note.faults.push('redirect-followed');
    note.outcome = 'fault';
    return jsonAnswer({ status: 'redirected', accepted: false });
  });
}
