// What the stub's own handlers learn about a request on its way through msw, for the ledger row the
// server records once the answer is written: which faults fired, what the webhook check concluded.
// msw hands every handler the very Request the server passed to `getResponse`, so the Request is the
// key; a request no built-in handler touched (a user handler answered it) has no note.
import type { RequestOutcome } from './ledger';
import type { FaultDice } from './fault-plan';
import type { PayloadGlimpse } from './webhook-payload';

export interface RequestNote {
  /** What fired, in order, for the ledger: `delay:300`, `status:503`, `reset`, `hang`, `outage`, `redirect:301`. */
  readonly faults: string[];
  /** The fault plan's dice for this request, rolled by the first fault handler that sees it. */
  dice: FaultDice | null;
  /** What the built-in handler that answered concluded; null: none did. */
  outcome: RequestOutcome | null;
  /** Null when no secret is configured or no check was made. */
  signatureValid: boolean | null;
  /** The payload, parsed once by the webhook handler when it was valid. */
  payload: PayloadGlimpse | null;
}

export interface RequestNotes {
  /** The note of a request, made on first use. */
  of(request: Request): RequestNote;
  /** The note of a request, if a built-in handler made one. */
  find(request: Request): RequestNote | undefined;
}

export function createRequestNotes(): RequestNotes {
  // Weak: a note lives as long as its request.
  const notes = new WeakMap<Request, RequestNote>();
  return {
    of(request) {
      let note = notes.get(request);
      if (note === undefined) {
        note = { faults: [], dice: null, outcome: null, signatureValid: null, payload: null };
        notes.set(request, note);
      }
      return note;
    },
    find: (request) => notes.get(request),
  };
}
