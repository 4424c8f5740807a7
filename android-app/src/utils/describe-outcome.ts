// One line for the Settings screen from the classifier's verdict on a test webhook.
import type { SendOutcome } from '../engine';

/** "Delivered (HTTP 200)", "Rejected (http-rejected): HTTP 400 Bad Request (client error): …", … */
export function describeOutcome(outcome: SendOutcome): string {
  switch (outcome.kind) {
    case 'delivered':
      return `Delivered (HTTP ${outcome.httpStatus})`;
    case 'retry':
      return `Would retry (${outcome.category}): ${outcome.error}`;
    case 'reject':
      return `Rejected (${outcome.category}): ${outcome.error}`;
    case 'pause':
      return `Configuration problem: ${outcome.error}`;
  }
}
