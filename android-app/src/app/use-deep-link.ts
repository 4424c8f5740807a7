// `smsgw://configure…` links (the one the app was opened with, and any that arrive later) become a
// proposal the user sees on screen; nothing is written until they press Apply. A link is something
// any web page can open, and it could send every SMS, one-time codes included, elsewhere.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppService } from '../services/app-service';
import { describeConfigurationChange, parseDeepLink, type ConfigurationChange } from '../services/deep-link';
import type { SettingsPatch } from '../services/settings-store';

/** The slice of React Native's Linking used here, injectable for tests. */
export interface LinkingLike {
  getInitialURL(): Promise<string | null>;
  addEventListener(type: 'url', handler: (event: { url: string }) => void): { remove(): void };
}

/** What the last link came to, for a banner: null until a link of ours is refused, applied or cancelled. */
export type DeepLinkOutcome = { readonly ok: boolean; readonly message: string } | null;

/** A link waiting for the user: the exact patch Apply writes, and what it changes. */
export interface ProposedLink {
  readonly patch: SettingsPatch;
  readonly change: ConfigurationChange;
}

export type LinkProposal =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'refused'; readonly outcome: NonNullable<DeepLinkOutcome> }
  | { readonly kind: 'confirm'; readonly proposed: ProposedLink };

const refused = (problems: readonly string[]): LinkProposal => ({
  kind: 'refused',
  outcome: { ok: false, message: `Link not applied: ${problems.join('; ')}` },
});

/** Reads a link against the current settings; writes nothing. */
export async function proposeDeepLink(link: string, appService: Pick<AppService, 'settings'>): Promise<LinkProposal> {
  const parsed = parseDeepLink(link);
  if (parsed.kind === 'ignored') return parsed;
  if (parsed.kind === 'invalid') return refused(parsed.problems);
  const change = describeConfigurationChange(await appService.settings(), parsed.patch);
  if (change === null) return refused(['the webhook URL names no host']);
  return { kind: 'confirm', proposed: { patch: parsed.patch, change } };
}

/** Writes what the user confirmed: the proposal's patch, nothing else. */
export async function applyProposedLink(
  proposed: ProposedLink,
  appService: Pick<AppService, 'saveSettings'>,
): Promise<NonNullable<DeepLinkOutcome>> {
  const saved = await appService.saveSettings(proposed.patch);
  if (saved.kind === 'invalid') return { ok: false, message: `Link not applied: ${saved.problems.join('; ')}` };
  return { ok: true, message: `Configured: webhook ${saved.settings.webhookUrl}` };
}

export interface DeepLinkState {
  readonly outcome: DeepLinkOutcome;
  /**
   * The link waiting for Apply or Cancel. A link that arrives meanwhile is turned away, never shown in
   * its place: what the user reads is what Apply writes, even if a page fires a second link just as
   * they tap.
   */
  readonly proposed: ProposedLink | null;
  readonly applying: boolean;
  apply(): void;
  cancel(): void;
}

/** Follows Linking and turns each link of ours into a proposal; `cancel` drops it, `apply` writes it. */
function useProposals(linking: LinkingLike, appService: Pick<AppService, 'settings'>) {
  const [outcome, setOutcome] = useState<DeepLinkOutcome>(null);
  const [proposed, setProposedState] = useState<ProposedLink | null>(null);
  // Read by the Linking handler, which must see a proposal set since its last render.
  const waiting = useRef<ProposedLink | null>(null);
  const setProposed = useCallback((next: ProposedLink | null) => {
    waiting.current = next;
    setProposedState(next);
  }, []);
  useEffect(() => {
    let live = true;
    const handle = (link: string | null) => {
      if (link === null) return;
      proposeDeepLink(link, appService).then(
        (proposal) => {
          if (!live || proposal.kind === 'ignored') return;
          if (proposal.kind === 'refused') setOutcome(proposal.outcome);
          else if (waiting.current !== null)
            setOutcome({ ok: false, message: 'Link ignored: another link was waiting; open it again after that one' });
          else {
            setOutcome(null);
            setProposed(proposal.proposed);
          }
        },
        (error: unknown) => live && setOutcome({ ok: false, message: `Link not applied: ${String(error)}` }),
      );
    };
    void linking.getInitialURL().then(handle);
    const subscription = linking.addEventListener('url', (event) => handle(event.url));
    return () => {
      live = false;
      subscription.remove();
    };
  }, [linking, appService, setProposed]);
  return { outcome, setOutcome, proposed, setProposed };
}

export function useDeepLink(
  linking: LinkingLike,
  appService: Pick<AppService, 'settings' | 'saveSettings'>,
): DeepLinkState {
  const { outcome, setOutcome, proposed, setProposed } = useProposals(linking, appService);
  const [applying, setApplying] = useState(false);
  // A second press before React re-renders must not write twice.
  const busy = useRef(false);
  const apply = useCallback(() => {
    if (proposed === null || busy.current) return;
    busy.current = true;
    setApplying(true);
    applyProposedLink(proposed, appService)
      .catch((error: unknown) => ({ ok: false, message: `Link not applied: ${String(error)}` }))
      .then((result) => {
        busy.current = false;
        setApplying(false);
        setOutcome(result);
        setProposed(null);
      });
  }, [proposed, appService, setOutcome, setProposed]);
  const cancel = useCallback(() => {
    if (proposed === null || busy.current) return;
    setProposed(null);
    setOutcome({ ok: true, message: 'Link cancelled: settings unchanged' });
  }, [proposed, setOutcome, setProposed]);
  return { outcome, proposed, applying, apply, cancel };
}
