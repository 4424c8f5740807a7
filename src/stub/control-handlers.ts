import { http, HttpResponse } from 'msw';
import { stubDefaults } from './defaults';
import type { StubStats } from './ledger';

/** `GET /_smsgw/stats` and `GET /_smsgw/health`, for tools attaching to a running stub; never faulted. */
export function controlHandlers(stats: () => StubStats, prefix: string = stubDefaults.controlPrefix) {
  return [
    http.get(`${prefix}/stats`, () => HttpResponse.json(stats())),
    http.get(`${prefix}/health`, () => HttpResponse.json({ ok: true })),
  ];
}
