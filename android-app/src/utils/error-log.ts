// The Errors screen's log, built from the messages' last errors: the engine keeps an `errors` table
// but exposes no query over it, so this is the public API's best view (see the report, issue 3).
import type { ErrorCategory, StoredMessage } from '../gateway/types';

export interface ErrorEntry {
  readonly messageId: string;
  readonly sender: string;
  readonly status: StoredMessage['status'];
  readonly category: ErrorCategory;
  readonly message: string;
  readonly httpStatus: number | null;
  readonly attempts: number;
}

export const errorCategories: readonly ErrorCategory[] = [
  'network', 'http-transient', 'http-rejected', 'configuration', 'permissions', 'database', 'unknown',
];

/** Messages that carry an error (delivered ones after a retry included), newest first as given. */
export function errorEntries(messages: readonly StoredMessage[]): ErrorEntry[] {
  return messages
    .filter((message) => message.lastError !== null)
    .map((message) => ({
      messageId: message.messageId,
      sender: message.sender,
      status: message.status,
      category: message.lastErrorCategory ?? 'unknown',
      message: message.lastError ?? '',
      httpStatus: message.httpStatus,
      attempts: message.attempts,
    }));
}

/** How many entries per category, every category present (zero included) in a fixed order. */
export function countByCategory(entries: readonly ErrorEntry[]): Record<ErrorCategory, number> {
  const counts = Object.fromEntries(errorCategories.map((category) => [category, 0])) as Record<ErrorCategory, number>;
  for (const entry of entries) counts[entry.category]++;
  return counts;
}
