// Applies `smsgw://configure…` links: the one the app was opened with, and any that arrive later.
import { useEffect, useState } from 'react';
import type { AppService } from '../services/app-service';
import { parseDeepLink } from '../services/deep-link';

/** The slice of React Native's Linking used here, injectable for tests. */
export interface LinkingLike {
  getInitialURL(): Promise<string | null>;
  addEventListener(type: 'url', handler: (event: { url: string }) => void): { remove(): void };
}

/** What the last link did, for a banner: null until a link of ours arrives. */
export type DeepLinkOutcome = { readonly ok: boolean; readonly message: string } | null;

export async function applyDeepLink(
  link: string,
  appService: Pick<AppService, 'saveSettings'>,
): Promise<DeepLinkOutcome> {
  const parsed = parseDeepLink(link);
  if (parsed.kind === 'ignored') return null;
  if (parsed.kind === 'invalid') return { ok: false, message: `Link not applied: ${parsed.problems.join('; ')}` };
  const saved = await appService.saveSettings(parsed.patch);
  if (saved.kind === 'invalid') return { ok: false, message: `Link not applied: ${saved.problems.join('; ')}` };
  return { ok: true, message: `Configured: webhook ${saved.settings.webhookUrl}` };
}

export function useDeepLink(linking: LinkingLike, appService: Pick<AppService, 'saveSettings'>): DeepLinkOutcome {
  const [outcome, setOutcome] = useState<DeepLinkOutcome>(null);
  useEffect(() => {
    let live = true;
    const handle = (link: string | null) => {
      if (link === null) return;
      applyDeepLink(link, appService).then(
        (result) => live && result !== null && setOutcome(result),
        (error: unknown) => live && setOutcome({ ok: false, message: `Link not applied: ${String(error)}` }),
      );
    };
    void linking.getInitialURL().then(handle);
    const subscription = linking.addEventListener('url', (event) => handle(event.url));
    return () => {
      live = false;
      subscription.remove();
    };
  }, [linking, appService]);
  return outcome;
}
